-- Purpose: The cooperation programs one institution offers.
-- Grain: one row per program, by name.
-- Params: $institution_id
select program_id, name, name_en, type, description, provides, sectors, cost_amount, cost_currency,
       cost_note, duration_text, duration_days, eligibility, funding_source, line_start, line_end
from programs
where institution_id = $institution_id
order by name
