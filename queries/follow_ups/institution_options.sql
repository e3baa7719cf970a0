-- Purpose: The institutions a follow-up added by hand can name as counterparts, with their city.
-- Grain: one row per institution.
-- Params: none
select i.institution_id, i.name_ko, coalesce(i.name_en, i.name_ko) as name_en,
       c.name_ko as city_ko, c.name_en as city_en
from institutions i
left join cities c on c.city_id = i.city_id
order by i.name_ko, i.institution_id
