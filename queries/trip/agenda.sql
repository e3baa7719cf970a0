-- Purpose: The agenda of each meeting of one trip.
-- Grain: one row per agenda item, by meeting and source order.
-- Params: $trip_id
select g.meeting_id, g.agenda_item_id, g.seq, g.start_time, g.end_time, g.topic, g.lead
from meeting_agenda_items g
join meetings m on m.meeting_id = g.meeting_id
where m.trip_id = $trip_id
order by g.meeting_id, g.seq
