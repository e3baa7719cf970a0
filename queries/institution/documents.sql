-- Purpose: The source documents of the facts the institution page shows (the institution, the meetings with it and their trips, its programs and the follow-ups naming it), with how many of each came from each document; the original file itself is fetched by entity/document_file.
-- Grain: one row per document, latest published first.
-- Params: $institution_id
with facts as (
    select document_id, 'institutions' as kind from institutions where institution_id = $institution_id
    union all select document_id, 'meetings' from meetings where institution_id = $institution_id
    union all select document_id, 'trips' from trips
              where trip_id in (select trip_id from meetings where institution_id = $institution_id)
    union all select document_id, 'programs' from programs where institution_id = $institution_id
    union all select document_id, 'follow_ups' from follow_ups
              where institution_id = $institution_id
                 or follow_up_id in (select follow_up_id from follow_up_institutions where institution_id = $institution_id)
),
per_document as (
    select document_id,
           count(*) filter (where kind = 'trips') as trips,
           0 as itinerary,
           count(*) filter (where kind = 'meetings') as meetings,
           count(*) filter (where kind = 'institutions') as institutions,
           count(*) filter (where kind = 'programs') as programs,
           count(*) filter (where kind = 'follow_ups') as follow_ups
    from facts
    where document_id is not null
    group by document_id
)
select d.document_id, d.file_name, d.title, d.publisher, d.kind, d.format, d.published_date,
       d.published_precision, d.imported_at, d.imported_by, d.size_bytes,
       d.content is not null as has_file, d.raw_text is not null as has_text, d.is_synthetic,
       pd.trips, pd.itinerary, pd.meetings, pd.institutions, pd.programs, pd.follow_ups
from per_document pd
join documents d on d.document_id = pd.document_id
order by d.published_date desc nulls last, d.document_id desc
