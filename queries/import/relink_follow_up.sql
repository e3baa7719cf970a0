-- Purpose: Point a kept, hand-edited follow-up at the trip and meeting of the document version that replaced its own.
-- Grain: updates one row.
-- Params: $follow_up_id, $trip_id, $meeting_id
update follow_ups set trip_id = $trip_id, meeting_id = $meeting_id where follow_up_id = $follow_up_id
