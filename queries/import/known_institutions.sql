-- Purpose: Institutions already met, with their names and aliases, so a new document's mentions resolve to the same rows.
-- Grain: one row per institution.
-- Params: none
select institution_id, name_ko, name_en, aliases, city_id, country_iso2, type, sectors
from institutions
order by institution_id
