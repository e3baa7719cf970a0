-- Purpose: Our organizations with every name they go by, for recognising our side in a document.
-- Grain: one row per organization.
-- Params: none
select organization_id, name_ko, name_en, short_name, aliases
from organizations
order by organization_id
