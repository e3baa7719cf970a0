-- Purpose: Add one country of the gazetteer to the reference table.
-- Grain: writes one row.
-- Params: $iso2, $iso3, $name_ko, $name_en, $continent
insert into countries (iso2, iso3, name_ko, name_en, continent)
values ($iso2, $iso3, $name_ko, $name_en, $continent)
on conflict (iso2) do nothing
