-- Purpose: The cities abroad visited by the matching trips in the map's year range (and, with $city_id, only by the trips that went to that city: an entity page's small map), aggregated per city: trips, visits, meetings, the sector met most, and the first items of the popup lists.
-- Grain: one row per city, the most met first.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $year_from, $year_to, $city_id, $popup_items
with trips_in as (
    select t.trip_id, t.title, t.start_date, t.end_date
    from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) t
    where ($year_from is null or year(coalesce(t.start_date, t.end_date)) >= $year_from)
      and ($year_to is null or year(coalesce(t.start_date, t.end_date)) <= $year_to)
      and ($city_id is null or t.trip_id in (select trip_id from trip_places() where city_id = $city_id and abroad))
),
places as (
    select p.trip_id, p.city_id
    from trip_places() p
    where p.abroad
      and p.trip_id in (select trip_id from trips_in)
      and ($countries is null or list_contains($countries, p.country_iso2))
      and ($city_ids is null or list_contains($city_ids, p.city_id))
),
-- A visit is an arrival: itinerary rows in itinerary order, counted when the city changes.
-- A trip known only by its destinations (a news article) visits each of them once.
arrivals as (
    select trip_id, city_id, count(*) as arrivals
    from (
        select trip_id, city_id,
               city_id is distinct from lag(city_id) over (partition by trip_id order by seq) as arrived
        from itinerary_items
        where city_id is not null and trip_id in (select trip_id from places)
    )
    where arrived
    group by trip_id, city_id
),
per_city as (
    select p.city_id, count(*) as trips, sum(greatest(coalesce(a.arrivals, 0), 1)) as visits
    from places p
    left join arrivals a on a.trip_id = p.trip_id and a.city_id = p.city_id
    group by p.city_id
),
met as (
    select m.meeting_id, m.city_id, m.institution_id
    from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) m
    join places p on p.trip_id = m.trip_id and p.city_id = m.city_id
),
meeting_counts as (
    select city_id, count(*) as meetings from met group by city_id
),
sector_votes as (
    select city_id, sector, count(*) as votes
    from (
        select met.city_id, unnest(i.sectors) as sector
        from met
        join institutions i on i.institution_id = met.institution_id
    )
    where $sectors is null or list_contains($sectors, sector)
    group by city_id, sector
),
top_sector as (
    select city_id, sector
    from (
        select city_id, sector,
               row_number() over (partition by city_id order by votes desc, sector) as rank
        from sector_votes
    )
    where rank = 1
),
heads as (
    select trip_id,
           first(name order by seq) as head_name,
           first(title order by seq) as head_title
    from trip_travellers
    where role = 'head' and trip_id in (select trip_id from places)
    group by trip_id
),
traveller_names as (
    select trip_id, list(name order by seq) as names
    from trip_travellers
    where name is not null and trip_id in (select trip_id from places)
    group by trip_id
),
trip_lists as (
    select p.city_id,
           list_slice(list(struct_pack(trip_id := t.trip_id, title := t.title, start_date := t.start_date,
                                       end_date := t.end_date, head_name := h.head_name,
                                       head_title := h.head_title, names := coalesce(n.names, []))
                           order by t.start_date desc nulls last, t.trip_id desc), 1, $popup_items) as trip_list
    from places p
    join trips_in t on t.trip_id = p.trip_id
    left join heads h on h.trip_id = p.trip_id
    left join traveller_names n on n.trip_id = p.trip_id
    group by p.city_id
),
institutions_met as (
    select met.city_id, met.institution_id, count(*) as meetings
    from met
    where met.institution_id is not null
    group by met.city_id, met.institution_id
),
institution_lists as (
    select im.city_id,
           count(*) as institutions,
           list_slice(list(struct_pack(institution_id := im.institution_id, name_ko := i.name_ko,
                                       name_en := coalesce(i.name_en, i.name_ko), meetings := im.meetings)
                           order by im.meetings desc, i.name_ko, im.institution_id), 1, $popup_items) as institution_list
    from institutions_met im
    join institutions i on i.institution_id = im.institution_id
    group by im.city_id
)
select c.city_id, c.name_ko, c.name_en, c.country_iso2,
       co.name_ko as country_ko, co.name_en as country_en,
       c.lat, c.lon,
       pc.trips, pc.visits, coalesce(mc.meetings, 0) as meetings,
       ts.sector,
       coalesce(il.institutions, 0) as institutions,
       tl.trip_list,
       coalesce(il.institution_list, []) as institution_list
from per_city pc
join cities c on c.city_id = pc.city_id
left join countries co on co.iso2 = c.country_iso2
left join meeting_counts mc on mc.city_id = pc.city_id
left join top_sector ts on ts.city_id = pc.city_id
left join trip_lists tl on tl.city_id = pc.city_id
left join institution_lists il on il.city_id = pc.city_id
order by meetings desc, pc.trips desc, c.city_id
