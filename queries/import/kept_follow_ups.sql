-- Purpose: The follow-ups of a document that were edited by hand, with the lines they were read from: a new version of the document keeps them.
-- Grain: one row per kept follow-up.
-- Params: $document_id
select f.follow_up_id, f.action, m.title as meeting_title,
       array_to_string(list_slice(string_split(d.raw_text, chr(10)), f.line_start, f.line_end), chr(10)) as source_text
from follow_ups f
join documents d on d.document_id = f.document_id
left join meetings m on m.meeting_id = f.meeting_id
where f.document_id = $document_id and f.edited_by_hand
order by f.follow_up_id
