-- Purpose: Keep the new spellings under which a document names an institution the database already knows.
-- Grain: updates one row.
-- Params: $institution_id, $aliases
update institutions
set aliases = list_distinct(list_concat(aliases, $aliases::varchar[]))
where institution_id = $institution_id
