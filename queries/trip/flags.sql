-- Purpose: The data-quality flags concerning one trip: on the trip itself, its source document, its itinerary items, its meetings and their attendees, and its follow-ups; each with the item or meeting it belongs beside.
-- Grain: one row per flag, most severe first, then in source order.
-- Params: $trip_id
with trip as (
    select trip_id, document_id from trips where trip_id = $trip_id
)
select f.flag_id, f.entity_type, f.entity_id, f.code, f.severity, f.message, f.line_start, f.line_end,
       f.resolved_at,
       case when f.entity_type = 'itinerary_item' then f.entity_id end as item_id,
       case when f.entity_type = 'meeting' then f.entity_id
            when f.entity_type = 'attendee' then a.meeting_id end as meeting_id
from data_quality_flags f
left join meeting_attendees a on f.entity_type = 'attendee' and a.attendee_id = f.entity_id
where (f.entity_type = 'trip' and f.entity_id = (select trip_id from trip))
   or (f.entity_type = 'document' and coalesce(f.entity_id, f.document_id) = (select document_id from trip))
   or (f.entity_type = 'itinerary_item'
       and f.entity_id in (select item_id from itinerary_items where trip_id = $trip_id))
   or (f.entity_type = 'meeting'
       and f.entity_id in (select meeting_id from meetings where trip_id = $trip_id))
   or (f.entity_type = 'attendee'
       and a.meeting_id in (select meeting_id from meetings where trip_id = $trip_id))
   or (f.entity_type = 'follow_up'
       and f.entity_id in (select follow_up_id from follow_ups where trip_id = $trip_id))
order by case f.severity when 'error' then 0 when 'warning' then 1 else 2 end, f.line_start nulls last, f.flag_id
