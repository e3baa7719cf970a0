-- Purpose: The cooperation programs offered by the institutions met on one trip, with their host.
-- Grain: one row per program, by host and name.
-- Params: $trip_id
select p.program_id, p.name, p.name_en, p.type, p.description, p.provides, p.sectors, p.cost_amount,
       p.cost_currency, p.cost_note, p.duration_text, p.duration_days, p.eligibility, p.funding_source,
       p.institution_id, i.name_ko as institution_ko, coalesce(i.name_en, i.name_ko) as institution_en,
       p.document_id, p.line_start, p.line_end
from programs p
join institutions i on i.institution_id = p.institution_id
where p.institution_id in (select institution_id from meetings where trip_id = $trip_id)
order by i.name_ko, p.name, p.program_id
