-- Purpose: The agenda of the given meetings; entity pages pass the meetings they show.
-- Grain: one row per agenda item, by meeting and source order.
-- Params: $meeting_ids
select g.meeting_id, g.agenda_item_id, g.seq, g.start_time, g.end_time, g.topic, g.lead
from meeting_agenda_items g
where list_contains($meeting_ids, g.meeting_id)
order by g.meeting_id, g.seq
