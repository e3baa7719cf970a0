-- Purpose: The key facts of one institution: names, type, sectors, where it is, what it does and the document it was read from.
-- Grain: one row (none when the institution does not exist).
-- Params: $institution_id
select i.institution_id, i.name_ko, i.name_en, i.type, i.sectors, i.description, i.website,
       i.city_id, c.name_ko as city_ko, c.name_en as city_en,
       coalesce(c.country_iso2, i.country_iso2) as country_iso2,
       co.name_ko as country_ko, co.name_en as country_en,
       i.entered_by, i.line_start, i.line_end, d.file_name as source_file
from institutions i
left join cities c on c.city_id = i.city_id
left join countries co on co.iso2 = coalesce(c.country_iso2, i.country_iso2)
left join documents d on d.document_id = i.document_id
where i.institution_id = $institution_id
