-- Purpose: How many follow-ups the database holds, whatever the filters (tells "nothing yet" from "nothing matches").
-- Grain: one row.
-- Params: none
select count(*) as follow_ups from follow_ups
