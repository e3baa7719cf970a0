-- Purpose: The cities with the most meetings under the current filters.
-- Grain: one row per city, most meetings first.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $limit
select c.city_id, c.name_ko, c.name_en, c.country_iso2, count(*) as meetings, count(distinct m.trip_id) as trips
from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) m
join cities c on c.city_id = m.city_id
group by all
order by meetings desc, c.name_en
limit $limit
