-- Purpose: Follow-ups of the current filters by state: open, overdue (open and past due), done, and
--          the completion rate among those not dropped.
-- Grain: one row.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $today
select count(*) filter (where stage not in ('done', 'dropped')) as open,
       count(*) filter (where stage not in ('done', 'dropped') and due_date < $today) as overdue,
       count(*) filter (where stage = 'done') as done,
       count(*) filter (where stage <> 'dropped') as committed
from filtered_follow_ups($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
