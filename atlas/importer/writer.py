"""The writer: stores extractions in the database with their provenance, in one transaction.

- Importing the same bytes again changes nothing (the documents row's sha256 decides).
- A new version of a document (same file name, other bytes) replaces that document's facts
  in the same transaction that stores the new ones; follow-ups someone edited by hand are
  kept and pointed at the new trip.
- Institutions are matched against the database (names, English names, aliases, spelling
  variants, Korean/Latin forms) so one met on two trips is one row; new spellings become
  aliases.
- Every fact row carries document_id and its line span; the documents row keeps the raw text
  and the original bytes.

Many documents can be written in one transaction (`store_many`): the rows of every table go
in with one statement each, which is what makes bulk imports fast. A refused file never gets
here, so it writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from atlas import access
from atlas.access import User
from atlas.db import Database, Writer
from atlas.importer.extraction import Extraction, Institution
from atlas.importer.model import SourceDocument
from atlas.importer.names import CitySpelling, skeleton
from atlas.importer.textutil import has_hangul, squash
from atlas.seed import ensure_city

TABLES = ("documents", "trips", "trip_travellers", "trip_destinations", "institutions", "meetings",
          "meeting_attendees", "meeting_agenda_items", "itinerary_items", "programs", "follow_ups",
          "follow_up_institutions", "follow_up_events", "data_quality_flags")


@dataclass
class Outcome:
    """What happened to one file."""

    file_name: str
    status: str                          # imported | replaced | unchanged
    document_id: int | None = None
    replaced_document_id: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    kept_follow_ups: int = 0


def _time(value: str | None) -> dt.time | None:
    if not value:
        return None
    hours, minutes = value.split(":")
    return dt.time(int(hours) % 24, int(minutes))


class _InstitutionIndex:
    """Name keys -> institution id, for the database's institutions and those added in this batch."""

    def __init__(self, known_rows):
        self.by_key: dict[str, int] = {}
        self.skeletons: list[tuple[str, bool, int]] = []
        self.names: dict[int, set[str]] = {}
        for row in known_rows:
            self.add(int(row["institution_id"]), [_text(row["name_ko"]), _text(row["name_en"]),
                                                  *_listed(row["aliases"])])

    def add(self, institution_id: int, names) -> None:
        spelled = self.names.setdefault(institution_id, set())
        for name in names:
            if not name:
                continue
            spelled.add(name)
            key = squash(name)
            if key:
                self.by_key.setdefault(key, institution_id)
            skel = skeleton(name)
            if len(skel) >= 3:
                self.skeletons.append((skel, has_hangul(name), institution_id))

    def find(self, institution: Institution, spelling: CitySpelling) -> int | None:
        names = [institution.name_ko, institution.name_en, *institution.aliases]
        for name in names:
            if name:
                for candidate in (name, spelling.fix(name)):
                    found = self.by_key.get(squash(candidate))
                    if found is not None:
                        return found
        for name in names:
            if not name:
                continue
            skel = skeleton(spelling.fix(name))
            if len(skel) < 3:
                continue
            for other, other_hangul, institution_id in self.skeletons:
                if other == skel and other_hangul != has_hangul(name):
                    return institution_id
        return None


class _Batch:
    """Row lists for every table, filled document by document, written at the end."""

    def __init__(self):
        self.rows: dict[str, list[dict]] = {table: [] for table in TABLES}

    def add(self, table: str, row: dict) -> None:
        self.rows[table].append(row)


def store(database: Database, doc: SourceDocument, extraction: Extraction, user: User | str) -> Outcome:
    """Store one document (one transaction)."""
    return store_many(database, [(doc, extraction)], user)[0]


def store_many(database: Database, items: list[tuple[SourceDocument, Extraction]], user: User | str) -> list[Outcome]:
    """Store documents in one transaction; returns one Outcome per item, in order. The user
    must be allowed to import, and a user limited to some organizations can only store (or
    replace) those organizations' trips: PermissionDenied otherwise, and nothing is written."""
    actor = access.require(user, "import")
    outcomes: list[Outcome | None] = [None] * len(items)
    todo: list[tuple[int, SourceDocument, Extraction]] = []
    stored = database.query("import/documents_by_sha", {"shas": [doc.sha256 for doc, _ in items]})
    stored_ids = dict(zip(stored["sha256"], stored["document_id"].astype(int)))
    seen_sha: set[str] = set()
    for position, (doc, extraction) in enumerate(items):
        if doc.sha256 in stored_ids or doc.sha256 in seen_sha:
            outcomes[position] = Outcome(doc.file_name, "unchanged", document_id=stored_ids.get(doc.sha256))
            continue
        seen_sha.add(doc.sha256)
        todo.append((position, doc, extraction))
    if not todo:
        return outcomes  # type: ignore[return-value]
    with database.transaction() as tx:
        writer = _BatchWriter(tx, actor)
        latest = tx.run("import/latest_by_name", {"file_names": sorted({doc.file_name for _, doc, _ in todo})})
        writer.previous = dict(zip(latest["file_name"], latest["document_id"].astype(int)))
        for position, doc, extraction in todo:
            outcomes[position] = writer.plan(doc, extraction)
        writer.flush()
        for outcome in outcomes:
            if outcome is not None and outcome.status in ("imported", "replaced"):
                outcome.document_id = writer.document_ids.get(id(outcome))
    return outcomes  # type: ignore[return-value]


class _BatchWriter:
    def __init__(self, tx: Writer, actor: User):
        self.tx = tx
        self.actor = actor
        self.user = actor.username  # recorded as imported_by / updated_by
        self.batch = _Batch()
        self.document_ids: dict[int, int] = {}
        self.cities: set[int] = set(int(c) for c in tx.run("import/known_cities")["city_id"])
        self.institutions = _InstitutionIndex(tx.run("import/known_institutions").to_dict("records"))
        self.organizations = tx.run("import/known_organizations").to_dict("records")
        self.departments = tx.run("import/known_departments").to_dict("records")
        self.previous: dict[str, int] = {}              # file name -> the stored version a new one replaces
        self.new_aliases: dict[int, set[str]] = {}
        self.provisional: dict[int, int | None] = {}   # provisional id of a new institution -> its real id
        self.provisional_names: dict[int, set[str]] = {}
        self.relinks: list[dict] = []
        self.plans: list[tuple] = []
        self.counts_needed = {k: 0 for k in ("documents", "trips", "travellers", "itinerary", "institutions",
                                             "meetings", "attendees", "agenda", "follow_ups", "programs", "flags",
                                             "events")}

    # -- lookups ------------------------------------------------------------------------------------
    def _organization_id(self, name: str | None) -> int | None:
        if not name:
            return None
        key = squash(name)
        for org in self.organizations:
            names = [_text(org["name_ko"]), _text(org["name_en"]), _text(org["short_name"]), *_listed(org["aliases"])]
            if any(n and squash(n) == key for n in names):
                return int(org["organization_id"])
        best, best_len = None, 0
        for org in self.organizations:
            for n in [_text(org["name_ko"]), _text(org["short_name"]), *_listed(org["aliases"])]:
                if n and len(squash(n)) >= 2 and squash(n) in key and len(squash(n)) > best_len:
                    best, best_len = int(org["organization_id"]), len(squash(n))
        return best

    def _ensure_organization(self, name: str | None) -> int:
        found = self._organization_id(name)
        access.require_organization(self.actor, found)  # a limited user adds no organization either
        if found is not None:
            return found
        label = name or "(기관 미상)"
        organization_id = self.tx.insert("organizations", {
            "name_ko": label, "name_en": label, "kind": "other", "aliases": [],
        }, returning="organization_id")
        self.organizations.append({"organization_id": organization_id, "name_ko": label, "name_en": label,
                                   "short_name": None, "aliases": []})
        return organization_id

    def _department_id(self, organization_id: int, name: str | None) -> int | None:
        if not name:
            return None
        for dept in self.departments:
            if int(dept["organization_id"]) == organization_id and squash(dept["name_ko"]) == squash(name):
                return int(dept["department_id"])
        department_id = self.tx.insert("departments", {"organization_id": organization_id, "name_ko": name},
                                       returning="department_id")
        self.departments.append({"department_id": department_id, "organization_id": organization_id,
                                 "name_ko": name})
        return department_id

    def _city(self, place) -> int | None:
        if place is None or place.city_id is None:
            return None
        if place.city_id not in self.cities:
            ensure_city(self.tx, place.city_id)
            self.cities.add(place.city_id)
        return place.city_id

    # -- planning -------------------------------------------------------------------------------------
    def plan(self, doc: SourceDocument, x: Extraction) -> Outcome:
        previous_id = self.previous.pop(doc.file_name, None)
        previous_id = int(previous_id) if previous_id is not None else None
        kept = []
        if previous_id is not None:
            for organization_id in self.tx.run("import/organizations_of_document",
                                               {"document_id": previous_id})["organization_id"]:
                access.require_organization(self.actor, int(organization_id))
            kept = self.tx.run("import/kept_follow_ups", {"document_id": previous_id}).to_dict("records")
            self._delete_facts(previous_id)
        outcome = Outcome(doc.file_name, "replaced" if previous_id is not None else "imported",
                          replaced_document_id=previous_id, kept_follow_ups=len(kept))
        # Resolve institutions now (ids of new ones are reserved later).
        spelling = CitySpelling([c.name_ko for c in (x.trip.cities if x.trip else []) if c.name_ko])
        resolved: dict[str, int | None] = {}
        new_institutions: list[Institution] = []
        for institution in x.institutions:
            found = self.institutions.find(institution, spelling)
            resolved[institution.ref] = found
            if found is None:
                # New: known to the rest of the batch under a provisional (negative) id until written.
                provisional = -(len(self.provisional) + 1)
                self.provisional[provisional] = None
                resolved[institution.ref] = provisional
                self.institutions.add(provisional, [institution.name_ko, institution.name_en, *institution.aliases])
                new_institutions.append((provisional, institution))
            elif found < 0:  # new in this batch: its row gets this document's spellings as aliases too
                names = [n for n in (institution.name_ko, institution.name_en, *institution.aliases) if n]
                self.institutions.add(found, names)
                self.provisional_names.setdefault(found, set()).update(names)
            else:
                spelled = self.institutions.names.get(found, set())
                extra = {n for n in (institution.name_ko, institution.name_en, *institution.aliases)
                         if n and n not in spelled}
                if extra:
                    self.new_aliases.setdefault(found, set()).update(extra)
                    self.institutions.add(found, extra)
        stored_items = [i for i in x.itinerary if i.date is not None]
        n = self.counts_needed
        n["documents"] += 1
        n["trips"] += 1 if x.trip else 0
        n["travellers"] += len(x.trip.travellers) if x.trip else 0
        n["itinerary"] += len(stored_items)
        n["institutions"] += len(new_institutions)
        n["meetings"] += len(x.meetings)
        n["attendees"] += sum(len(m.attendees) for m in x.meetings)
        n["agenda"] += sum(len(m.agenda) for m in x.meetings)
        # A follow-up someone edited is kept; the new version's reading of the same lines is not added again.
        kept_actions = {squash(k["action"]) for k in kept}
        kept_sources = {squash(k["source_text"]) for k in kept if isinstance(k["source_text"], str)}
        lines = doc.raw_text.split("\n")

        def source(f) -> str:
            return squash("\n".join(lines[f.line_start - 1:f.line_end])) if f.line_start else ""

        follow_ups = [f for f in x.follow_ups if squash(f.action) not in kept_actions
                      and not (source(f) and source(f) in kept_sources)]
        n["follow_ups"] += len(follow_ups)
        n["events"] += len(follow_ups)
        programs = [p for p in x.programs if p.institution_ref]
        n["programs"] += len(programs)
        n["flags"] += len(x.flags) + (len(x.itinerary) - len(stored_items)) + (len(x.programs) - len(programs))
        self.plans.append((outcome, doc, x, previous_id, kept, resolved, new_institutions, stored_items,
                           follow_ups, programs))
        return outcome

    def flush(self) -> None:
        ids = self.tx.run("import/reserve_ids", self.counts_needed).iloc[0]
        pools = {name: iter(int(v) for v in ids[name]) for name in self.counts_needed}
        for plan in self.plans:
            self._rows(pools, *plan)
        self._insert_rows()
        for institution_id, aliases in self.new_aliases.items():
            self.tx.run("import/add_institution_aliases", {"institution_id": institution_id,
                                                           "aliases": sorted(aliases)})
        for relink in self.relinks:
            self.tx.run("import/relink_follow_up", relink)

    def _delete_facts(self, document_id: int) -> None:
        """The facts of a document's previous version, children first (no FOREIGN KEYs, see 001)."""
        tx = self.tx
        tx.run("import/delete_attendees", {"document_id": document_id})
        tx.run("import/delete_agenda", {"document_id": document_id})
        tx.run("import/delete_itinerary", {"document_id": document_id})
        tx.run("import/delete_meetings", {"document_id": document_id})
        tx.run("import/delete_travellers", {"document_id": document_id})
        tx.run("import/delete_destinations", {"document_id": document_id})
        tx.run("import/delete_programs", {"document_id": document_id})
        tx.run("import/delete_flags", {"document_id": document_id})
        tx.run("import/delete_follow_up_links", {"document_id": document_id})
        tx.run("import/delete_follow_up_events", {"document_id": document_id})
        tx.run("import/delete_follow_ups", {"document_id": document_id})
        tx.run("import/delete_trips", {"document_id": document_id})

    def _insert_rows(self) -> None:
        """Every table's rows of the batch, one bulk insert per table (parents first)."""
        for table in TABLES:
            rows = self.batch.rows[table]
            if rows:
                self.tx.insert_frame(table, pd.DataFrame(rows))

    def _rows(self, pools, outcome: Outcome, doc: SourceDocument, x: Extraction, previous_id, kept, resolved,
              new_institutions, stored_items, follow_ups, programs) -> None:
        add = self.batch.add
        counts = outcome.counts
        document_id = next(pools["documents"])
        self.document_ids[id(outcome)] = document_id
        add("documents", {
            "document_id": document_id, "file_name": doc.file_name, "sha256": doc.sha256, "format": doc.format,
            "kind": x.kind, "title": x.title, "publisher": x.publisher, "published_date": x.published,
            "published_precision": x.published_precision, "imported_by": self.user, "size_bytes": doc.size_bytes,
            "raw_text": doc.raw_text, "content": doc.content, "replaces_document_id": previous_id,
        })
        src = {"document_id": document_id}

        def span(start, end=None):
            return {"line_start": start, "line_end": end if end is not None else start}

        institution_ids = {ref: (self.provisional[found] if found is not None and found < 0 else found)
                           for ref, found in resolved.items()}
        for provisional, institution in new_institutions:
            institution_id = next(pools["institutions"])
            self.provisional[provisional] = institution_id
            institution_ids[institution.ref] = institution_id
            city_id = self._city(institution.city)
            name_ko = institution.name_ko or institution.name_en
            aliases = sorted((set(institution.aliases) | self.provisional_names.get(provisional, set()))
                             - {name_ko, institution.name_en})
            add("institutions", {
                "institution_id": institution_id, "name_ko": name_ko,
                "name_en": institution.name_en, "aliases": aliases, "city_id": city_id,
                "country_iso2": institution.country, "type": institution.type, "sectors": list(institution.sectors),
                "description": None, **src, **span(institution.line_start, institution.line_end),
            })
        counts["institutions"] = len(new_institutions)

        trip = x.trip
        trip_id = next(pools["trips"])
        organization_id = self._ensure_organization(trip.organization)
        department_id = self._department_id(organization_id, trip.department)
        start, end = trip.start_date, trip.end_date
        if start and end and end < start:
            end = None
        add("trips", {
            "trip_id": trip_id, "title": trip.title or x.title or Path(doc.file_name).stem,
            "organization_id": organization_id, "department_id": department_id, "purpose": trip.purpose,
            "start_date": start, "end_date": end, "nights_stated": trip.nights_stated, "days_stated": trip.days_stated,
            "status": trip.status, **src, **span(trip.line_start, trip.line_end),
        })
        counts["trips"] = 1
        for seq, person in enumerate(trip.travellers, start=1):
            add("trip_travellers", {
                "traveller_id": next(pools["travellers"]), "trip_id": trip_id, "seq": seq, "name": person.name,
                "title": person.title, "organization_id": organization_id, "organization_name": person.organization,
                "department_name": person.department, "role": person.role, **src,
                **span(person.line_start, person.line_end),
            })
        counts["trip_travellers"] = len(trip.travellers)
        seq = 0
        for place, lines in zip(trip.cities, trip.city_lines or [(None, None)] * len(trip.cities)):
            city_id = self._city(place)
            if city_id is None:
                continue
            seq += 1
            add("trip_destinations", {"trip_id": trip_id, "seq": seq, "city_id": city_id, **src, **span(*lines)})
        counts["trip_destinations"] = seq

        meeting_ids: dict[str, int] = {}
        attendees = agenda = 0
        for seq, meeting in enumerate(x.meetings, start=1):
            meeting_id = next(pools["meetings"])
            meeting_ids[meeting.ref] = meeting_id
            add("meetings", {
                "meeting_id": meeting_id, "trip_id": trip_id, "seq": seq,
                "institution_id": institution_ids.get(meeting.institution_ref), "title": meeting.title,
                "meeting_date": meeting.date, "start_time": _time(meeting.start) if meeting.date else None,
                "end_time": _time(meeting.end) if meeting.date else None, "city_id": self._city(meeting.city),
                "place": meeting.place, "kind": meeting.kind, "purpose": meeting.purpose,
                "key_points": list(meeting.key_points), "attendee_count_stated": meeting.attendee_count_stated,
                **src, **span(meeting.line_start, meeting.line_end),
            })
            for aseq, person in enumerate(meeting.attendees, start=1):
                add("meeting_attendees", {
                    "attendee_id": next(pools["attendees"]), "meeting_id": meeting_id, "seq": aseq,
                    "name": person.name, "title": person.title, "organization_name": person.organization,
                    "institution_id": institution_ids.get(person.institution_ref),
                    "organization_id": self._organization_id(person.organization) if person.side == "ours" else None,
                    "side": person.side, "headcount": max(1, person.headcount), **src, **span(person.line),
                })
                attendees += 1
            for aseq, item in enumerate(meeting.agenda, start=1):
                add("meeting_agenda_items", {
                    "agenda_item_id": next(pools["agenda"]), "meeting_id": meeting_id, "seq": aseq,
                    "start_time": _time(item.start), "end_time": _time(item.end), "topic": item.topic or "-",
                    "lead": item.lead, **src, **span(item.line),
                })
                agenda += 1
        counts.update(meetings=len(x.meetings), meeting_attendees=attendees, meeting_agenda_items=agenda)

        item_ids: dict[int, int] = {}
        for seq, item in enumerate(stored_items, start=1):
            item_id = next(pools["itinerary"])
            item_ids[item.seq] = item_id
            add("itinerary_items", {
                "item_id": item_id, "trip_id": trip_id, "seq": seq, "start_date": item.date,
                "start_time": _time(item.start), "end_date": item.end_date, "end_time": _time(item.end),
                "city_id": self._city(item.city), "from_city_id": self._city(item.from_city),
                "to_city_id": self._city(item.to_city), "kind": item.kind, "description": item.description or "-",
                "stated_duration_minutes": item.stated_duration_minutes,
                "stated_duration_text": item.stated_duration_text, "meeting_id": meeting_ids.get(item.meeting_ref),
                **src, **span(item.line_start, item.line_end),
            })
        counts["itinerary_items"] = len(stored_items)

        program_ids: dict[str, int] = {}
        for program in programs:
            program_id = next(pools["programs"])
            program_ids[program.ref] = program_id
            add("programs", {
                "program_id": program_id, "institution_id": institution_ids.get(program.institution_ref),
                "name": program.name, "name_en": program.name_en, "type": program.type,
                "description": program.description, "cost_amount": program.cost_amount,
                "cost_currency": program.cost_currency, "cost_note": program.cost_note,
                "duration_text": program.duration_text, "duration_days": program.duration_days,
                "eligibility": program.eligibility, "funding_source": program.funding_source,
                **src, **span(program.line_start, program.line_end),
            })
        counts["programs"] = len(programs)

        for follow_up in follow_ups:
            follow_up_id = next(pools["follow_ups"])
            named = [institution_ids[r] for r in follow_up.institution_refs if institution_ids.get(r) is not None]
            add("follow_ups", {
                "follow_up_id": follow_up_id, "action": follow_up.action, "trip_id": trip_id,
                "meeting_id": meeting_ids.get(follow_up.meeting_ref), "institution_id": named[0] if named else None,
                "stage": follow_up.stage, "updated_by": self.user, **src,
                **span(follow_up.line_start, follow_up.line_end),
            })
            for institution_id in dict.fromkeys(named):
                add("follow_up_institutions", {"follow_up_id": follow_up_id, "institution_id": institution_id})
            add("follow_up_events", {"event_id": next(pools["events"]), "follow_up_id": follow_up_id,
                                     "by_user": self.user, "field": "created", "new_value": follow_up.stage})
        counts["follow_ups"] = len(follow_ups)
        titles = {m.title: meeting_ids[m.ref] for m in x.meetings}
        for kept_row in kept:
            self.relinks.append({"follow_up_id": int(kept_row["follow_up_id"]), "trip_id": trip_id,
                                 "meeting_id": titles.get(kept_row["meeting_title"])})

        entity_ids = {"meeting": meeting_ids, "itinerary_item": item_ids, "program": program_ids,
                      "institution": {k: v for k, v in institution_ids.items() if v is not None}}
        flags = list(x.flags)
        for item in x.itinerary:
            if item.date is None:
                flags.append(_flag("itinerary_row_without_date",
                                   f"날짜를 알 수 없는 일정 행은 저장하지 않음: {item.description}", item.line_start))
        for program in x.programs:
            if not program.institution_ref:
                flags.append(_flag("program_without_institution",
                                   f"운영 기관을 알 수 없는 프로그램은 저장하지 않음: {program.name}", program.line_start))
        for flag in flags:
            if flag.entity == "document":
                entity_id = document_id
            elif flag.entity == "trip":
                entity_id = trip_id
            else:
                entity_id = entity_ids.get(flag.entity, {}).get(flag.ref)
            add("data_quality_flags", {
                "flag_id": next(pools["flags"]), "document_id": document_id, "entity_type": flag.entity,
                "entity_id": entity_id, "code": flag.code, "severity": flag.severity, "message": flag.message,
                "line_start": flag.line_start, "line_end": flag.line_end, "source_text": flag.source_text,
            })
        counts["data_quality_flags"] = len(flags)


def _listed(value) -> list:
    """A list column as read through pandas (a numpy array, a list or None) -> list of text."""
    return [] if value is None or isinstance(value, float) else [v for v in value if isinstance(v, str)]


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _flag(code: str, message: str, line: int | None):
    from atlas.importer.extraction import Flag

    return Flag(code, message, "warning", "document", None, line, line)



