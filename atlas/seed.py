"""Reference data (countries) and the embedded seed dataset (data/seed/, see FORMAT.md).

The seed is loaded into a new database in one transaction: either every fact of both seed
documents is there, or none is.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from atlas.db import Database, Writer
from atlas.paths import SEED_DIR
from atlas.places import gazetteer

SEED_USER = "seed"


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def _span(item: dict) -> dict:
    lines = item.get("lines") or [None, None]
    return {"line_start": lines[0], "line_end": lines[-1]}


def ensure_reference_data(database: Database) -> None:
    """Countries come from the gazetteer; refreshed when missing (cheap, idempotent)."""
    if database.scalar("reference/country_count") > 0:
        return
    with database.transaction() as tx:
        for country in gazetteer().countries():
            tx.run("reference/insert_country", {
                "iso2": country.iso2, "iso3": country.iso3, "name_ko": country.name_ko,
                "name_en": country.name_en, "continent": country.continent,
            })


def ensure_city(tx: Writer, geonameid: int | None, aliases: list[str] | None = None) -> int | None:
    """Make sure a gazetteer city has its row in `cities` (cities are stored as they are used)."""
    if geonameid is None:
        return None
    city = gazetteer().city(int(geonameid))
    tx.run("reference/upsert_city", {
        "city_id": city.geonameid, "name_ko": city.name_ko, "name_en": city.name_en,
        "country_iso2": city.country_iso2, "admin1": city.admin1, "lat": city.lat, "lon": city.lon,
        "timezone": city.timezone, "population": city.population, "aliases": aliases or [],
    })
    return city.geonameid


def load_seed_dataset(database: Database, seed_dir: Path = SEED_DIR) -> dict[str, int]:
    """Load organizations, institutions and every seed document; returns rows per table."""
    counts: dict[str, int] = {}

    def bump(table: str) -> None:
        counts[table] = counts.get(table, 0) + 1

    with database.transaction() as tx:
        org_ids: dict[str, int] = {}
        dept_ids: dict[tuple[str, str], int] = {}
        for org in _read(seed_dir / "organizations.json"):
            ensure_city(tx, org.get("home_city"))
            org_ids[org["key"]] = tx.insert("organizations", {
                "name_ko": org["name_ko"], "name_en": org["name_en"], "short_name": org.get("short_name"),
                "kind": org["kind"], "home_city_id": org.get("home_city"), "aliases": org.get("aliases", []),
            }, returning="organization_id")
            bump("organizations")
            for dept in org.get("departments", []):
                dept_ids[(org["key"], dept["name_ko"])] = tx.insert("departments", {
                    "organization_id": org_ids[org["key"]], "name_ko": dept["name_ko"],
                    "name_en": dept.get("name_en"),
                }, returning="department_id")
                bump("departments")

        documents = sorted((seed_dir / "documents").glob("*.json"))
        doc_ids: dict[str, int] = {}
        for path in documents:
            doc = _read(path)["document"]
            doc_ids[doc["file_name"]] = tx.insert("documents", {
                "file_name": doc["file_name"], "sha256": doc["sha256"],
                "format": Path(doc["file_name"]).suffix.lstrip(".") or "txt", "kind": doc["kind"],
                "title": doc.get("title"), "publisher": doc.get("publisher"),
                "published_date": _date(doc.get("published_date")),
                "published_precision": doc.get("published_precision"), "imported_by": SEED_USER,
            }, returning="document_id")
            bump("documents")

        institution_ids: dict[str, int] = {}
        for inst in _read(seed_dir / "institutions.json"):
            source = inst.get("source") or {}
            ensure_city(tx, inst.get("city"))
            institution_ids[inst["key"]] = tx.insert("institutions", {
                "name_ko": inst["name_ko"], "name_en": inst.get("name_en"), "aliases": inst.get("aliases", []),
                "city_id": inst.get("city"), "country_iso2": inst.get("country"), "type": inst["type"],
                "sectors": inst.get("sectors", []), "description": inst.get("description"),
                "document_id": doc_ids[source["document"]], **_span(source),
            }, returning="institution_id")
            bump("institutions")

        for path in documents:
            _load_document(tx, _read(path), doc_ids, org_ids, dept_ids, institution_ids, bump)
        tx.run("settings/set", {"key": "seed_loaded_at", "value": dt.datetime.now().isoformat(timespec="seconds")})
    return counts


def _load_document(tx: Writer, data: dict, doc_ids, org_ids, dept_ids, institution_ids, bump) -> None:
    document_id = doc_ids[data["document"]["file_name"]]
    source = {"document_id": document_id}
    trip = data["trip"]
    trip_id = tx.insert("trips", {
        "title": trip["title"], "organization_id": org_ids[trip["organization"]],
        "department_id": dept_ids.get((trip["organization"], trip.get("department"))),
        "purpose": trip.get("purpose"), "start_date": _date(trip.get("start_date")),
        "end_date": _date(trip.get("end_date")), "nights_stated": trip.get("nights_stated"),
        "days_stated": trip.get("days_stated"), "status": trip["status"], **source, **_span(trip),
    }, returning="trip_id")
    bump("trips")

    for seq, person in enumerate(data.get("travellers", []), start=1):
        tx.insert("trip_travellers", {
            "trip_id": trip_id, "seq": seq, "name": person.get("name"), "title": person.get("title"),
            "organization_id": org_ids.get(person.get("organization")),
            "organization_name": person.get("organization_name"), "department_name": person.get("department"),
            "role": person.get("role", "member"), **source, **_span(person),
        })
        bump("trip_travellers")

    for seq, dest in enumerate(data.get("destinations", []), start=1):
        tx.insert("trip_destinations", {
            "trip_id": trip_id, "seq": seq, "city_id": ensure_city(tx, dest["city"]), **source, **_span(dest),
        })
        bump("trip_destinations")

    meeting_ids: dict[str, int] = {}
    for seq, meeting in enumerate(data.get("meetings", []), start=1):
        meeting_id = tx.insert("meetings", {
            "trip_id": trip_id, "seq": seq, "institution_id": institution_ids.get(meeting.get("institution")),
            "title": meeting["title"], "meeting_date": _date(meeting.get("date")),
            "start_time": _time(meeting.get("start")), "end_time": _time(meeting.get("end")),
            "city_id": ensure_city(tx, meeting.get("city")), "place": meeting.get("place"),
            "kind": meeting["kind"], "purpose": meeting.get("purpose"),
            "key_points": meeting.get("key_points", []),
            "attendee_count_stated": meeting.get("attendee_count_stated"), **source, **_span(meeting),
        }, returning="meeting_id")
        meeting_ids[meeting["key"]] = meeting_id
        bump("meetings")
        for aseq, person in enumerate(meeting.get("attendees", []), start=1):
            tx.insert("meeting_attendees", {
                "meeting_id": meeting_id, "seq": aseq, "name": person.get("name"), "title": person.get("title"),
                "organization_name": person.get("organization_name"),
                "institution_id": institution_ids.get(person.get("institution")),
                "organization_id": org_ids.get(person.get("organization")), "side": person["side"],
                "headcount": person.get("headcount", 1), **source, **_span(person),
            })
            bump("meeting_attendees")
        for aseq, item in enumerate(meeting.get("agenda", []), start=1):
            tx.insert("meeting_agenda_items", {
                "meeting_id": meeting_id, "seq": aseq, "start_time": _time(item.get("start")),
                "end_time": _time(item.get("end")), "topic": item["topic"], "lead": item.get("lead"),
                **source, **_span(item),
            })
            bump("meeting_agenda_items")

    item_ids: dict[int, int] = {}
    for item in data.get("itinerary", []):
        item_ids[item["seq"]] = tx.insert("itinerary_items", {
            "trip_id": trip_id, "seq": item["seq"], "start_date": _date(item["start_date"]),
            "start_time": _time(item.get("start_time")), "end_date": _date(item.get("end_date")),
            "end_time": _time(item.get("end_time")), "city_id": ensure_city(tx, item.get("city")),
            "from_city_id": ensure_city(tx, item.get("from_city")), "to_city_id": ensure_city(tx, item.get("to_city")),
            "kind": item["kind"], "description": item["description"],
            "stated_duration_minutes": item.get("stated_duration_minutes"),
            "stated_duration_text": item.get("stated_duration_text"),
            "meeting_id": meeting_ids.get(item.get("meeting")), **source, **_span(item),
        }, returning="item_id")
        bump("itinerary_items")

    program_ids: dict[str, int] = {}
    for program in data.get("programs", []):
        program_ids[program["key"]] = tx.insert("programs", {
            "institution_id": institution_ids[program["institution"]], "name": program["name"],
            "name_en": program.get("name_en"), "type": program["type"], "description": program.get("description"),
            "provides": program.get("provides", []), "sectors": program.get("sectors", []),
            "cost_amount": program.get("cost_amount"), "cost_currency": program.get("cost_currency"),
            "cost_note": program.get("cost_note"), "duration_text": program.get("duration_text"),
            "duration_days": program.get("duration_days"), "eligibility": program.get("eligibility"),
            "funding_source": program.get("funding_source"), **source, **_span(program),
        }, returning="program_id")
        bump("programs")

    for follow_up in data.get("follow_ups", []):
        named = [institution_ids[key] for key in follow_up.get("institutions", [])]
        follow_up_id = tx.insert("follow_ups", {
            "action": follow_up["action"], "trip_id": trip_id,
            "meeting_id": meeting_ids.get(follow_up.get("meeting")),
            "institution_id": named[0] if named else None, "owner": follow_up.get("owner"),
            "stage": follow_up.get("stage", "identified"), "priority": follow_up.get("priority", "normal"),
            "due_date": _date(follow_up.get("due_date")), "next_action": follow_up.get("next_action"),
            "updated_by": SEED_USER, **source, **_span(follow_up),
        }, returning="follow_up_id")
        for institution_id in dict.fromkeys(named):
            tx.insert("follow_up_institutions", {"follow_up_id": follow_up_id, "institution_id": institution_id})
        tx.insert("follow_up_events", {
            "follow_up_id": follow_up_id, "by_user": SEED_USER, "field": "created",
            "new_value": follow_up.get("stage", "identified"),
        })
        bump("follow_ups")

    entity_ids = {
        "meeting": meeting_ids, "itinerary_item": item_ids, "program": program_ids,
        "trip": {None: trip_id}, "document": {None: document_id},
    }
    for flag in data.get("flags", []):
        refs = entity_ids.get(flag["entity"], {})
        tx.insert("data_quality_flags", {
            "document_id": document_id, "entity_type": flag["entity"],
            "entity_id": refs.get(flag.get("ref")) if flag["entity"] != "document" else document_id,
            "code": flag["code"], "severity": flag.get("severity", "warning"), "message": flag["message"],
            **_span(flag), "source_text": flag.get("source_text"),
        })
        bump("data_quality_flags")
