-- Purpose: Who attended the meetings with one institution (a row with no name and a headcount stands for "N others").
-- Grain: one row per attendee line, by meeting and source order.
-- Params: $institution_id
select a.meeting_id, a.attendee_id, a.seq, a.name, a.title, a.organization_name, a.side, a.headcount,
       a.institution_id
from meeting_attendees a
join meetings m on m.meeting_id = a.meeting_id
where m.institution_id = $institution_id
order by a.meeting_id, case a.side when 'ours' then 0 when 'theirs' then 1 else 2 end, a.seq
