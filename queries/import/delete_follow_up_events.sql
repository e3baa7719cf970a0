-- Purpose: Before a new version of a document is stored, remove the history of the old one's follow-ups that nobody edited by hand.
-- Grain: deletes rows.
-- Params: $document_id
delete from follow_up_events
where follow_up_id in (select follow_up_id from follow_ups where document_id = $document_id and not edited_by_hand)
