-- Purpose: The data-quality flags concerning one institution: on the institution itself, its programs and the meetings held with it.
-- Grain: one row per flag, most severe first.
-- Params: $institution_id
select f.flag_id, f.entity_type, f.entity_id, f.code, f.severity, f.message, f.line_start, f.line_end,
       f.resolved_at,
       case when f.entity_type = 'meeting' then f.entity_id end as meeting_id,
       case when f.entity_type = 'program' then f.entity_id end as program_id
from data_quality_flags f
where (f.entity_type = 'institution' and f.entity_id = $institution_id)
   or (f.entity_type = 'program'
       and f.entity_id in (select program_id from programs where institution_id = $institution_id))
   or (f.entity_type = 'meeting'
       and f.entity_id in (select meeting_id from meetings where institution_id = $institution_id))
order by case f.severity when 'error' then 0 when 'warning' then 1 else 2 end, f.line_start nulls last, f.flag_id
