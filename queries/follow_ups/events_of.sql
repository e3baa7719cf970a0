-- Purpose: The change history of one follow-up, newest first (shown after a save or a refused save).
-- Grain: one row per recorded change.
-- Params: $follow_up_id
select event_id, follow_up_id, occurred_at, by_user, field, old_value, new_value
from follow_up_events
where follow_up_id = $follow_up_id
order by occurred_at desc, event_id desc
