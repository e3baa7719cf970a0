-- Purpose: Set the organizations a limited user may see (null: all), on that user's cursor (read by queries/scripts/user_limits.sql).
-- Grain: no rows; sets the session variable atlas_allowed_organizations.
-- Params: $organization_ids
set variable atlas_allowed_organizations = $organization_ids::integer[]
