-- Purpose: The follow-ups that came from one trip, with the meeting they came from and their counterpart institutions.
-- Grain: one row per follow-up, by due date (none last).
-- Params: $trip_id
with named as (
    select fi.follow_up_id,
           string_agg(i.name_ko, ', ' order by (i.institution_id = f.institution_id) desc, i.institution_id) as counterparts_ko,
           string_agg(coalesce(i.name_en, i.name_ko), ', ' order by (i.institution_id = f.institution_id) desc, i.institution_id) as counterparts_en
    from follow_up_institutions fi
    join follow_ups f on f.follow_up_id = fi.follow_up_id
    join institutions i on i.institution_id = fi.institution_id
    where f.trip_id = $trip_id
    group by fi.follow_up_id
)
select f.follow_up_id, f.action, f.stage, f.priority, f.due_date, f.owner, f.next_action, f.updated_at,
       f.trip_id, t.title as trip_title, f.meeting_id, m.title as meeting_title,
       named.counterparts_ko, named.counterparts_en, f.document_id
from follow_ups f
left join trips t on t.trip_id = f.trip_id
left join meetings m on m.meeting_id = f.meeting_id
left join named on named.follow_up_id = f.follow_up_id
where f.trip_id = $trip_id
order by f.due_date nulls last, f.follow_up_id
