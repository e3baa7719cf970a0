-- Purpose: Set whether people's names are hidden (presenters), on that user's cursor (read by queries/scripts/user_limits.sql).
-- Grain: no rows; sets the session variable atlas_hide_names.
-- Params: $hide_names
set variable atlas_hide_names = $hide_names::boolean
