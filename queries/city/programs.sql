-- Purpose: The cooperation programs hosted by institutions located in one city, for the current filters as in the catalogue: all of them when nothing is filtered, else those of institutions met under the filters.
-- Grain: one row per program, by host and name.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $city_id
with unfiltered as (
    select $date_from is null and $date_to is null and $org_ids is null and $dept_ids is null
           and $countries is null and $city_ids is null and $sectors is null and $itypes is null as yes
),
met as (
    select distinct institution_id
    from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
)
select p.program_id, p.name, p.name_en, p.type, p.description, p.provides, p.sectors, p.cost_amount,
       p.cost_currency, p.cost_note, p.duration_text, p.duration_days, p.eligibility, p.funding_source,
       p.institution_id, i.name_ko as institution_ko, coalesce(i.name_en, i.name_ko) as institution_en,
       p.document_id, p.line_start, p.line_end
from programs p
join institutions i on i.institution_id = p.institution_id
where i.city_id = $city_id
  and ((select yes from unfiltered) or p.institution_id in (select institution_id from met))
order by i.name_ko, p.name, p.program_id
