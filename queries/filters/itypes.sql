-- Purpose: Institution types present, for the filter bar.
-- Grain: one row per institution type code.
-- Params: none
select type as itype, count(*) as institutions
from institutions
group by type
order by type
