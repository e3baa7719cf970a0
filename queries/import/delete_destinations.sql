-- Purpose: Before a new version of a document is stored, remove the trip destinations read from the old one.
-- Grain: deletes rows.
-- Params: $document_id
delete from trip_destinations where document_id = $document_id
