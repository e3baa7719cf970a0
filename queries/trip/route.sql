-- Purpose: The route of one trip for its small map, in the shape of map/trip_routes: its organization's home city and the cities abroad in itinerary order (a city known only from a meeting goes after the city of the meeting before it).
-- Grain: one row per city abroad, in route order.
-- Params: $trip_id
with places as (
    select p.trip_id, p.city_id, p.first_order
    from trip_places() p
    where p.abroad and p.trip_id = $trip_id
),
first_meeting as (
    select trip_id, city_id, min(seq) as seq
    from meetings
    where city_id is not null and trip_id = $trip_id
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
    where name is not null and trip_id = $trip_id
    group by trip_id
)
select t.trip_id, t.title, t.start_date, t.end_date, 1 as total_trips,
       coalesce(n.names, []) as names,
       home.city_id as home_city_id, home.name_ko as home_ko, home.name_en as home_en,
       home.lat as home_lat, home.lon as home_lon,
       row_number() over (order by p.route_order, p.city_id) as stop,
       c.city_id, c.name_ko, c.name_en, c.country_iso2, c.lat, c.lon
from trips t
join ordered p on p.trip_id = t.trip_id
join cities c on c.city_id = p.city_id
left join organizations o on o.organization_id = t.organization_id
left join cities home on home.city_id = o.home_city_id
left join traveller_names n on n.trip_id = t.trip_id
where t.trip_id = $trip_id
order by stop
