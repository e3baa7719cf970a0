-- Purpose: The follow-ups matching the filters that name an institution located in one city (as main counterpart or among those named), with their trip, meeting and counterpart names.
-- Grain: one row per follow-up, by due date (none last).
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $city_id
with located as (
    select institution_id from institutions where city_id = $city_id
),
matching as (
    select f.*
    from filtered_follow_ups($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) f
    where f.institution_id in (select institution_id from located)
       or f.follow_up_id in (select follow_up_id from follow_up_institutions
                             where institution_id in (select institution_id from located))
),
named as (
    select fi.follow_up_id,
           string_agg(i.name_ko, ', ' order by (i.institution_id = f.institution_id) desc, i.institution_id) as counterparts_ko,
           string_agg(coalesce(i.name_en, i.name_ko), ', ' order by (i.institution_id = f.institution_id) desc, i.institution_id) as counterparts_en
    from follow_up_institutions fi
    join matching f on f.follow_up_id = fi.follow_up_id
    join institutions i on i.institution_id = fi.institution_id
    group by fi.follow_up_id
)
select f.follow_up_id, f.action, f.stage, f.priority, f.due_date, f.owner, f.next_action, f.updated_at,
       f.trip_id, t.title as trip_title, f.meeting_id, m.title as meeting_title,
       named.counterparts_ko, named.counterparts_en, f.document_id
from matching f
left join trips t on t.trip_id = f.trip_id
left join meetings m on m.meeting_id = f.meeting_id
left join named on named.follow_up_id = f.follow_up_id
order by f.due_date nulls last, f.follow_up_id
