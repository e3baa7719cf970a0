-- Purpose: The key facts of one trip: title, organization and department, dates and stated length, purpose, status and the document it was read from.
-- Grain: one row (none when the trip does not exist).
-- Params: $trip_id
select t.trip_id, t.title, t.purpose, t.start_date, t.end_date, t.nights_stated, t.days_stated, t.status,
       t.is_synthetic, t.entered_by, t.line_start, t.line_end,
       o.organization_id, o.name_ko as organization_ko, o.name_en as organization_en,
       d.name_ko as department_ko, d.name_en as department_en,
       doc.document_id, doc.file_name as source_file, doc.title as source_title, doc.publisher as source_publisher
from trips t
join organizations o on o.organization_id = t.organization_id
left join departments d on d.department_id = t.department_id
left join documents doc on doc.document_id = t.document_id
where t.trip_id = $trip_id
