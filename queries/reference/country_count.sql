-- Purpose: How many countries the reference table holds (0 means it still has to be filled).
-- Grain: one row.
-- Params: none
select count(*) as countries from countries
