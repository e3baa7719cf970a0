-- Purpose: One follow-up's editable values as they are now, with its version and who changed it last.
-- Grain: zero or one row.
-- Params: $follow_up_id
select follow_up_id, action, stage, owner, due_date, next_action, priority,
       version, updated_at, updated_by
from follow_ups
where follow_up_id = $follow_up_id
