-- Migration 003: the shared filter macros of 002, same meaning, planned faster.
--
-- In 002 each macro ran its place subquery (every city every trip touched, grouped: about
-- 495,000 rows at 100x) and its sector subquery even when no place or sector filter was set,
-- because `(countries is null and city_ids is null) or t.trip_id in (...)` still evaluates the
-- subquery; a page of 7 filtered queries paid that 7 times (issue #8: filter change at 100x).
-- Here each filter's subquery is one branch of a UNION ALL whose other branch is "every trip"
-- when that filter is unset; DuckDB prunes the branch guarded by `<param> is not null` when the
-- bound parameter is NULL. A place filter looks only at the cities of the chosen countries /
-- cities before grouping. "Abroad" keeps its meaning from trip_places(): outside the
-- organization's home country, Korea when it has no home city. bench/filter_macros.py checked
-- that every filtered query returns the same rows as with 002 for 10 filter sets at 1x and 100x.

create or replace macro trip_cities() as table
    select trip_id, city_id, seq as ord from trip_destinations
    union all
    select trip_id, city_id, 1000 + seq * 2 from itinerary_items where city_id is not null
    union all
    select trip_id, to_city_id, 1000 + seq * 2 + 1 from itinerary_items where to_city_id is not null
    union all
    select trip_id, city_id, 100000 + seq from meetings where city_id is not null;

create or replace macro filtered_trips(date_from, date_to, org_ids, dept_ids, countries, city_ids, sectors, itypes) as table
    select t.*
    from trips t
    where (date_from is null or coalesce(t.end_date, t.start_date) >= date_from)
      and (date_to is null or coalesce(t.start_date, t.end_date) <= date_to)
      and (org_ids is null or list_contains(org_ids, t.organization_id))
      and (dept_ids is null or list_contains(dept_ids, t.department_id))
      and t.trip_id in (
            select trip_id from trips where countries is null and city_ids is null
            union all
            select touched.trip_id
            from trip_cities() touched
            join cities c on c.city_id = touched.city_id
            join trips own on own.trip_id = touched.trip_id
            left join organizations o on o.organization_id = own.organization_id
            left join cities home on home.city_id = o.home_city_id
            where (countries is not null or city_ids is not null)
              and (countries is null or list_contains(countries, c.country_iso2))
              and (city_ids is null or list_contains(city_ids, c.city_id))
              and c.country_iso2 <> coalesce(home.country_iso2, 'KR'))
      and t.trip_id in (
            select trip_id from trips where sectors is null and itypes is null
            union all
            select m.trip_id from meetings m
            join institutions i on i.institution_id = m.institution_id
            where (sectors is not null or itypes is not null)
              and (sectors is null or list_has_any(i.sectors, sectors))
              and (itypes is null or list_contains(itypes, i.type)));

create or replace macro filtered_follow_ups(date_from, date_to, org_ids, dept_ids, countries, city_ids, sectors, itypes) as table
    select f.*
    from follow_ups f
    where (f.trip_id is null
             and date_from is null and date_to is null and org_ids is null and dept_ids is null
           or f.trip_id in (select trip_id from filtered_trips(date_from, date_to, org_ids, dept_ids,
                                                               countries, city_ids, sectors, itypes)))
      and f.follow_up_id in (
            select follow_up_id from follow_ups
            where countries is null and city_ids is null and sectors is null and itypes is null
            union all
            select fi.follow_up_id
            from follow_up_institutions fi
            join institutions i on i.institution_id = fi.institution_id
            left join cities c on c.city_id = i.city_id
            where (countries is not null or city_ids is not null or sectors is not null or itypes is not null)
              and (countries is null or list_contains(countries, coalesce(c.country_iso2, i.country_iso2)))
              and (city_ids is null or list_contains(city_ids, i.city_id))
              and (sectors is null or list_has_any(i.sectors, sectors))
              and (itypes is null or list_contains(itypes, i.type)));
