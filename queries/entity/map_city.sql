-- Purpose: One city as a row for the map builder (the columns of map/cities), counted over every trip: the trips that went there abroad, the meetings held there and the institutions met there; for an institution's city, or a city no matching trip went to.
-- Grain: one row (none when the city is not in the database).
-- Params: $city_id
select c.city_id, c.name_ko, c.name_en, c.country_iso2, co.name_ko as country_ko, co.name_en as country_en,
       c.lat, c.lon,
       (select count(*) from trip_places() p where p.city_id = c.city_id and p.abroad) as trips,
       (select count(*) from trip_places() p where p.city_id = c.city_id and p.abroad) as visits,
       (select count(*) from meetings m where m.city_id = c.city_id) as meetings,
       null::varchar as sector,
       (select count(distinct m.institution_id) from meetings m where m.city_id = c.city_id) as institutions,
       null as trip_list,
       null as institution_list
from cities c
left join countries co on co.iso2 = c.country_iso2
where c.city_id = $city_id
