-- Purpose: The change history (who, when, field, from -> to) of the follow-ups of the current filters, newest first.
-- Grain: one row per recorded change.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes
select e.event_id, e.follow_up_id, e.occurred_at, e.by_user, e.field, e.old_value, e.new_value
from follow_up_events e
where e.follow_up_id in (
    select follow_up_id
    from filtered_follow_ups($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes))
order by e.follow_up_id, e.occurred_at desc, e.event_id desc
