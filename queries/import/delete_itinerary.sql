-- Purpose: Before a new version of a document is stored, remove the itinerary rows read from the old one.
-- Grain: deletes rows.
-- Params: $document_id
delete from itinerary_items where document_id = $document_id
