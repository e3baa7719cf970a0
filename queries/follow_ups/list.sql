-- Purpose: The follow-ups of the current filters with their trip, meeting, counterpart institutions, city and source, for the board, the table and the export.
-- Grain: one row per follow-up.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes
with matching as (
    select * from filtered_follow_ups($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
),
named as (
    -- Names joined into text (not lists): 40,000 rows of lists are slow to cache and copy.
    select fi.follow_up_id,
           count(*) as institution_count,
           first(i.name_ko order by (i.institution_id = f.institution_id) desc, i.institution_id) as institution_ko,
           first(coalesce(i.name_en, i.name_ko) order by (i.institution_id = f.institution_id) desc, i.institution_id) as institution_en,
           string_agg(i.name_ko, ', ' order by (i.institution_id = f.institution_id) desc, i.institution_id) as institutions_ko,
           string_agg(coalesce(i.name_en, i.name_ko), ', ' order by (i.institution_id = f.institution_id) desc, i.institution_id) as institutions_en
    from follow_up_institutions fi
    join matching f on f.follow_up_id = fi.follow_up_id
    join institutions i on i.institution_id = fi.institution_id
    group by fi.follow_up_id
),
history as (
    select e.follow_up_id, count(*) as events
    from follow_up_events e
    where e.follow_up_id in (select follow_up_id from matching)
    group by e.follow_up_id
)
select f.follow_up_id, f.action, f.stage, f.priority, f.owner, f.due_date, f.next_action,
       f.trip_id, t.title as trip_title,
       f.meeting_id, m.title as meeting_title, m.meeting_date,
       f.institution_id,
       coalesce(named.institution_count, 0) as institution_count,
       named.institution_ko, named.institution_en,
       coalesce(named.institutions_ko, '') as institutions_ko,
       coalesce(named.institutions_en, '') as institutions_en,
       c.name_ko as city_ko, c.name_en as city_en,
       f.created_at, f.updated_at, f.updated_by, f.version, f.edited_by_hand,
       f.entered_by, d.file_name as source_file, f.line_start, f.line_end,
       coalesce(history.events, 0) as events
from matching f
left join trips t on t.trip_id = f.trip_id
left join meetings m on m.meeting_id = f.meeting_id
left join institutions mi on mi.institution_id = coalesce(f.institution_id, m.institution_id)
left join cities c on c.city_id = mi.city_id
left join documents d on d.document_id = f.document_id
left join named on named.follow_up_id = f.follow_up_id
left join history on history.follow_up_id = f.follow_up_id
order by f.follow_up_id
