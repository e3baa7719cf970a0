-- Purpose: Before a new version of a document is stored, remove the travellers read from the old one.
-- Grain: deletes rows.
-- Params: $document_id
delete from trip_travellers where document_id = $document_id
