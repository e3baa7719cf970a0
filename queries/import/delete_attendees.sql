-- Purpose: Before a new version of a document is stored, remove the attendees of the meetings read from the old one.
-- Grain: deletes rows.
-- Params: $document_id
delete from meeting_attendees
where meeting_id in (select meeting_id from meetings where document_id = $document_id)
