-- Purpose: One application setting's value (null when unset).
-- Grain: zero or one row.
-- Params: $key
select value from app_settings where key = $key
