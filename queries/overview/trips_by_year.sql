-- Purpose: The rhythm of engagement: trips and meetings per year for the current filters.
-- Grain: one row per year with at least one trip.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes
with matching as (
    select trip_id, year(coalesce(start_date, end_date)) as year from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
    where coalesce(start_date, end_date) is not null
),
meeting_counts as (
    select trip_id, count(*) as meetings from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) group by trip_id
)
select matching.year, count(*) as trips, coalesce(sum(meeting_counts.meetings), 0)::bigint as meetings
from matching
left join meeting_counts using (trip_id)
group by matching.year
order by matching.year
