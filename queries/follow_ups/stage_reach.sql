-- Purpose: For the stage funnel: each follow-up of the current filters with its stage now and every stage its history shows it held (comma-separated codes).
-- Grain: one row per follow-up.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes
with matching as (
    select follow_up_id, stage
    from filtered_follow_ups($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
),
held as (
    select e.follow_up_id, string_agg(distinct e.new_value, ',') as stages
    from follow_up_events e
    where e.field in ('created', 'stage') and e.new_value is not null
      and e.follow_up_id in (select follow_up_id from matching)
    group by e.follow_up_id
)
select m.follow_up_id, m.stage, coalesce(held.stages, '') as stages_held
from matching m
left join held on held.follow_up_id = m.follow_up_id
order by m.follow_up_id
