"""What an extractor found in one document, before anything is written.

The same object feeds the CLI's JSON (`to_contract`: the shape others read, see the issue),
the import page's review tables and the writer. Every fact keeps the line span it was read
from; what the document does not say stays None.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Place:
    """A place as written, and the gazetteer city it resolved to (None when it did not)."""

    text: str
    city_id: int | None = None
    name_ko: str | None = None
    name_en: str | None = None
    country: str | None = None
    timezone: str | None = None
    needs_review: bool = False
    note: str | None = None


@dataclass
class Person:
    name: str | None
    title: str | None
    organization: str | None            # as written in the document
    side: str = "theirs"                # ours | theirs | interpreter
    headcount: int = 1
    line: int | None = None
    institution_ref: str | None = None  # key into Extraction.institutions (their side)
    organization_ref: str | None = None  # a known organization's key (our side)


@dataclass
class Traveller:
    name: str | None
    title: str | None
    organization: str | None
    department: str | None = None
    role: str = "member"
    line_start: int | None = None
    line_end: int | None = None


@dataclass
class Trip:
    title: str | None
    organization: str | None             # our side, as the document names it
    organization_ref: str | None = None  # a known organization's key
    department: str | None = None
    purpose: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    nights_stated: int | None = None
    days_stated: int | None = None
    status: str = "completed"
    countries: list[str] = field(default_factory=list)
    cities: list[Place] = field(default_factory=list)
    city_lines: list[tuple[int, int]] = field(default_factory=list)
    travellers: list[Traveller] = field(default_factory=list)
    line_start: int | None = None
    line_end: int | None = None


@dataclass
class ItineraryItem:
    seq: int
    date: dt.date | None
    start: str | None
    end: str | None
    end_date: dt.date | None
    city: Place | None
    from_city: Place | None
    to_city: Place | None
    kind: str
    description: str
    stated_duration_text: str | None = None
    stated_duration_minutes: int | None = None
    computed_minutes: int | None = None
    meeting_ref: str | None = None
    line_start: int | None = None
    line_end: int | None = None


@dataclass
class AgendaItem:
    start: str | None
    end: str | None
    topic: str
    lead: str | None
    line: int | None = None


@dataclass
class Meeting:
    ref: str
    title: str
    institution_ref: str | None
    date: dt.date | None
    start: str | None
    end: str | None
    city: Place | None
    place: str | None
    kind: str
    purpose: str | None = None
    key_points: list[str] = field(default_factory=list)
    attendee_count_stated: int | None = None
    attendees: list[Person] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    line_start: int | None = None
    line_end: int | None = None


@dataclass
class Institution:
    ref: str
    name_ko: str | None
    name_en: str | None
    aliases: list[str] = field(default_factory=list)  # every other spelling seen
    city: Place | None = None
    country: str | None = None
    type: str = "other"
    sectors: list[str] = field(default_factory=list)
    existing_id: int | None = None  # an institution already in the database
    line_start: int | None = None
    line_end: int | None = None

    @property
    def name(self) -> str:
        return self.name_ko or self.name_en or self.ref


@dataclass
class Program:
    ref: str
    name: str
    institution_ref: str | None
    type: str = "other"
    name_en: str | None = None
    description: str | None = None
    cost_amount: float | None = None
    cost_currency: str | None = None
    cost_note: str | None = None
    duration_text: str | None = None
    duration_days: int | None = None
    eligibility: str | None = None
    funding_source: str | None = None
    line_start: int | None = None
    line_end: int | None = None


@dataclass
class FollowUp:
    action: str
    institution_refs: list[str] = field(default_factory=list)
    meeting_ref: str | None = None
    stage: str = "identified"
    line_start: int | None = None
    line_end: int | None = None


@dataclass
class Flag:
    code: str
    message: str                 # Korean, like the rest of the stored facts
    severity: str = "warning"    # info | warning | error
    entity: str = "document"     # data_quality_flags.entity_type
    ref: Any = None              # meeting ref / itinerary seq / program ref / None
    line_start: int | None = None
    line_end: int | None = None
    source_text: str | None = None


@dataclass
class Extraction:
    file_name: str
    format: str
    kind: str                           # report | plan | news | unknown
    title: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    published_precision: str | None = None
    trip: Trip | None = None
    itinerary: list[ItineraryItem] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    # -- lookups -----------------------------------------------------------------------------
    def institution(self, ref: str | None) -> Institution | None:
        return next((i for i in self.institutions if i.ref == ref), None) if ref else None

    def meeting(self, ref: str | None) -> Meeting | None:
        return next((m for m in self.meetings if m.ref == ref), None) if ref else None

    def flag(self, code: str, message: str, *, severity: str = "warning", entity: str = "document", ref=None,
             lines: tuple[int | None, int | None] = (None, None), source_text: str | None = None) -> Flag:
        made = Flag(code, message, severity, entity, ref, lines[0], lines[1], source_text)
        self.flags.append(made)
        return made

    # -- the CLI contract --------------------------------------------------------------------
    def to_contract(self) -> dict:
        """The JSON shape of `python -m atlas extract FILE --json` (dates ISO 8601, times HH:MM
        local, null where the text does not say)."""

        def names(ref: str | None) -> dict:
            institution = self.institution(ref)
            if institution is None:
                return {"name_ko": None, "name_en": None}
            return {"name_ko": institution.name_ko, "name_en": institution.name_en}

        def city_name(place: Place | None) -> str | None:
            if place is None:
                return None
            return place.name_ko or place.text

        def attendee_org(person: Person) -> str | None:
            return person.organization

        trips = []
        if self.trip is not None:
            trip = self.trip
            trips.append({
                "title": trip.title,
                "organization": trip.organization,
                "start_date": _iso(trip.start_date),
                "end_date": _iso(trip.end_date),
                "countries": list(trip.countries),
                "cities": [{"name_ko": c.name_ko or c.text, "name_en": c.name_en, "country": c.country}
                           for c in trip.cities],
                "travellers": [{"name": p.name, "title": p.title, "organization": p.organization}
                               for p in trip.travellers],
            })
        return {
            "document": {"file": self.file_name, "format": self.format, "kind": self.kind,
                         "published": _iso(self.published)},
            "trips": trips,
            "itinerary": [{"date": _iso(i.date), "start": i.start, "end": i.end, "city": city_name(i.city),
                           "kind": i.kind, "description": i.description} for i in self.itinerary],
            "meetings": [{"date": _iso(m.date), "start": m.start, "end": m.end, "city": city_name(m.city),
                          "institution": names(m.institution_ref),
                          "attendees": [{"name": p.name, "title": p.title, "organization": attendee_org(p),
                                         "side": p.side} for p in m.attendees],
                          "summary": m.purpose} for m in self.meetings],
            "institutions": [{"name_ko": i.name_ko, "name_en": i.name_en,
                              "city": i.city.name_ko if i.city else None, "type": i.type,
                              "sectors": list(i.sectors)} for i in self.institutions],
            "programs": [{"name": p.name, "institution": self.institution(p.institution_ref).name
                          if self.institution(p.institution_ref) else None,
                          "type": p.type, "cost": p.cost_amount, "currency": p.cost_currency,
                          "duration": p.duration_text, "description": p.description} for p in self.programs],
            "follow_ups": [{"action": f.action,
                            "institution": self.institution(f.institution_refs[0]).name
                            if f.institution_refs and self.institution(f.institution_refs[0]) else None,
                            "stage": f.stage} for f in self.follow_ups],
            "warnings": [{"code": f.code, "message": f.message, "line": f.line_start} for f in self.flags],
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
