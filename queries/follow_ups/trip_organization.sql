-- Purpose: The organization of one trip, so a follow-up added to it by a user limited to some organizations can be checked.
-- Grain: zero or one row.
-- Params: $trip_id
select organization_id from trips where trip_id = $trip_id
