-- Purpose: Store a gazetteer city the first time a fact refers to it; later calls add aliases only.
-- Grain: writes one row.
-- Params: $city_id, $name_ko, $name_en, $country_iso2, $admin1, $lat, $lon, $timezone, $population, $aliases
insert into cities (city_id, name_ko, name_en, country_iso2, admin1, lat, lon, timezone, population, aliases)
values ($city_id, $name_ko, $name_en, $country_iso2, $admin1, $lat, $lon, $timezone, $population, $aliases::varchar[])
on conflict (city_id) do update
    set aliases = list_distinct(list_concat(cities.aliases, excluded.aliases))
