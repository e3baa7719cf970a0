-- Purpose: The home cities the matching trips in the map's year range left from (where their routes start and end).
-- Grain: one row per home city.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $year_from, $year_to
select c.city_id, c.name_ko, c.name_en, c.lat, c.lon, count(*) as trips
from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) t
join organizations o on o.organization_id = t.organization_id
join cities c on c.city_id = o.home_city_id
where ($year_from is null or year(coalesce(t.start_date, t.end_date)) >= $year_from)
  and ($year_to is null or year(coalesce(t.start_date, t.end_date)) <= $year_to)
group by c.city_id, c.name_ko, c.name_en, c.lat, c.lon
order by trips desc, c.city_id
