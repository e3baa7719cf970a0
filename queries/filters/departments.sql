-- Purpose: Departments to offer in the filter bar (those with at least one trip).
-- Grain: one row per department.
-- Params: none
select d.department_id, d.organization_id, d.name_ko, d.name_en, o.name_ko as organization_ko,
       o.name_en as organization_en
from departments d
join organizations o on o.organization_id = d.organization_id
where exists (select 1 from trips t where t.department_id = d.department_id)
order by o.name_ko, d.name_ko
