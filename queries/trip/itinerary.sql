-- Purpose: The itinerary of one trip with the time zone each time is local to: the start is local to where the item starts (the departure city of a flight, else the row's city), the end to where it ends (the arrival city of a flight, else the row's city).
-- Grain: one row per itinerary item, in itinerary order.
-- Params: $trip_id
select i.item_id, i.seq, i.start_date, i.start_time, i.end_date, i.end_time, i.kind, i.description,
       i.stated_duration_minutes, i.stated_duration_text, i.meeting_id, i.line_start, i.line_end,
       i.city_id, c.name_ko as city_ko, c.name_en as city_en,
       i.from_city_id, f.name_ko as from_ko, f.name_en as from_en,
       i.to_city_id, tc.name_ko as to_ko, tc.name_en as to_en,
       case when i.kind = 'flight' then coalesce(f.timezone, c.timezone, tc.timezone)
            else coalesce(c.timezone, f.timezone, tc.timezone) end as start_tz,
       case when i.kind = 'flight' then coalesce(tc.timezone, c.timezone, f.timezone)
            else coalesce(c.timezone, tc.timezone, f.timezone) end as end_tz
from itinerary_items i
left join cities c on c.city_id = i.city_id
left join cities f on f.city_id = i.from_city_id
left join cities tc on tc.city_id = i.to_city_id
where i.trip_id = $trip_id
order by i.seq
