-- Purpose: Cities visited on any trip, for the filter bar.
-- Grain: one row per city.
-- Params: none
select c.city_id, c.name_ko, c.name_en, c.country_iso2, count(distinct p.trip_id) as trips
from trip_places() p
join cities c on c.city_id = p.city_id
where p.abroad
group by all
order by c.name_ko
