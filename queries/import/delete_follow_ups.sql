-- Purpose: Before a new version of a document is stored, remove the old one's follow-ups that nobody edited by hand (hand-edited ones are kept).
-- Grain: deletes rows.
-- Params: $document_id
delete from follow_ups where document_id = $document_id and not edited_by_hand
