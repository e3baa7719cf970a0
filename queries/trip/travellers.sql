-- Purpose: The people who went on one trip, as the source lists them.
-- Grain: one row per traveller, in the source's order (the head first).
-- Params: $trip_id
select traveller_id, seq, name, title, organization_name, department_name, role
from trip_travellers
where trip_id = $trip_id
order by case role when 'head' then 0 when 'member' then 1 else 2 end, seq
