-- Purpose: Institutions to pick from: those met in meetings matching the filters (with how many), plus institutions never met at all (they cannot be filtered by a meeting).
-- Grain: one row per institution, most met first.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes
with met as (
    select institution_id, count(*) as meetings
    from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
    where institution_id is not null
    group by institution_id
)
select i.institution_id, i.name_ko, i.name_en, i.type, c.name_ko as city_ko, c.name_en as city_en,
       coalesce(met.meetings, 0) as meetings
from institutions i
left join met on met.institution_id = i.institution_id
left join cities c on c.city_id = i.city_id
where met.meetings is not null
   or not exists (select 1 from meetings m where m.institution_id = i.institution_id)
order by coalesce(met.meetings, 0) desc, i.name_ko
