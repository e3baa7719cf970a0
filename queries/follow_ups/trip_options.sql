-- Purpose: The trips a follow-up added by hand can belong to, newest first.
-- Grain: one row per trip.
-- Params: none
select t.trip_id, t.title, t.start_date, t.end_date
from trips t
order by t.start_date desc nulls last, t.trip_id desc
