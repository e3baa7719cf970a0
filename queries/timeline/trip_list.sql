-- Purpose: The trips matching the filters for the timeline (all of them with a null $limit; else one page of the list under it) (dates, organization and department, the cities abroad, how many meetings); optionally only the trips of one organization (and department: 0 means trips without one) whose first date falls in [$cell_from, $cell_to), a cell picked on the monthly chart.
-- Grain: one row per trip, earliest first and trips without dates last ; at most $limit rows (all when null), skipping the first $offset.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $organization_id, $department_id, $cell_from, $cell_to, $limit, $offset
with matching as (
    select *
    from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
    where ($organization_id is null or organization_id = $organization_id)
      and ($department_id is null or coalesce(department_id, 0) = $department_id)
      and ($cell_from is null or coalesce(start_date, end_date) >= $cell_from)
      and ($cell_to is null or coalesce(start_date, end_date) < $cell_to)
),
page as (
    select *
    from matching
    order by coalesce(start_date, end_date) nulls last, trip_id
    limit $limit offset $offset
),
places as (
    select p.trip_id,
           list(c.name_ko order by p.first_order) as cities_ko,
           list(c.name_en order by p.first_order) as cities_en,
           list(co.continent order by p.first_order) filter (where co.continent is not null) as continents
    from trip_places() p
    join cities c on c.city_id = p.city_id
    left join countries co on co.iso2 = p.country_iso2
    where p.abroad and p.trip_id in (select trip_id from page)
    group by p.trip_id
),
meeting_counts as (
    select trip_id, count(*) as meetings
    from meetings
    where trip_id in (select trip_id from page)
    group by trip_id
)
select t.trip_id, t.title, t.start_date, t.end_date, t.status,
       t.organization_id, o.name_ko as organization_ko, o.name_en as organization_en,
       t.department_id, d.name_ko as department_ko, d.name_en as department_en,
       coalesce(places.cities_ko, []) as cities_ko, coalesce(places.cities_en, []) as cities_en,
       coalesce(places.continents, []) as continents,
       coalesce(meeting_counts.meetings, 0) as meetings
from page t
join organizations o on o.organization_id = t.organization_id
left join departments d on d.department_id = t.department_id
left join places on places.trip_id = t.trip_id
left join meeting_counts on meeting_counts.trip_id = t.trip_id
order by coalesce(t.start_date, t.end_date) nulls last, t.trip_id
