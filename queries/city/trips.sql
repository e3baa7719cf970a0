-- Purpose: The trips matching the filters that went to one city abroad, shaped like timeline/trip_list for the trips-over-time chart, with the meetings they held there (under the filters) and the days they spent there (itinerary rows and meetings in the city).
-- Grain: one row per trip, earliest first (trips without dates last).
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $city_id
with matching as (
    select t.*
    from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) t
    where t.trip_id in (select trip_id from trip_places() where city_id = $city_id and abroad)
),
places as (
    select p.trip_id,
           list(c.name_ko order by p.first_order) as cities_ko,
           list(c.name_en order by p.first_order) as cities_en,
           list(co.continent order by p.first_order) filter (where co.continent is not null) as continents
    from trip_places() p
    join cities c on c.city_id = p.city_id
    left join countries co on co.iso2 = p.country_iso2
    where p.abroad and p.trip_id in (select trip_id from matching)
    group by p.trip_id
),
meeting_counts as (
    select trip_id, count(*) as meetings
    from meetings
    where trip_id in (select trip_id from matching)
    group by trip_id
),
here as (
    select trip_id, count(*) as meetings_here
    from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
    where city_id = $city_id
    group by trip_id
),
stay as (
    select trip_id, min(day_from) as stay_start, max(day_to) as stay_end
    from (
        select trip_id, start_date as day_from, coalesce(end_date, start_date) as day_to
        from itinerary_items
        where city_id = $city_id and trip_id in (select trip_id from matching)
        union all
        select trip_id, meeting_date, meeting_date
        from meetings
        where city_id = $city_id and meeting_date is not null and trip_id in (select trip_id from matching)
    )
    group by trip_id
)
select t.trip_id, t.title, t.start_date, t.end_date, t.status,
       t.organization_id, o.name_ko as organization_ko, o.name_en as organization_en,
       t.department_id, d.name_ko as department_ko, d.name_en as department_en,
       coalesce(places.cities_ko, []) as cities_ko, coalesce(places.cities_en, []) as cities_en,
       coalesce(places.continents, []) as continents,
       coalesce(meeting_counts.meetings, 0) as meetings,
       coalesce(here.meetings_here, 0) as meetings_here,
       stay.stay_start, stay.stay_end, t.document_id
from matching t
join organizations o on o.organization_id = t.organization_id
left join departments d on d.department_id = t.department_id
left join places on places.trip_id = t.trip_id
left join meeting_counts on meeting_counts.trip_id = t.trip_id
left join here on here.trip_id = t.trip_id
left join stay on stay.trip_id = t.trip_id
order by coalesce(t.start_date, t.end_date) nulls last, t.trip_id
