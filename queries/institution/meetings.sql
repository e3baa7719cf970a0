-- Purpose: Every meeting with one institution across all trips, with its trip and the time zone its times are local to.
-- Grain: one row per meeting, earliest first (undated last).
-- Params: $institution_id
select m.meeting_id, m.trip_id, t.title as trip_title, t.start_date as trip_start, t.end_date as trip_end,
       o.name_ko as organization_ko, o.name_en as organization_en,
       m.seq, m.title, m.meeting_date, m.start_time, m.end_time, m.kind, m.place, m.purpose, m.key_points,
       m.attendee_count_stated, m.city_id, c.name_ko as city_ko, c.name_en as city_en, c.timezone as timezone
from meetings m
join trips t on t.trip_id = m.trip_id
join organizations o on o.organization_id = t.organization_id
left join cities c on c.city_id = m.city_id
where m.institution_id = $institution_id
order by m.meeting_date nulls last, m.start_time nulls last, t.start_date, m.seq
