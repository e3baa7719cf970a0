-- Purpose: The sectors of the institutions met most often under the current filters.
-- Grain: one row per sector, most meetings first.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $limit
select sector, count(*) as meetings, count(distinct institution_id) as institutions
from (
    select m.institution_id, unnest(i.sectors) as sector
    from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) m
    join institutions i on i.institution_id = m.institution_id
)
where ($sectors is null or list_contains($sectors, sector))
group by sector
order by meetings desc, sector
limit $limit
