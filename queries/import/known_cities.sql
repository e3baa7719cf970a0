-- Purpose: The cities already stored, so an import only adds the ones it newly refers to.
-- Grain: one row per city.
-- Params: none
select city_id from cities
