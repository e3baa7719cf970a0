-- Purpose: Countries visited on any trip, for the filter bar.
-- Grain: one row per country.
-- Params: none
select c.iso2, c.name_ko, c.name_en, count(distinct p.trip_id) as trips
from trip_places() p
join countries c on c.iso2 = p.country_iso2
where p.abroad
group by all
order by c.name_ko
