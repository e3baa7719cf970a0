-- Purpose: The organization a follow-up belongs to (through its trip, or its meeting's trip), so an edit by a user limited to some organizations can be checked.
-- Grain: zero or one row.
-- Params: $follow_up_id
select coalesce(t.organization_id, mt.organization_id) as organization_id
from follow_ups f
left join trips t on t.trip_id = f.trip_id
left join meetings m on m.meeting_id = f.meeting_id
left join trips mt on mt.trip_id = m.trip_id
where f.follow_up_id = $follow_up_id
