-- Migration 002: app settings, and the shared filter semantics as table macros.
--
-- Every page filters the same way (period, organization, department, country, city, sector,
-- institution type). Defining that once, here, keeps the pages' queries from drifting apart:
-- queries call filtered_trips(...) / filtered_meetings(...) / filtered_follow_ups(...) with the
-- Filters parameters, and a NULL parameter means "no filter on this".

create table app_settings (
    key        varchar primary key,
    value      varchar,
    updated_at timestamp not null default current_timestamp
);

-- Every city a trip touched, with whether it is abroad (outside the organization's home
-- country; Korea when the organization has no home city) and the order it first appears.
create macro trip_places() as table
    with touched as (
        select trip_id, city_id, seq as ord from trip_destinations
        union all
        select trip_id, city_id, 1000 + seq * 2 from itinerary_items where city_id is not null
        union all
        select trip_id, to_city_id, 1000 + seq * 2 + 1 from itinerary_items where to_city_id is not null
        union all
        select trip_id, city_id, 100000 + seq from meetings where city_id is not null
    )
    select touched.trip_id,
           touched.city_id,
           min(touched.ord) as first_order,
           any_value(c.country_iso2) as country_iso2,
           any_value(c.country_iso2 <> coalesce(home.country_iso2, 'KR')) as abroad
    from touched
    join cities c on c.city_id = touched.city_id
    join trips t on t.trip_id = touched.trip_id
    left join organizations o on o.organization_id = t.organization_id
    left join cities home on home.city_id = o.home_city_id
    group by touched.trip_id, touched.city_id;

-- Trips matching the filters. A trip matches a place filter when it went there, and a
-- sector / institution-type filter when it met such an institution.
create macro filtered_trips(date_from, date_to, org_ids, dept_ids, countries, city_ids, sectors, itypes) as table
    select t.*
    from trips t
    where (date_from is null or coalesce(t.end_date, t.start_date) >= date_from)
      and (date_to is null or coalesce(t.start_date, t.end_date) <= date_to)
      and (org_ids is null or list_contains(org_ids, t.organization_id))
      and (dept_ids is null or list_contains(dept_ids, t.department_id))
      and ((countries is null and city_ids is null) or t.trip_id in (
            select p.trip_id from trip_places() p
            where p.abroad
              and (countries is null or list_contains(countries, p.country_iso2))
              and (city_ids is null or list_contains(city_ids, p.city_id))))
      and ((sectors is null and itypes is null) or t.trip_id in (
            select m.trip_id from meetings m
            join institutions i on i.institution_id = m.institution_id
            where (sectors is null or list_has_any(i.sectors, sectors))
              and (itypes is null or list_contains(itypes, i.type))));

-- Meetings of the matching trips that are themselves in the filtered places and with
-- institutions of the filtered sectors / types.
create macro filtered_meetings(date_from, date_to, org_ids, dept_ids, countries, city_ids, sectors, itypes) as table
    select m.*
    from meetings m
    left join cities c on c.city_id = m.city_id
    left join institutions i on i.institution_id = m.institution_id
    where m.trip_id in (select trip_id from filtered_trips(date_from, date_to, org_ids, dept_ids,
                                                           countries, city_ids, sectors, itypes))
      and (countries is null or list_contains(countries, c.country_iso2))
      and (city_ids is null or list_contains(city_ids, m.city_id))
      and (sectors is null or list_has_any(i.sectors, sectors))
      and (itypes is null or list_contains(itypes, i.type));

-- Follow-ups of the matching trips; with a place / sector / type filter, only those whose
-- counterpart institution (any of those it names) fits it.
create macro filtered_follow_ups(date_from, date_to, org_ids, dept_ids, countries, city_ids, sectors, itypes) as table
    select f.*
    from follow_ups f
    where (f.trip_id is null
             and date_from is null and date_to is null and org_ids is null and dept_ids is null
           or f.trip_id in (select trip_id from filtered_trips(date_from, date_to, org_ids, dept_ids,
                                                               countries, city_ids, sectors, itypes)))
      and ((countries is null and city_ids is null and sectors is null and itypes is null)
           or exists (
                select 1
                from follow_up_institutions fi
                join institutions i on i.institution_id = fi.institution_id
                left join cities c on c.city_id = i.city_id
                where fi.follow_up_id = f.follow_up_id
                  and (countries is null or list_contains(countries, coalesce(c.country_iso2, i.country_iso2)))
                  and (city_ids is null or list_contains(city_ids, i.city_id))
                  and (sectors is null or list_has_any(i.sectors, sectors))
                  and (itypes is null or list_contains(itypes, i.type))));
