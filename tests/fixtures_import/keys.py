"""The facts of an extraction in a plain, comparable form (what the answer keys are written in).

Line numbers are left out by `facts(..., lines=False)`, so the same report read from
different formats (whose line numbering differs) can be compared; flags are compared by
code and entity, and format-specific ones (HTML fragments exist only in the text export)
can be left out.
"""

from __future__ import annotations

import json
from pathlib import Path

from atlas.importer.extraction import Extraction
from atlas.importer.names import Knowledge, KnownOrganization

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def seed_organizations() -> Knowledge:
    """Our side as the seed dataset defines it (reference data every installation sets up)."""
    rows = json.loads((ROOT / "data" / "seed" / "organizations.json").read_text(encoding="utf-8"))
    return Knowledge(organizations=[KnownOrganization(key=o["key"], name_ko=o["name_ko"], name_en=o["name_en"],
                                                      short_name=o.get("short_name"), aliases=o.get("aliases", []))
                                    for o in rows])


def _iso(value):
    return value.isoformat() if value else None


def facts(x: Extraction, lines: bool = True) -> dict:
    def inst(ref):
        found = x.institution(ref)
        return found.name_ko if found else None

    def city(place):
        return place.city_id if place else None

    def meeting_title(ref):
        found = x.meeting(ref)
        return found.title if found else None

    def span(a, b):
        return [a, b] if lines else None

    trip = x.trip
    out = {
        "document": {"kind": x.kind, "title": x.title, "publisher": x.publisher, "published": _iso(x.published),
                     "published_precision": x.published_precision},
        "trip": None if trip is None else {
            "title": trip.title, "organization": trip.organization, "department": trip.department,
            "start_date": _iso(trip.start_date), "end_date": _iso(trip.end_date),
            "nights_stated": trip.nights_stated, "days_stated": trip.days_stated, "status": trip.status,
            "countries": trip.countries, "cities": [c.city_id for c in trip.cities],
            "travellers": [{"name": p.name, "title": p.title, "organization": p.organization,
                            "department": p.department, "role": p.role, "lines": span(p.line_start, p.line_end)}
                           for p in trip.travellers],
            "lines": span(trip.line_start, trip.line_end),
        },
        "itinerary": [{"date": _iso(i.date), "start": i.start, "end_date": _iso(i.end_date), "end": i.end,
                       "city": city(i.city), "from_city": city(i.from_city), "to_city": city(i.to_city),
                       "kind": i.kind, "description": i.description, "stated_duration_minutes": i.stated_duration_minutes,
                       "computed_minutes": i.computed_minutes, "meeting": meeting_title(i.meeting_ref),
                       "lines": span(i.line_start, i.line_end)} for i in x.itinerary],
        "meetings": [{"title": m.title, "institution": inst(m.institution_ref), "date": _iso(m.date), "start": m.start,
                      "end": m.end, "city": city(m.city), "place": m.place, "kind": m.kind,
                      "attendee_count_stated": m.attendee_count_stated, "purpose": m.purpose,
                      "key_points": len(m.key_points),
                      "attendees": [{"name": p.name, "title": p.title, "organization": p.organization, "side": p.side,
                                     "headcount": p.headcount, "institution": inst(p.institution_ref),
                                     "line": p.line if lines else None} for p in m.attendees],
                      "agenda": [{"start": a.start, "end": a.end, "topic": a.topic, "lead": a.lead,
                                  "line": a.line if lines else None} for a in m.agenda],
                      "lines": span(m.line_start, m.line_end)} for m in x.meetings],
        "institutions": [{"name_ko": i.name_ko, "name_en": i.name_en, "aliases": sorted(i.aliases),
                          "city": city(i.city), "type": i.type, "sectors": sorted(i.sectors)}
                         for i in x.institutions],
        "programs": [{"name": p.name, "institution": inst(p.institution_ref), "type": p.type,
                      "cost_amount": p.cost_amount, "cost_currency": p.cost_currency,
                      "duration_text": p.duration_text, "duration_days": p.duration_days,
                      "eligibility": p.eligibility, "funding_source": p.funding_source,
                      "lines": span(p.line_start, p.line_end)} for p in x.programs],
        "follow_ups": [{"action": f.action, "institutions": sorted(inst(r) for r in f.institution_refs),
                        "meeting": meeting_title(f.meeting_ref), "stage": f.stage,
                        "lines": span(f.line_start, f.line_end)} for f in x.follow_ups],
        "flags": sorted({(f.code, f.entity, _flag_ref(x, f)) for f in x.flags}),
    }
    return out


def _flag_ref(x: Extraction, flag):
    if flag.entity == "meeting":
        return x.meeting(flag.ref).title if x.meeting(flag.ref) else None
    if flag.entity == "program":
        found = next((p for p in x.programs if p.ref == flag.ref), None)
        return found.name if found else None
    if flag.entity == "itinerary_item":
        return flag.ref
    return None


def load_key(name: str) -> dict:
    data = json.loads((HERE / name).read_text(encoding="utf-8"))
    data["flags"] = sorted(tuple(f) for f in data["flags"])
    return data
