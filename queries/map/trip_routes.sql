-- Purpose: The route of each of the most recent matching trips in the map's year range: its organization's home city and the cities abroad in itinerary order (a city known only from a meeting goes after the city of the meeting before it); total_trips counts all matching trips.
-- Grain: one row per trip and city abroad, in trip order then itinerary order.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $year_from, $year_to, $max_trips
with trips_in as (
    select t.trip_id, t.title, t.start_date, t.end_date, t.organization_id
    from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) t
    where ($year_from is null or year(coalesce(t.start_date, t.end_date)) >= $year_from)
      and ($year_to is null or year(coalesce(t.start_date, t.end_date)) <= $year_to)
),
chosen as (
    select *, count(*) over () as total_trips
    from trips_in
    order by start_date desc nulls last, trip_id desc
    limit $max_trips
),
places as (
    select p.trip_id, p.city_id, p.first_order
    from trip_places() p
    where p.abroad and p.trip_id in (select trip_id from chosen)
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
traveller_names as (
    select trip_id, list(name order by seq) as names
    from trip_travellers
    where name is not null and trip_id in (select trip_id from chosen)
    group by trip_id
)
select t.trip_id, t.title, t.start_date, t.end_date, t.total_trips,
       coalesce(n.names, []) as names,
       home.city_id as home_city_id, home.name_ko as home_ko, home.name_en as home_en,
       home.lat as home_lat, home.lon as home_lon,
       row_number() over (partition by t.trip_id order by p.route_order, p.city_id) as stop,
       c.city_id, c.name_ko, c.name_en, c.country_iso2, c.lat, c.lon
from chosen t
join ordered p on p.trip_id = t.trip_id
join cities c on c.city_id = p.city_id
left join organizations o on o.organization_id = t.organization_id
left join cities home on home.city_id = o.home_city_id
left join traveller_names n on n.trip_id = t.trip_id
order by t.start_date nulls last, t.trip_id, stop
