-- Purpose: Before a new version of a document is stored, remove the agenda items of the meetings read from the old one.
-- Grain: deletes rows.
-- Params: $document_id
delete from meeting_agenda_items
where meeting_id in (select meeting_id from meetings where document_id = $document_id)
