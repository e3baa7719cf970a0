-- Purpose: Save a follow-up's editable values only if nobody saved it since the version the editor started from (no lost updates); returns the new version, or no row when refused.
-- Grain: zero or one row.
-- Params: $follow_up_id, $expected_version, $action, $stage, $owner, $due_date, $next_action, $priority, $changed_at, $user
update follow_ups
set action = $action,
    stage = $stage,
    owner = $owner,
    due_date = $due_date,
    next_action = $next_action,
    priority = $priority,
    updated_at = $changed_at,
    updated_by = $user,
    edited_by_hand = true,
    version = version + 1
where follow_up_id = $follow_up_id
  and version = $expected_version
returning version
