-- Purpose: Organizations to offer in the filter bar (those with at least one trip).
-- Grain: one row per organization.
-- Params: none
select o.organization_id, o.name_ko, o.name_en, count(t.trip_id) as trips
from organizations o
join trips t on t.organization_id = o.organization_id
group by all
order by o.name_ko
