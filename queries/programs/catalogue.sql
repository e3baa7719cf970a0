-- Purpose: The program catalogue for the current filters: every program of an institution met on a
--          matching trip (all programs when nothing is filtered), with its host, city and source.
-- Grain: one row per program.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes
with unfiltered as (
    select $date_from is null and $date_to is null and $org_ids is null and $dept_ids is null
           and $countries is null and $city_ids is null and $sectors is null and $itypes is null as yes
),
met as (
    select distinct institution_id from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
)
select p.program_id, p.name, p.name_en, p.type, p.description, p.provides, p.sectors,
       p.cost_amount, p.cost_currency, p.cost_note, p.duration_text, p.duration_days,
       p.eligibility, p.funding_source,
       i.institution_id, i.name_ko as institution_ko, coalesce(i.name_en, i.name_ko) as institution_en,
       c.city_id, c.name_ko as city_ko, c.name_en as city_en, coalesce(c.country_iso2, i.country_iso2) as country_iso2,
       d.file_name as source_file, p.line_start, p.line_end, p.entered_by
from programs p
join institutions i on i.institution_id = p.institution_id
left join cities c on c.city_id = i.city_id
left join documents d on d.document_id = p.document_id
where (select yes from unfiltered) or p.institution_id in (select institution_id from met)
order by i.name_ko, p.name
