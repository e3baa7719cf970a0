-- Purpose: The data-quality flags on the cooperation programs of the institutions met on one trip (trip/flags covers the trip's own facts).
-- Grain: one row per flag, most severe first, then in source order.
-- Params: $trip_id
select f.flag_id, f.entity_type, f.entity_id, f.code, f.severity, f.message, f.line_start, f.line_end,
       f.resolved_at, f.entity_id as program_id
from data_quality_flags f
where f.entity_type = 'program'
  and f.entity_id in (select program_id from programs
                      where institution_id in (select institution_id from meetings where trip_id = $trip_id))
order by case f.severity when 'error' then 0 when 'warning' then 1 else 2 end, f.line_start nulls last, f.flag_id
