-- Purpose: Before a new version of a document is stored, remove the meetings read from the old one.
-- Grain: deletes rows.
-- Params: $document_id
delete from meetings where document_id = $document_id
