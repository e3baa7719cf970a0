-- Purpose: Departments of our organizations, so an imported trip's department resolves to its row.
-- Grain: one row per department.
-- Params: none
select department_id, organization_id, name_ko
from departments
order by department_id
