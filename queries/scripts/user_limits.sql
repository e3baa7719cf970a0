-- What a signed-in user may see (issue #9), applied once for every query: the organization
-- limit, and for presenters no people's names (travellers, attendees, agenda leads, who
-- imported what: null, shown as unnamed; flags without their quoted text; no follow-ups).
--
-- A script, like a migration (not a named query): it runs on the cursor of a limited user's
-- query before that query, and creates TEMPORARY views with the names of the fact tables.
-- DuckDB looks up temporary objects first, so every named query and every filter macro run on
-- that cursor sees only the rows of the allowed organizations' trips and what hangs off them,
-- without any query having to remember the limit. The views read the real tables through
-- {base} (this database's catalog, filled in by atlas/db.py), which is what keeps a view from
-- reading itself. The allowed ids (null: all) and whether names are hidden are session
-- variables of the cursor, set with bound parameters by queries/scope/allow.sql and
-- queries/scope/hide_names.sql before this script runs. Reference data (countries,
-- cities, settings) is not limited.

-- For a user limited to some organizations, the ids of the allowed rows are worked out once per
-- cursor, so the views below are plain semi-joins. For an unlimited user (a presenter who may
-- see every organization) they stay empty and the views do not consult them.
create temp table scope_trips as
    select trip_id from {base}.main.trips
    where getvariable('atlas_allowed_organizations') is not null
      and list_contains(getvariable('atlas_allowed_organizations'), organization_id);

create temp table scope_meetings as
    select meeting_id from {base}.main.meetings
    where getvariable('atlas_allowed_organizations') is null
       or trip_id in (select trip_id from scope_trips);

-- A follow-up belongs to its trip; one added by hand without a trip belongs to its meeting's trip.
create temp table scope_follow_ups as
    select follow_up_id from {base}.main.follow_ups
    where trip_id in (select trip_id from scope_trips)
       or (trip_id is null and meeting_id in (select meeting_id from scope_meetings));

create temp table scope_documents as
    select document_id from {base}.main.trips where trip_id in (select trip_id from scope_trips)
    union select document_id from {base}.main.meetings where meeting_id in (select meeting_id from scope_meetings)
    union select document_id from {base}.main.follow_ups
    where getvariable('atlas_allowed_organizations') is null
       or follow_up_id in (select follow_up_id from scope_follow_ups);

-- Institutions met through the allowed trips (in a meeting, or named by a follow-up).
create temp table scope_institutions as
    select institution_id from {base}.main.meetings where meeting_id in (select meeting_id from scope_meetings)
    union select institution_id from {base}.main.follow_ups where follow_up_id in (select follow_up_id from scope_follow_ups)
    union select institution_id from {base}.main.follow_up_institutions
          where getvariable('atlas_allowed_organizations') is null
       or follow_up_id in (select follow_up_id from scope_follow_ups);

-- Programs read from the allowed documents, or offered by an institution met through them.
create temp table scope_programs as
    select program_id from {base}.main.programs
    where document_id in (select document_id from scope_documents)
       or institution_id in (select institution_id from scope_institutions);

-- For presenters, the names of the people in this database (attendees, travellers, agenda
-- leads) as one pattern, masked as ○○○ wherever free text mentions them (a meeting titled
-- after the person met, a key point quoting them).
set variable atlas_people_pattern = (
    select coalesce(string_agg(regexp_escape(name), '|' order by length(name) desc), '')
    from (select distinct name from (
              select name from {base}.main.meeting_attendees
              union all select name from {base}.main.trip_travellers
              union all select lead from {base}.main.meeting_agenda_items)
          where getvariable('atlas_hide_names') and length(trim(name)) >= 2));

create temp macro hide_people(text) as
    case when text is null or not getvariable('atlas_hide_names') or getvariable('atlas_people_pattern') = ''
         then text else regexp_replace(text, getvariable('atlas_people_pattern'), '○○○', 'g') end;

create temp view organizations as
    select * from {base}.main.organizations
    where (getvariable('atlas_allowed_organizations') is null
           or list_contains(getvariable('atlas_allowed_organizations'), organization_id));

create temp view departments as
    select * from {base}.main.departments
    where (getvariable('atlas_allowed_organizations') is null
           or list_contains(getvariable('atlas_allowed_organizations'), organization_id));

create temp view trips as
    select * replace (hide_people(title) as title, hide_people(purpose) as purpose)
    from {base}.main.trips
    where getvariable('atlas_allowed_organizations') is null
       or trip_id in (select trip_id from scope_trips);

create temp view trip_travellers as
    select * replace (case when getvariable('atlas_hide_names') then null else name end as name)
    from {base}.main.trip_travellers
    where getvariable('atlas_allowed_organizations') is null
       or trip_id in (select trip_id from scope_trips);

create temp view trip_destinations as
    select * from {base}.main.trip_destinations
    where getvariable('atlas_allowed_organizations') is null
       or trip_id in (select trip_id from scope_trips);

create temp view itinerary_items as
    select * replace (hide_people(description) as description)
    from {base}.main.itinerary_items
    where getvariable('atlas_allowed_organizations') is null
       or trip_id in (select trip_id from scope_trips);

create temp view meetings as
    select * replace (hide_people(title) as title, hide_people(purpose) as purpose, hide_people(place) as place,
                      list_transform(key_points, lambda point: hide_people(point)) as key_points)
    from {base}.main.meetings
    where getvariable('atlas_allowed_organizations') is null
       or meeting_id in (select meeting_id from scope_meetings);

create temp view meeting_attendees as
    select * replace (case when getvariable('atlas_hide_names') then null else name end as name)
    from {base}.main.meeting_attendees
    where getvariable('atlas_allowed_organizations') is null
       or meeting_id in (select meeting_id from scope_meetings);

create temp view meeting_agenda_items as
    select * replace (case when getvariable('atlas_hide_names') then null else lead end as lead,
                      hide_people(topic) as topic)
    from {base}.main.meeting_agenda_items
    where getvariable('atlas_allowed_organizations') is null
       or meeting_id in (select meeting_id from scope_meetings);

-- Presenters get no follow-ups: they are internal work, written about named people.
create temp view follow_ups as
    select * replace (case when getvariable('atlas_hide_names') then null else owner end as owner)
    from {base}.main.follow_ups
    where not getvariable('atlas_hide_names')
      and (getvariable('atlas_allowed_organizations') is null
           or follow_up_id in (select follow_up_id from scope_follow_ups));

create temp view follow_up_institutions as
    select * from {base}.main.follow_up_institutions
    where not getvariable('atlas_hide_names')
      and (getvariable('atlas_allowed_organizations') is null
           or follow_up_id in (select follow_up_id from scope_follow_ups));

create temp view follow_up_events as
    select * replace (case when getvariable('atlas_hide_names') then null else by_user end as by_user)
    from {base}.main.follow_up_events
    where not getvariable('atlas_hide_names')
      and (getvariable('atlas_allowed_organizations') is null
           or follow_up_id in (select follow_up_id from scope_follow_ups));

-- Presenters get a document's description, not its text or file (both are full of names).
create temp view documents as
    select * replace (case when getvariable('atlas_hide_names') then null else imported_by end as imported_by,
                      hide_people(title) as title,
                      case when getvariable('atlas_hide_names') then null else raw_text end as raw_text,
                      case when getvariable('atlas_hide_names') then null else content end as content)
    from {base}.main.documents
    where getvariable('atlas_allowed_organizations') is null
       or document_id in (select document_id from scope_documents);

create temp view institutions as
    select * from {base}.main.institutions
    where getvariable('atlas_allowed_organizations') is null
       or institution_id in (select institution_id from scope_institutions);

create temp view programs as
    select * from {base}.main.programs
    where getvariable('atlas_allowed_organizations') is null
       or program_id in (select program_id from scope_programs);

-- A flag's message and source line can quote people (an attendee count lists the names it
-- added up): presenters get the flag without them.
create temp view data_quality_flags as
    select * replace (case when getvariable('atlas_hide_names') then '' else message end as message,
                      case when getvariable('atlas_hide_names') then null else source_text end as source_text)
    from {base}.main.data_quality_flags q
    where getvariable('atlas_allowed_organizations') is null
       or q.document_id in (select document_id from scope_documents)
       or (q.entity_type = 'trip' and q.entity_id in (select trip_id from scope_trips))
       or (q.entity_type = 'meeting' and q.entity_id in (select meeting_id from scope_meetings))
       or (q.entity_type = 'follow_up' and q.entity_id in (select follow_up_id from scope_follow_ups))
       or (q.entity_type = 'institution' and q.entity_id in (select institution_id from scope_institutions))
       or (q.entity_type = 'program' and q.entity_id in (select program_id from scope_programs));
