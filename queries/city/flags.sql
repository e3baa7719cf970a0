-- Purpose: The data-quality flags concerning what the city page shows for the current filters: the city itself, near-match place readings that resolved to it, itinerary rows and meetings (and their attendees) of matching trips in the city, its institutions, their programs and follow-ups; each with the name of what it concerns.
-- Grain: one row per flag, most severe first, then in source order.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $city_id
with trips_here as (
    select t.trip_id, t.title
    from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) t
    where t.trip_id in (select trip_id from trip_places() where city_id = $city_id and abroad)
),
met as (
    select meeting_id, institution_id, city_id, title
    from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
),
meetings_here as (
    select meeting_id, title from met where city_id = $city_id
),
items_here as (
    select item_id, seq, description
    from itinerary_items
    where city_id = $city_id and trip_id in (select trip_id from trips_here)
),
institutions_shown as (
    select i.institution_id, i.name_ko, i.name_en
    from institutions i
    where (i.institution_id in (select institution_id from met where city_id = $city_id)
           or (i.city_id = $city_id
               and (i.institution_id in (select institution_id from met)
                    or not exists (select 1 from meetings m where m.institution_id = i.institution_id))))
      and ($sectors is null or list_has_any(i.sectors, $sectors))
      and ($itypes is null or list_contains($itypes, i.type))
),
programs_shown as (
    select p.program_id, p.name
    from programs p
    join institutions i on i.institution_id = p.institution_id
    where i.city_id = $city_id
      and (($date_from is null and $date_to is null and $org_ids is null and $dept_ids is null
            and $countries is null and $city_ids is null and $sectors is null and $itypes is null)
           or p.institution_id in (select institution_id from met))
),
located as (
    select institution_id from institutions where city_id = $city_id
),
follow_ups_shown as (
    select f.follow_up_id, f.action
    from filtered_follow_ups($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) f
    where f.institution_id in (select institution_id from located)
       or f.follow_up_id in (select follow_up_id from follow_up_institutions
                             where institution_id in (select institution_id from located))
)
select f.flag_id, f.entity_type, f.entity_id, f.code, f.severity, f.message, f.line_start, f.line_end,
       f.resolved_at, f.document_id,
       case when f.entity_type = 'itinerary_item' then f.entity_id end as item_id,
       case when f.entity_type = 'meeting' then f.entity_id
            when f.entity_type = 'attendee' then a.meeting_id end as meeting_id,
       case when f.entity_type = 'program' then f.entity_id end as program_id,
       case f.entity_type
            when 'trip' then th.title
            when 'itinerary_item' then ih.seq || '. ' || ih.description
            when 'meeting' then mh.title
            when 'attendee' then am.title
            when 'institution' then coalesce(ins.name_ko, ins.name_en)
            when 'program' then ps.name
            when 'follow_up' then fs.action
       end as target_ko,
       case f.entity_type
            when 'institution' then coalesce(ins.name_en, ins.name_ko)
            else null
       end as target_en
from data_quality_flags f
left join meeting_attendees a on f.entity_type = 'attendee' and a.attendee_id = f.entity_id
left join trips_here th on f.entity_type = 'trip' and th.trip_id = f.entity_id
left join items_here ih on f.entity_type = 'itinerary_item' and ih.item_id = f.entity_id
left join meetings_here mh on f.entity_type = 'meeting' and mh.meeting_id = f.entity_id
left join meetings_here am on f.entity_type = 'attendee' and am.meeting_id = a.meeting_id
left join institutions_shown ins on f.entity_type = 'institution' and ins.institution_id = f.entity_id
left join programs_shown ps on f.entity_type = 'program' and ps.program_id = f.entity_id
left join follow_ups_shown fs on f.entity_type = 'follow_up' and fs.follow_up_id = f.entity_id
where (f.entity_type = 'city' and f.entity_id = $city_id)
   or (f.entity_type = 'trip' and f.code = 'place_near_match' and th.trip_id is not null
       and exists (select 1 from trip_destinations d
                   where d.trip_id = f.entity_id and d.city_id = $city_id and d.line_start = f.line_start))
   or ih.item_id is not null
   or mh.meeting_id is not null
   or am.meeting_id is not null
   or ins.institution_id is not null
   or ps.program_id is not null
   or fs.follow_up_id is not null
order by case f.severity when 'error' then 0 when 'warning' then 1 else 2 end, f.line_start nulls last, f.flag_id
