-- Purpose: The cities one trip touched (destinations, itinerary places, meeting cities) in the order they first appear, and whether each is abroad.
-- Grain: one row per city.
-- Params: $trip_id
select p.city_id, c.name_ko, c.name_en, p.country_iso2, p.abroad, p.first_order
from trip_places() p
join cities c on c.city_id = p.city_id
where p.trip_id = $trip_id
order by p.first_order
