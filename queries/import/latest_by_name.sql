-- Purpose: For each of these file names, the latest stored version no newer version has replaced (a re-import replaces its facts).
-- Grain: one row per file name among $file_names that is stored.
-- Params: $file_names
select d.file_name, max(d.document_id) as document_id
from documents d
where list_contains($file_names::varchar[], d.file_name)
  and not exists (select 1 from documents newer where newer.replaces_document_id = d.document_id)
group by d.file_name
