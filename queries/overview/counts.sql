-- Purpose: The headline counts of the overview for the current filters.
-- Grain: one row.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes
with matching_trips as (
    select trip_id from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
),
places as (
    select p.city_id, p.country_iso2
    from trip_places() p
    where p.abroad
      and p.trip_id in (select trip_id from matching_trips)
      and ($countries is null or list_contains($countries, p.country_iso2))
      and ($city_ids is null or list_contains($city_ids, p.city_id))
),
matching_meetings as (
    select meeting_id, institution_id from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
),
matching_follow_ups as (
    select stage, due_date from filtered_follow_ups($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
)
select
    (select count(*) from matching_trips) as trips,
    (select count(distinct country_iso2) from places) as countries,
    (select count(distinct city_id) from places) as cities,
    (select count(distinct institution_id) from matching_meetings) as institutions,
    (select count(*) from matching_meetings) as meetings,
    (select count(*) from matching_follow_ups where stage not in ('done', 'dropped')) as open_follow_ups
