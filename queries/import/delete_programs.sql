-- Purpose: Before a new version of a document is stored, remove the programs read from the old one.
-- Grain: deletes rows.
-- Params: $document_id
delete from programs where document_id = $document_id
