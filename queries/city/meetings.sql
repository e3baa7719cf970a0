-- Purpose: The meetings held in one city by the trips matching the filters, with their institution, trip and the time zone their times are local to; total counts them all when $limit cuts the list.
-- Grain: one row per meeting, earliest first (undated last), at most $limit rows.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $city_id, $limit
with here as (
    select m.*
    from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) m
    where m.city_id = $city_id
)
select m.meeting_id, m.trip_id, t.title as trip_title, t.start_date as trip_start, t.end_date as trip_end,
       o.name_ko as organization_ko, o.name_en as organization_en,
       m.seq, m.title, m.meeting_date, m.start_time, m.end_time, m.kind, m.place, m.purpose, m.key_points,
       m.attendee_count_stated, m.line_start, m.line_end,
       m.institution_id, i.name_ko as institution_ko, i.name_en as institution_en,
       m.city_id, c.name_ko as city_ko, c.name_en as city_en, c.timezone as timezone,
       m.document_id, doc.file_name as source_file,
       count(*) over () as total
from here m
join trips t on t.trip_id = m.trip_id
join organizations o on o.organization_id = t.organization_id
left join institutions i on i.institution_id = m.institution_id
left join cities c on c.city_id = m.city_id
left join documents doc on doc.document_id = m.document_id
order by m.meeting_date nulls last, m.start_time nulls last, t.start_date, m.trip_id, m.seq
limit $limit
