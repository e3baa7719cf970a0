-- Purpose: The cities abroad of one trip as rows for the map builder (the columns of map/cities): arrivals there, the trip's meetings there, the sector met most, and the institutions met there for the popup.
-- Grain: one row per city abroad, the most met first.
-- Params: $trip_id
with places as (
    select p.city_id
    from trip_places() p
    where p.abroad and p.trip_id = $trip_id
),
arrivals as (
    select city_id, count(*) as arrivals
    from (
        select city_id, city_id is distinct from lag(city_id) over (order by seq) as arrived
        from itinerary_items
        where trip_id = $trip_id and city_id is not null
    )
    where arrived
    group by city_id
),
met as (
    select m.meeting_id, m.city_id, m.institution_id
    from meetings m
    where m.trip_id = $trip_id and m.city_id in (select city_id from places)
),
sector_votes as (
    select city_id, sector, count(*) as votes
    from (
        select met.city_id, unnest(i.sectors) as sector
        from met
        join institutions i on i.institution_id = met.institution_id
    )
    group by city_id, sector
),
top_sector as (
    select city_id, sector
    from (
        select city_id, sector, row_number() over (partition by city_id order by votes desc, sector) as rank
        from sector_votes
    )
    where rank = 1
),
institutions_met as (
    select met.city_id, met.institution_id, count(*) as meetings
    from met
    where met.institution_id is not null
    group by met.city_id, met.institution_id
),
institution_lists as (
    select im.city_id, count(*) as institutions,
           list(struct_pack(institution_id := im.institution_id, name_ko := i.name_ko,
                            name_en := coalesce(i.name_en, i.name_ko), meetings := im.meetings)
                order by im.meetings desc, i.name_ko, im.institution_id) as institution_list
    from institutions_met im
    join institutions i on i.institution_id = im.institution_id
    group by im.city_id
),
head as (
    select first(name order by seq) as head_name, first(title order by seq) as head_title
    from trip_travellers
    where trip_id = $trip_id and role = 'head'
),
trip_entry as (
    select [struct_pack(trip_id := t.trip_id, title := t.title, start_date := t.start_date, end_date := t.end_date,
                        head_name := (select head_name from head), head_title := (select head_title from head),
                        names := coalesce((select list(name order by seq) from trip_travellers
                                           where trip_id = $trip_id and name is not null), []))] as trip_list
    from trips t
    where t.trip_id = $trip_id
)
select c.city_id, c.name_ko, c.name_en, c.country_iso2, co.name_ko as country_ko, co.name_en as country_en,
       c.lat, c.lon,
       1 as trips, greatest(coalesce(a.arrivals, 0), 1) as visits,
       (select count(*) from met where met.city_id = c.city_id) as meetings,
       ts.sector,
       coalesce(il.institutions, 0) as institutions,
       (select trip_list from trip_entry) as trip_list,
       il.institution_list
from places p
join cities c on c.city_id = p.city_id
left join countries co on co.iso2 = c.country_iso2
left join arrivals a on a.city_id = p.city_id
left join top_sector ts on ts.city_id = p.city_id
left join institution_lists il on il.city_id = p.city_id
order by meetings desc, c.city_id
