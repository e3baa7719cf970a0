-- Purpose: Before a new version of a document is stored, remove the data-quality flags raised on the old one.
-- Grain: deletes rows.
-- Params: $document_id
delete from data_quality_flags where document_id = $document_id
