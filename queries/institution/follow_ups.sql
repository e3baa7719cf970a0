-- Purpose: The follow-ups that concern one institution (as main counterpart or among those named), with the trip and meeting they came from.
-- Grain: one row per follow-up, by due date (none last).
-- Params: $institution_id
select f.follow_up_id, f.action, f.stage, f.priority, f.due_date, f.owner, f.next_action, f.updated_at,
       f.trip_id, t.title as trip_title, f.meeting_id, m.title as meeting_title
from follow_ups f
left join trips t on t.trip_id = f.trip_id
left join meetings m on m.meeting_id = f.meeting_id
where f.institution_id = $institution_id
   or f.follow_up_id in (select follow_up_id from follow_up_institutions where institution_id = $institution_id)
order by f.due_date nulls last, f.follow_up_id
