-- Purpose: The key facts of one city from the gazetteer: names in Korean and English, country, time zone, population, coordinates and other spellings.
-- Grain: one row (none when the city is not in the database).
-- Params: $city_id
select c.city_id, c.name_ko, c.name_en, c.country_iso2, co.name_ko as country_ko, co.name_en as country_en,
       co.continent, c.admin1, c.lat, c.lon, c.timezone, c.population, c.aliases
from cities c
left join countries co on co.iso2 = c.country_iso2
where c.city_id = $city_id
