-- Purpose: Every name an organization goes by (Korean, English, short name, aliases), to resolve the organizations a user is limited to in the credentials file.
-- Grain: one row per organization and name.
-- Params: none
select distinct organization_id, name
from (
    select organization_id, unnest([name_ko, name_en, short_name] || aliases) as name from organizations
)
where name is not null
order by organization_id, name
