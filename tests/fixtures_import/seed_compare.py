"""Field-by-field comparison of an extraction with the curated seed dataset (data/seed/).

The seed's free-text fields (purposes, descriptions, key points, follow-up actions, cost notes,
flag messages) are the curator's own words and are not compared; everything that is a fact of
the document (dates, times, cities, institutions, attendees, counts, line spans, a program's
duration, eligibility and funding as written) is. `compare` returns one entry per compared
field: (path, seed value, extracted value, equal?).
"""

from __future__ import annotations

import json
from pathlib import Path

from atlas.importer.extraction import Extraction
from atlas.importer.textutil import squash

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"


def seed_document(stem: str) -> dict:
    return json.loads((SEED / "documents" / f"{stem}.json").read_text(encoding="utf-8"))


def seed_institutions() -> dict[str, dict]:
    return {i["key"]: i for i in json.loads((SEED / "institutions.json").read_text(encoding="utf-8"))}


def seed_organizations() -> dict[str, dict]:
    return {o["key"]: o for o in json.loads((SEED / "organizations.json").read_text(encoding="utf-8"))}


def _iso(value):
    return value.isoformat() if value else None


def compare(stem: str, x: Extraction) -> list[tuple[str, object, object, bool]]:
    seed = seed_document(stem)
    institutions = seed_institutions()
    organizations = seed_organizations()
    out: list[tuple[str, object, object, bool]] = []

    def check(path, expected, got):
        out.append((path, expected, got, expected == got))

    def inst_key(ref):
        """The seed key of an extracted institution: by its Korean or English name or an alias."""
        found = x.institution(ref)
        if found is None:
            return None
        names = {squash(n) for n in (found.name_ko, found.name_en, *found.aliases) if n}
        for key, inst in institutions.items():
            if names & {squash(n) for n in (inst["name_ko"], inst["name_en"], *inst["aliases"]) if n}:
                return key
        return f"(new) {found.name_ko}"

    doc = seed["document"]
    check("document.kind", doc["kind"], x.kind)
    check("document.published_date", doc["published_date"], _iso(x.published))
    check("document.published_precision", doc["published_precision"], x.published_precision)
    check("document.publisher", doc["publisher"], x.publisher)
    check("document.title", doc["title"], x.title)

    trip, t = seed["trip"], x.trip
    organization = organizations[trip["organization"]]
    check("trip.title", trip["title"], t.title)
    check("trip.organization", True, squash(t.organization or "") in {
        squash(n) for n in (organization["name_ko"], organization["short_name"], *organization["aliases"])})
    check("trip.department", trip["department"], t.department)
    for field in ("start_date", "end_date"):
        check(f"trip.{field}", trip[field], _iso(getattr(t, field)))
    check("trip.nights_stated", trip["nights_stated"], t.nights_stated)
    check("trip.days_stated", trip["days_stated"], t.days_stated)
    check("trip.status", trip["status"], t.status)
    check("trip.lines", trip["lines"], [t.line_start, t.line_end])
    check("destinations", [d["city"] for d in seed["destinations"]], [c.city_id for c in t.cities])
    check("destinations.lines", [d["lines"] for d in seed["destinations"]], [list(l) for l in t.city_lines])
    check("travellers.count", len(seed["travellers"]), len(t.travellers))
    for i, (a, b) in enumerate(zip(seed["travellers"], t.travellers)):
        for field, got in (("name", b.name), ("title", b.title), ("department", b.department), ("role", b.role),
                           ("lines", [b.line_start, b.line_end])):
            check(f"travellers[{i}].{field}", a[field], got)

    check("itinerary.count", len(seed["itinerary"]), len(x.itinerary))
    meeting_keys = {}
    for i, (a, b) in enumerate(zip(seed["meetings"], x.meetings)):
        meeting_keys[b.ref] = a["key"]
    for i, (a, b) in enumerate(zip(seed["itinerary"], x.itinerary)):
        pairs = (("start_date", _iso(b.date)), ("start_time", b.start), ("end_date", _iso(b.end_date)),
                 ("end_time", b.end), ("city", b.city.city_id if b.city else None),
                 ("from_city", b.from_city.city_id if b.from_city else None),
                 ("to_city", b.to_city.city_id if b.to_city else None), ("kind", b.kind),
                 ("stated_duration_text", b.stated_duration_text),
                 ("stated_duration_minutes", b.stated_duration_minutes),
                 ("meeting", meeting_keys.get(b.meeting_ref)), ("lines", [b.line_start, b.line_end]))
        for field, got in pairs:
            check(f"itinerary[{a['seq']}].{field}", a[field], got)

    check("meetings.count", len(seed["meetings"]), len(x.meetings))
    for a, b in zip(seed["meetings"], x.meetings):
        name = f"meetings[{a['key']}]"
        pairs = (("title", b.title), ("institution", inst_key(b.institution_ref)), ("date", _iso(b.date)),
                 ("start", b.start), ("end", b.end), ("city", b.city.city_id if b.city else None),
                 ("place", b.place), ("kind", b.kind), ("attendee_count_stated", b.attendee_count_stated),
                 ("lines", [b.line_start, b.line_end]))
        for field, got in pairs:
            check(f"{name}.{field}", a[field], got)
        check(f"{name}.attendees.count", len(a["attendees"]), len(b.attendees))
        for j, (p, q) in enumerate(zip(a["attendees"], b.attendees)):
            for field, got in (("name", q.name), ("title", q.title), ("organization_name", q.organization),
                               ("side", q.side), ("headcount", q.headcount),
                               ("institution", inst_key(q.institution_ref)), ("lines", [q.line, q.line])):
                check(f"{name}.attendees[{j}].{field}", p[field], got)
        check(f"{name}.agenda.count", len(a["agenda"]), len(b.agenda))
        for j, (p, q) in enumerate(zip(a["agenda"], b.agenda)):
            for field, got in (("start", q.start), ("end", q.end), ("lead", q.lead), ("lines", [q.line, q.line])):
                check(f"{name}.agenda[{j}].{field}", p[field], got)

    seed_keys = sorted({m["institution"] for m in seed["meetings"] if m["institution"]}
                       | {p["institution"] for m in seed["meetings"] for p in m["attendees"] if p["institution"]})
    got_keys = sorted(k for k in (inst_key(i.ref) for i in x.institutions) if k)
    check("institutions.keys", seed_keys, got_keys)
    for institution in x.institutions:
        key = inst_key(institution.ref)
        if key not in institutions:
            continue
        expected = institutions[key]
        check(f"institutions[{key}].name_ko", expected["name_ko"], institution.name_ko)
        check(f"institutions[{key}].name_en", expected["name_en"], institution.name_en)
        check(f"institutions[{key}].city", expected["city"], institution.city.city_id if institution.city else None)
        check(f"institutions[{key}].type", expected["type"], institution.type)
        check(f"institutions[{key}].sectors", sorted(expected["sectors"]), sorted(institution.sectors))
        seen_in_doc = {squash(a) for a in institution.aliases}
        known = {squash(n) for n in (expected["name_ko"], expected["name_en"], *expected["aliases"]) if n}
        check(f"institutions[{key}].aliases_known_to_seed", True, seen_in_doc <= known)

    by_name = {squash(p["name"]): p for p in seed["programs"]}
    for program in x.programs:
        expected = by_name.get(squash(program.name))
        check(f"programs[{program.name}].in_seed", True, expected is not None)
        if expected is None:
            continue
        for field, got in (("institution", inst_key(program.institution_ref)), ("type", program.type),
                           ("cost_amount", program.cost_amount), ("cost_currency", program.cost_currency),
                           ("duration_text", program.duration_text), ("duration_days", program.duration_days),
                           ("eligibility", program.eligibility), ("funding_source", program.funding_source),
                           ("line_start", program.line_start)):
            want = expected["lines"][0] if field == "line_start" else expected[field]
            check(f"programs[{program.name}].{field}", want, got)
    extracted_programs = {squash(p.name) for p in x.programs}
    for program in seed["programs"]:
        check(f"programs[{program['name']}].extracted", True, squash(program["name"]) in extracted_programs)
    check("programs.count", len(seed["programs"]), len(x.programs))

    # Follow-ups are matched by the lines they cite: each one the importer finds must be in the
    # seed, and each one of the seed must be found (named by its first line).
    seed_follow = {tuple(f["lines"]): f for f in seed["follow_ups"]}
    for follow_up in x.follow_ups:
        expected = seed_follow.get((follow_up.line_start, follow_up.line_end))
        check(f"follow_ups[{follow_up.line_start}].in_seed", True, expected is not None)
        if expected:
            check(f"follow_ups[{follow_up.line_start}].institutions", sorted(expected["institutions"]),
                  sorted(inst_key(r) for r in follow_up.institution_refs))
            check(f"follow_ups[{follow_up.line_start}].meeting", expected["meeting"],
                  meeting_keys.get(follow_up.meeting_ref))
            check(f"follow_ups[{follow_up.line_start}].stage", expected["stage"], follow_up.stage)
    spans = {(f.line_start, f.line_end) for f in x.follow_ups}
    for follow_up in seed["follow_ups"]:
        check(f"follow_ups[{follow_up['lines'][0]}].extracted", True, tuple(follow_up["lines"]) in spans)
    check("follow_ups.count", len(seed["follow_ups"]), len(x.follow_ups))
    check("flags.codes", sorted({f["code"] for f in seed["flags"]}), sorted({f.code for f in x.flags}))
    return out
