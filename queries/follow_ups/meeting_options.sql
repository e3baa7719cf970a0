-- Purpose: The meetings a follow-up added by hand can come from, with their trip and counterpart institution.
-- Grain: one row per meeting.
-- Params: none
select m.meeting_id, m.trip_id, m.seq, m.title, m.meeting_date, m.institution_id,
       i.name_ko as institution_ko, coalesce(i.name_en, i.name_ko) as institution_en
from meetings m
left join institutions i on i.institution_id = m.institution_id
order by m.trip_id desc, m.seq
