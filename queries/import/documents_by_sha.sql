-- Purpose: Which of these exact byte contents are already stored (importing them again changes nothing).
-- Grain: one row per stored document among $shas.
-- Params: $shas
select document_id, sha256
from documents
where list_contains($shas::varchar[], sha256)
