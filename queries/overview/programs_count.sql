-- Purpose: How many programs the institutions met under the current filters offer (all programs when unfiltered).
-- Grain: one row.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes
select count(*) as programs
from programs p
where ($date_from is null and $date_to is null and $org_ids is null and $dept_ids is null
       and $countries is null and $city_ids is null and $sectors is null and $itypes is null)
   or p.institution_id in (select institution_id from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes))
