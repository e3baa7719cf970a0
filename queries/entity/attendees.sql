-- Purpose: Who attended the given meetings (a row with no name and a headcount stands for "N others"); entity pages pass the meetings they show.
-- Grain: one row per attendee line, by meeting and source order.
-- Params: $meeting_ids
select a.meeting_id, a.attendee_id, a.seq, a.name, a.title, a.organization_name, a.side, a.headcount,
       a.institution_id
from meeting_attendees a
where list_contains($meeting_ids, a.meeting_id)
order by a.meeting_id, case a.side when 'ours' then 0 when 'theirs' then 1 else 2 end, a.seq
