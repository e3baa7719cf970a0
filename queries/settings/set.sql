-- Purpose: Set one application setting (e.g. when the seed dataset was loaded).
-- Grain: writes one row.
-- Params: $key, $value
insert into app_settings (key, value) values ($key, $value)
on conflict (key) do update set value = excluded.value, updated_at = now()::timestamp
