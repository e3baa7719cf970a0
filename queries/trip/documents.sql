-- Purpose: The source documents of the facts the trip page shows (the trip, its itinerary, meetings and follow-ups, the institutions it met and their programs), with how many of each came from each document; the original file itself is fetched by entity/document_file.
-- Grain: one row per document, latest published first.
-- Params: $trip_id
with met as (
    select distinct institution_id from meetings where trip_id = $trip_id and institution_id is not null
),
facts as (
    select document_id, 'trips' as kind from trips where trip_id = $trip_id
    union all select document_id, 'itinerary' from itinerary_items where trip_id = $trip_id
    union all select document_id, 'meetings' from meetings where trip_id = $trip_id
    union all select document_id, 'institutions' from institutions where institution_id in (select institution_id from met)
    union all select document_id, 'programs' from programs where institution_id in (select institution_id from met)
    union all select document_id, 'follow_ups' from follow_ups where trip_id = $trip_id
),
per_document as (
    select document_id,
           count(*) filter (where kind = 'trips') as trips,
           count(*) filter (where kind = 'itinerary') as itinerary,
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
