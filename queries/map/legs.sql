-- Purpose: The legs most travelled by the matching trips in the map's year range (home → cities abroad in itinerary order → home), direction ignored, for maps with too many trips to draw one by one; total_legs counts every distinct leg.
-- Grain: one row per pair of cities, the most travelled first.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $year_from, $year_to, $max_legs
with trips_in as (
    select t.trip_id, t.organization_id
    from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) t
    where ($year_from is null or year(coalesce(t.start_date, t.end_date)) >= $year_from)
      and ($year_to is null or year(coalesce(t.start_date, t.end_date)) <= $year_to)
),
places as (
    select p.trip_id, p.city_id, p.first_order
    from trip_places() p
    where p.abroad and p.trip_id in (select trip_id from trips_in)
),
-- A city known only from a meeting (trip_places puts it after every listed city) is placed
-- right after the city of the meeting before it, so a route does not jump back at the end.
first_meeting as (
    select trip_id, city_id, min(seq) as seq
    from meetings
    where city_id is not null
    group by trip_id, city_id
),
ordered as (
    select p.trip_id, p.city_id,
           case when p.first_order < 100000 then p.first_order::double
                else coalesce((
                        select arg_max(k.first_order, m.seq)
                        from meetings m
                        join places k on k.trip_id = m.trip_id and k.city_id = m.city_id
                        where m.trip_id = p.trip_id and m.seq < fm.seq and k.first_order < 100000), 0)
                     + 0.5 + coalesce(fm.seq, 0) / 1e6
           end as route_order
    from places p
    left join first_meeting fm on fm.trip_id = p.trip_id and fm.city_id = p.city_id
),
stops as (
    select trip_id, city_id, row_number() over (partition by trip_id order by route_order, city_id) as stop
    from ordered
),
homes as (
    select t.trip_id, o.home_city_id as city_id
    from trips_in t
    join organizations o on o.organization_id = t.organization_id
    where o.home_city_id is not null and t.trip_id in (select trip_id from stops)
),
path as (
    select trip_id, stop, city_id from stops
    union all
    select trip_id, 0, city_id from homes
    union all
    select h.trip_id, last.stop + 1, h.city_id
    from homes h
    join (select trip_id, max(stop) as stop from stops group by trip_id) last on last.trip_id = h.trip_id
),
legs as (
    select trip_id, city_id as a, lead(city_id) over (partition by trip_id order by stop) as b
    from path
),
pairs as (
    select least(a, b) as city_a, greatest(a, b) as city_b, count(distinct trip_id) as trips
    from legs
    where b is not null and a <> b
    group by 1, 2
),
ranked as (
    select *, count(*) over () as total_legs
    from pairs
    order by trips desc, city_a, city_b
    limit $max_legs
)
select r.city_a, r.city_b, r.trips, r.total_legs,
       ca.name_ko as a_ko, ca.name_en as a_en, ca.lat as a_lat, ca.lon as a_lon,
       cb.name_ko as b_ko, cb.name_en as b_en, cb.lat as b_lat, cb.lon as b_lon
from ranked r
join cities ca on ca.city_id = r.city_a
join cities cb on cb.city_id = r.city_b
order by r.trips desc, r.city_a, r.city_b
