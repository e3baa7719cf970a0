-- Purpose: The first and last trip dates, to bound the period picker.
-- Grain: one row.
-- Params: none
select min(start_date) as first_date, max(coalesce(end_date, start_date)) as last_date from trips
