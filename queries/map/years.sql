-- Purpose: How many matching trips started in each year (bounds of the map's year range and playback); trips without dates are counted in a row whose year is null.
-- Grain: one row per calendar year that has a matching trip, oldest first, then the undated trips (if any).
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes
select year(coalesce(t.start_date, t.end_date)) as year, count(*) as trips
from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) t
group by 1
order by 1 nulls last
