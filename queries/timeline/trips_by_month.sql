-- Purpose: How many trips match the filters per organization, department and month of departure (trips without any date under a NULL month), with how many are still planned and how many meetings they held: the timeline draws this, and decides from it whether one bar per trip stays readable.
-- Grain: one row per organization, department (NULL: none) and month (first day of the month of the trip's first date; NULL: no dates).
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes
with matching as (
    select trip_id, organization_id, department_id, status,
           cast(date_trunc('month', coalesce(start_date, end_date)) as date) as month
    from filtered_trips($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
),
meeting_counts as (
    select trip_id, count(*) as meetings
    from meetings
    where trip_id in (select trip_id from matching)
    group by trip_id
)
select m.organization_id, o.name_ko as organization_ko, o.name_en as organization_en,
       m.department_id, d.name_ko as department_ko, d.name_en as department_en,
       m.month,
       count(*) as trips,
       count(*) filter (where m.status = 'planned') as planned,
       cast(coalesce(sum(meeting_counts.meetings), 0) as bigint) as meetings
from matching m
join organizations o on o.organization_id = m.organization_id
left join departments d on d.department_id = m.department_id
left join meeting_counts on meeting_counts.trip_id = m.trip_id
group by m.organization_id, o.name_ko, o.name_en, m.department_id, d.name_ko, d.name_en, m.month
order by o.name_ko, m.organization_id, d.name_ko nulls first, m.department_id nulls first, m.month nulls last
