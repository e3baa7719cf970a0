-- Purpose: The source documents of the facts the city page shows for the current filters (the trips that went there, the meetings held there, its institutions, their programs and follow-ups), with how many of each came from each document; the original file itself is fetched by entity/document_file.
-- Grain: one row per document, latest published first.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $city_id
with trips_here as (
    select t.trip_id, t.document_id
    from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) t
    where t.trip_id in (select trip_id from trip_places() where city_id = $city_id and abroad)
),
met as (
    select meeting_id, institution_id, city_id, document_id
    from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
),
institutions_shown as (
    select i.institution_id, i.document_id
    from institutions i
    where (i.institution_id in (select institution_id from met where city_id = $city_id)
           or (i.city_id = $city_id
               and (i.institution_id in (select institution_id from met)
                    or not exists (select 1 from meetings m where m.institution_id = i.institution_id))))
      and ($sectors is null or list_has_any(i.sectors, $sectors))
      and ($itypes is null or list_contains($itypes, i.type))
),
programs_shown as (
    select p.program_id, p.document_id
    from programs p
    join institutions i on i.institution_id = p.institution_id
    where i.city_id = $city_id
      and (($date_from is null and $date_to is null and $org_ids is null and $dept_ids is null
            and $countries is null and $city_ids is null and $sectors is null and $itypes is null)
           or p.institution_id in (select institution_id from met))
),
located as (
    select institution_id from institutions where city_id = $city_id
),
follow_ups_shown as (
    select f.follow_up_id, f.document_id
    from filtered_follow_ups($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) f
    where f.institution_id in (select institution_id from located)
       or f.follow_up_id in (select follow_up_id from follow_up_institutions
                             where institution_id in (select institution_id from located))
),
facts as (
    select document_id, 'trips' as kind from trips_here
    union all select document_id, 'meetings' from met where city_id = $city_id
    union all select document_id, 'institutions' from institutions_shown
    union all select document_id, 'programs' from programs_shown
    union all select document_id, 'follow_ups' from follow_ups_shown
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
