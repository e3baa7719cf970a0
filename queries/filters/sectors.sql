-- Purpose: Sectors of the institutions met, for the filter bar.
-- Grain: one row per sector code.
-- Params: none
select sector, count(*) as institutions
from (select unnest(sectors) as sector from institutions)
group by sector
order by sector
