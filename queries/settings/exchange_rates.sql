-- Purpose: The KRW exchange rates the user set (keys 'fx.USD', 'fx.CAD', …), to show costs in 천원.
-- Grain: one row per currency with a rate.
-- Params: none
select substr(key, 4) as currency, try_cast(value as double) as krw_per_unit
from app_settings
where key like 'fx.%' and try_cast(value as double) > 0
order by currency
