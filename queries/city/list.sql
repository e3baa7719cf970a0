-- Purpose: Cities to pick from on the city page: the cities abroad visited by the trips matching the filters, with how many of those trips went there and how many of their meetings were held there.
-- Grain: one row per city, most met first.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes
with matching as (
    select trip_id from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
),
visits as (
    select p.city_id, count(*) as trips
    from trip_places() p
    where p.abroad
      and p.trip_id in (select trip_id from matching)
      and ($countries is null or list_contains($countries, p.country_iso2))
      and ($city_ids is null or list_contains($city_ids, p.city_id))
    group by p.city_id
),
met as (
    select city_id, count(*) as meetings
    from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
    where city_id is not null
    group by city_id
)
select c.city_id, c.name_ko, c.name_en, c.country_iso2, co.name_ko as country_ko, co.name_en as country_en,
       v.trips, coalesce(met.meetings, 0) as meetings
from visits v
join cities c on c.city_id = v.city_id
left join countries co on co.iso2 = c.country_iso2
left join met on met.city_id = v.city_id
order by coalesce(met.meetings, 0) desc, v.trips desc, c.name_ko, c.city_id
