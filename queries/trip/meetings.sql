-- Purpose: The meetings of one trip with their institution, city and the time zone their times are local to.
-- Grain: one row per meeting, in the source's order.
-- Params: $trip_id
select m.meeting_id, m.seq, m.title, m.meeting_date, m.start_time, m.end_time, m.kind, m.place, m.purpose,
       m.key_points, m.attendee_count_stated, m.line_start, m.line_end,
       m.institution_id, i.name_ko as institution_ko, i.name_en as institution_en,
       m.city_id, c.name_ko as city_ko, c.name_en as city_en, c.timezone as timezone
from meetings m
left join institutions i on i.institution_id = m.institution_id
left join cities c on c.city_id = m.city_id
where m.trip_id = $trip_id
order by m.seq
