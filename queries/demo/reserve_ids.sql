-- Purpose: Take the next $count values of a sequence, so bulk-inserted rows can reference each other.
-- Grain: one row per reserved id.
-- Params: $sequence, $count
select nextval($sequence) as id from range($count)
