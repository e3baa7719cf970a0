-- Purpose: Take the next ids of every fact table's sequence at once, so rows written in bulk can reference each other.
-- Grain: one row holding one list of new ids per sequence.
-- Params: $documents, $trips, $travellers, $itinerary, $institutions, $meetings, $attendees, $agenda, $follow_ups, $programs, $flags, $events
select
    (select coalesce(list(nextval('seq_document')), []) from range(coalesce($documents, 0))) as documents,
    (select coalesce(list(nextval('seq_trip')), []) from range(coalesce($trips, 0))) as trips,
    (select coalesce(list(nextval('seq_traveller')), []) from range(coalesce($travellers, 0))) as travellers,
    (select coalesce(list(nextval('seq_itinerary')), []) from range(coalesce($itinerary, 0))) as itinerary,
    (select coalesce(list(nextval('seq_institution')), []) from range(coalesce($institutions, 0))) as institutions,
    (select coalesce(list(nextval('seq_meeting')), []) from range(coalesce($meetings, 0))) as meetings,
    (select coalesce(list(nextval('seq_attendee')), []) from range(coalesce($attendees, 0))) as attendees,
    (select coalesce(list(nextval('seq_agenda')), []) from range(coalesce($agenda, 0))) as agenda,
    (select coalesce(list(nextval('seq_follow_up')), []) from range(coalesce($follow_ups, 0))) as follow_ups,
    (select coalesce(list(nextval('seq_program')), []) from range(coalesce($programs, 0))) as programs,
    (select coalesce(list(nextval('seq_flag')), []) from range(coalesce($flags, 0))) as flags,
    (select coalesce(list(nextval('seq_follow_up_event')), []) from range(coalesce($events, 0))) as events
