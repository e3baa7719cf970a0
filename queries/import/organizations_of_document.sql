-- Purpose: The organizations whose trips were read from a document, so a new version of it is only stored by someone allowed to change them.
-- Grain: one row per organization.
-- Params: $document_id
select distinct organization_id
from trips
where document_id = $document_id
