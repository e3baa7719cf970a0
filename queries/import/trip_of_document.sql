-- Purpose: The trip read from a document, so the import page can link to it after saving.
-- Grain: zero or one row.
-- Params: $document_id
select trip_id, title
from trips
where document_id = $document_id
order by trip_id
limit 1
