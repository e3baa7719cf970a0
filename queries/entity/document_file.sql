-- Purpose: The kept original of one source document (the uploaded file's bytes) and the text read from it, for a download button; fetched only when the reader asks for it.
-- Grain: one row (none when the document does not exist).
-- Params: $document_id
select document_id, file_name, format, content, raw_text
from documents
where document_id = $document_id
