-- Purpose: The most recent trips for the current filters, with where they went and how many meetings.
-- Grain: one row per trip, newest first.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $limit
with matching as (
    select * from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
),
places as (
    select p.trip_id,
           list(c.name_ko order by p.first_order) as cities_ko,
           list(c.name_en order by p.first_order) as cities_en
    from trip_places() p
    join cities c on c.city_id = p.city_id
    where p.abroad and p.trip_id in (select trip_id from matching)
    group by p.trip_id
),
meeting_counts as (
    select trip_id, count(*) as meetings from meetings
    where trip_id in (select trip_id from matching)
    group by trip_id
)
select t.trip_id, t.title, t.start_date, t.end_date, t.status,
       o.name_ko as organization_ko, o.name_en as organization_en,
       coalesce(places.cities_ko, []) as cities_ko, coalesce(places.cities_en, []) as cities_en,
       coalesce(meeting_counts.meetings, 0) as meetings,
       d.file_name as source_file
from matching t
join organizations o on o.organization_id = t.organization_id
left join places on places.trip_id = t.trip_id
left join meeting_counts on meeting_counts.trip_id = t.trip_id
left join documents d on d.document_id = t.document_id
order by t.start_date desc nulls last, t.trip_id desc
limit $limit
