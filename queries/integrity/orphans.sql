-- Purpose: Every reference between tables that points at no row (the schema has no FOREIGN KEYs, see 001).
-- Grain: one row per reference with at least one orphan; an empty result means the data is consistent.
-- Params: none
select * from (
select 'departments.organization_id' as reference, count(*) as orphans
from departments child
where child.organization_id is not null
  and not exists (select 1 from organizations parent where parent.organization_id = child.organization_id)
union all
select 'organizations.home_city_id' as reference, count(*) as orphans
from organizations child
where child.home_city_id is not null
  and not exists (select 1 from cities parent where parent.city_id = child.home_city_id)
union all
select 'trips.organization_id' as reference, count(*) as orphans
from trips child
where child.organization_id is not null
  and not exists (select 1 from organizations parent where parent.organization_id = child.organization_id)
union all
select 'trips.department_id' as reference, count(*) as orphans
from trips child
where child.department_id is not null
  and not exists (select 1 from departments parent where parent.department_id = child.department_id)
union all
select 'trips.document_id' as reference, count(*) as orphans
from trips child
where child.document_id is not null
  and not exists (select 1 from documents parent where parent.document_id = child.document_id)
union all
select 'trip_travellers.trip_id' as reference, count(*) as orphans
from trip_travellers child
where child.trip_id is not null
  and not exists (select 1 from trips parent where parent.trip_id = child.trip_id)
union all
select 'trip_travellers.organization_id' as reference, count(*) as orphans
from trip_travellers child
where child.organization_id is not null
  and not exists (select 1 from organizations parent where parent.organization_id = child.organization_id)
union all
select 'trip_destinations.trip_id' as reference, count(*) as orphans
from trip_destinations child
where child.trip_id is not null
  and not exists (select 1 from trips parent where parent.trip_id = child.trip_id)
union all
select 'trip_destinations.city_id' as reference, count(*) as orphans
from trip_destinations child
where child.city_id is not null
  and not exists (select 1 from cities parent where parent.city_id = child.city_id)
union all
select 'itinerary_items.trip_id' as reference, count(*) as orphans
from itinerary_items child
where child.trip_id is not null
  and not exists (select 1 from trips parent where parent.trip_id = child.trip_id)
union all
select 'itinerary_items.city_id' as reference, count(*) as orphans
from itinerary_items child
where child.city_id is not null
  and not exists (select 1 from cities parent where parent.city_id = child.city_id)
union all
select 'itinerary_items.from_city_id' as reference, count(*) as orphans
from itinerary_items child
where child.from_city_id is not null
  and not exists (select 1 from cities parent where parent.city_id = child.from_city_id)
union all
select 'itinerary_items.to_city_id' as reference, count(*) as orphans
from itinerary_items child
where child.to_city_id is not null
  and not exists (select 1 from cities parent where parent.city_id = child.to_city_id)
union all
select 'itinerary_items.meeting_id' as reference, count(*) as orphans
from itinerary_items child
where child.meeting_id is not null
  and not exists (select 1 from meetings parent where parent.meeting_id = child.meeting_id)
union all
select 'itinerary_items.document_id' as reference, count(*) as orphans
from itinerary_items child
where child.document_id is not null
  and not exists (select 1 from documents parent where parent.document_id = child.document_id)
union all
select 'cities.country_iso2' as reference, count(*) as orphans
from cities child
where child.country_iso2 is not null
  and not exists (select 1 from countries parent where parent.iso2 = child.country_iso2)
union all
select 'institutions.city_id' as reference, count(*) as orphans
from institutions child
where child.city_id is not null
  and not exists (select 1 from cities parent where parent.city_id = child.city_id)
union all
select 'institutions.country_iso2' as reference, count(*) as orphans
from institutions child
where child.country_iso2 is not null
  and not exists (select 1 from countries parent where parent.iso2 = child.country_iso2)
union all
select 'institutions.document_id' as reference, count(*) as orphans
from institutions child
where child.document_id is not null
  and not exists (select 1 from documents parent where parent.document_id = child.document_id)
union all
select 'meetings.trip_id' as reference, count(*) as orphans
from meetings child
where child.trip_id is not null
  and not exists (select 1 from trips parent where parent.trip_id = child.trip_id)
union all
select 'meetings.institution_id' as reference, count(*) as orphans
from meetings child
where child.institution_id is not null
  and not exists (select 1 from institutions parent where parent.institution_id = child.institution_id)
union all
select 'meetings.city_id' as reference, count(*) as orphans
from meetings child
where child.city_id is not null
  and not exists (select 1 from cities parent where parent.city_id = child.city_id)
union all
select 'meetings.document_id' as reference, count(*) as orphans
from meetings child
where child.document_id is not null
  and not exists (select 1 from documents parent where parent.document_id = child.document_id)
union all
select 'meeting_attendees.meeting_id' as reference, count(*) as orphans
from meeting_attendees child
where child.meeting_id is not null
  and not exists (select 1 from meetings parent where parent.meeting_id = child.meeting_id)
union all
select 'meeting_attendees.institution_id' as reference, count(*) as orphans
from meeting_attendees child
where child.institution_id is not null
  and not exists (select 1 from institutions parent where parent.institution_id = child.institution_id)
union all
select 'meeting_attendees.organization_id' as reference, count(*) as orphans
from meeting_attendees child
where child.organization_id is not null
  and not exists (select 1 from organizations parent where parent.organization_id = child.organization_id)
union all
select 'meeting_agenda_items.meeting_id' as reference, count(*) as orphans
from meeting_agenda_items child
where child.meeting_id is not null
  and not exists (select 1 from meetings parent where parent.meeting_id = child.meeting_id)
union all
select 'programs.institution_id' as reference, count(*) as orphans
from programs child
where child.institution_id is not null
  and not exists (select 1 from institutions parent where parent.institution_id = child.institution_id)
union all
select 'programs.document_id' as reference, count(*) as orphans
from programs child
where child.document_id is not null
  and not exists (select 1 from documents parent where parent.document_id = child.document_id)
union all
select 'follow_ups.trip_id' as reference, count(*) as orphans
from follow_ups child
where child.trip_id is not null
  and not exists (select 1 from trips parent where parent.trip_id = child.trip_id)
union all
select 'follow_ups.meeting_id' as reference, count(*) as orphans
from follow_ups child
where child.meeting_id is not null
  and not exists (select 1 from meetings parent where parent.meeting_id = child.meeting_id)
union all
select 'follow_ups.institution_id' as reference, count(*) as orphans
from follow_ups child
where child.institution_id is not null
  and not exists (select 1 from institutions parent where parent.institution_id = child.institution_id)
union all
select 'follow_up_institutions.follow_up_id' as reference, count(*) as orphans
from follow_up_institutions child
where child.follow_up_id is not null
  and not exists (select 1 from follow_ups parent where parent.follow_up_id = child.follow_up_id)
union all
select 'follow_up_institutions.institution_id' as reference, count(*) as orphans
from follow_up_institutions child
where child.institution_id is not null
  and not exists (select 1 from institutions parent where parent.institution_id = child.institution_id)
union all
select 'follow_up_events.follow_up_id' as reference, count(*) as orphans
from follow_up_events child
where child.follow_up_id is not null
  and not exists (select 1 from follow_ups parent where parent.follow_up_id = child.follow_up_id)
union all
select 'data_quality_flags.document_id' as reference, count(*) as orphans
from data_quality_flags child
where child.document_id is not null
  and not exists (select 1 from documents parent where parent.document_id = child.document_id)
union all
select 'documents.replaces_document_id' as reference, count(*) as orphans
from documents child
where child.replaces_document_id is not null
  and not exists (select 1 from documents parent where parent.document_id = child.replaces_document_id)
) where orphans > 0
order by reference
