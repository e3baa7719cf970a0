-- Purpose: The trip and counterpart institution of one meeting, which a follow-up added from that meeting inherits.
-- Grain: zero or one row.
-- Params: $meeting_id
select meeting_id, trip_id, institution_id
from meetings
where meeting_id = $meeting_id
