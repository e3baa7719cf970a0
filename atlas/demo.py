"""Synthetic scale data for benchmarks and demos: `python -m atlas demo --scale N --db PATH`.

Plausible, reproducible (fixed seed) and clearly marked: every row is entered by
"synthetic-generator", trips carry is_synthetic = true, and the database records
app_settings.synthetic_scale. It refuses the default database and any database holding
real data, so synthetic rows are never mixed with real ones.

At scale N: 200·N trips, about 7.5 meetings per trip (150,000 at N = 100), min(2000, 180 + 20·N)
cities in 60+ countries, three institutions per city.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from atlas.db import Database, open_database
from atlas.paths import DEFAULT_DB_PATH
from atlas.places import City, gazetteer
from atlas.seed import ensure_city, ensure_reference_data

GENERATOR = "synthetic-generator"
DEFAULT_SEED = 20240624

# Our side: Korean metropolitan and provincial governments and agencies, by home city (English
# GeoNames name as the gazetteer knows it).
ORGANIZATIONS = (
    ("서울특별시", "Seoul Metropolitan Government", "metropolitan_government", "서울"),
    ("부산광역시", "Busan Metropolitan City", "metropolitan_government", "부산"),
    ("대구광역시", "Daegu Metropolitan City", "metropolitan_government", "대구"),
    ("인천광역시", "Incheon Metropolitan City", "metropolitan_government", "인천"),
    ("광주광역시", "Gwangju Metropolitan City", "metropolitan_government", "광주"),
    ("대전광역시", "Daejeon Metropolitan City", "metropolitan_government", "대전"),
    ("울산광역시", "Ulsan Metropolitan City", "metropolitan_government", "울산"),
    ("세종특별자치시", "Sejong Special Self-Governing City", "metropolitan_government", "세종"),
    ("경기도", "Gyeonggi Province", "local_government", "수원"),
    ("강원특별자치도", "Gangwon State", "local_government", "춘천"),
    ("충청북도", "Chungcheongbuk-do", "local_government", "청주"),
    ("충청남도", "Chungcheongnam-do", "local_government", "홍성"),
    ("전북특별자치도", "Jeonbuk State", "local_government", "전주"),
    ("경상북도", "Gyeongsangbuk-do", "local_government", "안동"),
    ("제주특별자치도", "Jeju Special Self-Governing Province", "local_government", "제주"),
    ("대전과학산업진흥원", "Daejeon Science and Industry Promotion Agency", "public_agency", "대전"),
    ("서울경제진흥원", "Seoul Business Agency", "public_agency", "서울"),
    ("부산경제진흥원", "Busan Economic Promotion Agency", "public_agency", "부산"),
    ("포항테크노파크", "Pohang Technopark", "public_agency", "포항"),
    ("천안시", "Cheonan City", "local_government", "천안"),
)
DEPARTMENTS = (("국제협력과", "International Cooperation Division"), ("투자유치과", "Investment Promotion Division"),
               ("과학기술과", "Science and Technology Division"), ("경제정책과", "Economic Policy Division"))
INSTITUTION_KINDS = (
    ("government", "시청", "City Hall", ["public_administration", "smart_city"]),
    ("economic_development_agency", "경제개발공사", "Economic Development Corporation", ["investment", "trade"]),
    ("university", "대학교", "University", ["higher_education", "life_sciences"]),
    ("tech_transfer_office", "기술사업화센터", "Technology Transfer Office", ["startups", "biotech"]),
    ("incubator_accelerator", "창업보육센터", "Startup Hub", ["startups", "software", "ai"]),
    ("research_institute", "연구소", "Research Institute", ["ai", "energy", "aerospace"]),
    ("company", "테크", "Tech", ["software", "data", "consumer_electronics"]),
    ("association", "상공회의소", "Chamber of Commerce", ["trade", "manufacturing"]),
)
PROGRAM_TYPES = ("pitching_event", "gap_funding", "soft_landing", "incubation", "lab_access",
                 "customer_discovery", "staff_exchange", "mentoring")
STAGES = ("identified", "proposed", "in_discussion", "agreed", "in_progress", "done", "on_hold", "dropped")
STAGE_WEIGHTS = (20, 15, 15, 10, 12, 18, 6, 4)
MEETING_KINDS = ("meeting", "meeting", "meeting", "courtesy_call", "site_visit", "event", "lecture")


class DemoRefused(ValueError):
    """The target database must not receive synthetic rows."""


@dataclass(frozen=True)
class DemoSize:
    trips: int
    cities: int

    @classmethod
    def at_scale(cls, scale: float) -> "DemoSize":
        if scale <= 0:
            raise ValueError("scale must be positive")
        return cls(trips=max(1, round(200 * scale)), cities=min(2000, round(180 + 20 * scale)))


def _check_target(path: Path, database: Database) -> None:
    real = database.sql("select count(*) as n from trips where not is_synthetic")["n"][0]
    if real:
        raise DemoRefused(f"{path} holds {real} real trips; synthetic data goes into its own database")
    if database.sql("select count(*) as n from trips")["n"][0]:
        raise DemoRefused(f"{path} already holds synthetic data; use a new file")


def _reserve_ids(tx, sequence: str, count: int) -> list[int]:
    frame = tx.run("demo/reserve_ids", {"sequence": sequence, "count": count})
    return frame["id"].astype(int).tolist()


def generate(path: str | Path, scale: float = 1, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Create a synthetic database at `path`; returns rows written per table."""
    path = Path(path)
    size = DemoSize.at_scale(scale)
    if path.resolve() == DEFAULT_DB_PATH.resolve():  # checked before the file is even opened
        raise DemoRefused(f"refusing to write synthetic data into the default database {path}; use --db")
    database = open_database(path)
    try:
        ensure_reference_data(database)
        _check_target(path, database)
        with database.transaction() as tx:
            counts = _fill(tx, size, random.Random(seed))
            tx.run("settings/set", {"key": "synthetic_scale", "value": str(scale)})
        return counts
    finally:
        database.close()


def _fill(tx, size: DemoSize, rng: random.Random) -> dict[str, int]:
    places = gazetteer()
    # Foreign cities: the most populous, with a cap per country so that the set spans 60+ countries.
    cap = max(4, size.cities // 50)
    abroad = [c for c in places.largest_cities(size.cities + 200, per_country=cap) if c.country_iso2 != "KR"]
    abroad = abroad[: size.cities]
    for city in abroad:
        ensure_city(tx, city.geonameid)
    incheon = places.resolve_city("인천").city

    # Organizations and departments.
    org_rows, dept_rows, org_home = [], [], {}
    org_ids = _reserve_ids(tx, "seq_organization", len(ORGANIZATIONS))
    dept_ids = iter(_reserve_ids(tx, "seq_department", len(ORGANIZATIONS) * len(DEPARTMENTS)))
    departments_of: dict[int, list[int]] = {}
    for org_id, (name_ko, name_en, kind, home) in zip(org_ids, ORGANIZATIONS):
        home_city = places.resolve_city(home, countries=["KR"]).city
        ensure_city(tx, home_city.geonameid)
        org_home[org_id] = home_city
        org_rows.append({"organization_id": org_id, "name_ko": name_ko, "name_en": name_en, "kind": kind,
                         "home_city_id": home_city.geonameid, "short_name": None})
        for dept_ko, dept_en in DEPARTMENTS:
            dept_id = next(dept_ids)
            departments_of.setdefault(org_id, []).append(dept_id)
            dept_rows.append({"department_id": dept_id, "organization_id": org_id, "name_ko": dept_ko,
                              "name_en": dept_en})
    ensure_city(tx, incheon.geonameid)

    # Institutions: three per city, of different kinds.
    inst_ids = iter(_reserve_ids(tx, "seq_institution", 3 * len(abroad)))
    inst_rows, institutions_in = [], {}
    for city in abroad:
        for kind, suffix_ko, suffix_en, sectors in rng.sample(INSTITUTION_KINDS, 3):
            inst_id = next(inst_ids)
            institutions_in.setdefault(city.geonameid, []).append(inst_id)
            inst_rows.append({
                "institution_id": inst_id, "name_ko": f"{city.name_ko} {suffix_ko}",
                "name_en": f"{city.name_en} {suffix_en}", "city_id": city.geonameid,
                "country_iso2": city.country_iso2, "type": kind,
                "sectors": rng.sample(sectors, k=rng.randint(1, len(sectors))), "entered_by": GENERATOR,
            })

    by_country: dict[str, list[City]] = {}
    for city in abroad:
        by_country.setdefault(city.country_iso2, []).append(city)

    trip_ids = _reserve_ids(tx, "seq_trip", size.trips)
    trip_rows, dest_rows, item_rows, meeting_rows, attendee_rows, follow_rows, event_rows, fi_rows = (
        [], [], [], [], [], [], [], [])
    today = dt.date.today()
    for trip_id in trip_ids:
        org_id = rng.choice(org_ids)
        first_stop = rng.choice(abroad)  # uniform over cities, so small countries are not over-visited
        country = first_stop.country_iso2
        others = [c for c in by_country[country] if c != first_stop]
        stops = [first_stop, *rng.sample(others, k=min(len(others), rng.choice((0, 1, 1, 2, 3))))]
        start = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange((today - dt.date(2015, 1, 1)).days + 300))
        nights = 1 + 2 * len(stops) + rng.randint(0, 2)
        end = start + dt.timedelta(days=nights)
        status = "planned" if start > today else ("ongoing" if end >= today else "completed")
        trip_rows.append({
            "trip_id": trip_id, "title": f"{places.country(country).name_ko} {'·'.join(c.name_ko for c in stops)} 출장",
            "organization_id": org_id, "department_id": rng.choice(departments_of[org_id]),
            "purpose": "국제협력 및 투자유치 협의", "start_date": start, "end_date": end,
            "nights_stated": nights, "days_stated": nights + 1, "status": status, "is_synthetic": True,
            "entered_by": GENERATOR,
        })
        seq = 0
        previous = incheon
        day = start
        first_meeting = len(meeting_rows)
        for order, city in enumerate(stops, start=1):
            dest_rows.append({"trip_id": trip_id, "seq": order, "city_id": city.geonameid, "entered_by": GENERATOR})
            seq += 1
            item_rows.append(_item(trip_id, seq, day, "10:00", day, "18:00", city, previous, city, "flight",
                                   f"이동 ({previous.name_ko} → {city.name_ko})"))
            previous = city
            for _ in range(rng.choice((1, 1, 2))):
                day += dt.timedelta(days=1)
                for hour in sorted(rng.sample(range(9, 18), k=rng.choice((2, 2, 3, 3)))):
                    institution = rng.choice(institutions_in[city.geonameid])
                    meeting_rows.append({  # meeting_id and seq are set once ids are reserved, below
                        "meeting_id": None, "trip_id": trip_id, "seq": None, "institution_id": institution,
                        "title": "협력 회의", "meeting_date": day, "start_time": dt.time(hour, 0),
                        "end_time": dt.time(hour, 50), "city_id": city.geonameid, "place": None,
                        "kind": rng.choice(MEETING_KINDS), "purpose": "협력 방안 논의",
                        "key_points": ["상호 기관 소개", "공동사업 논의"], "attendee_count_stated": None,
                        "entered_by": GENERATOR,
                    })
                    seq += 1
                    item_rows.append(_item(trip_id, seq, day, f"{hour:02d}:00", day, f"{hour:02d}:50", city, None,
                                           None, "meeting", "협력 회의", meeting_index=len(meeting_rows) - 1))
        seq += 1
        item_rows.append(_item(trip_id, seq, end, "12:00", end + dt.timedelta(days=1), "17:00", incheon, previous,
                               incheon, "flight", f"이동 ({previous.name_ko} → 인천)"))
        for _ in range(rng.choice((1, 2, 2, 3))):
            meeting_index = rng.randrange(first_meeting, len(meeting_rows))
            stage = rng.choices(STAGES, weights=STAGE_WEIGHTS)[0]
            follow_rows.append({
                "trip_id": trip_id, "meeting_index": meeting_index,
                "institution_id": meeting_rows[meeting_index]["institution_id"], "action": "후속 온라인 회의 추진",
                "owner": rng.choice(("김담당", "이주무관", "박팀장", None)), "stage": stage,
                "priority": rng.choice(("high", "normal", "normal", "low")),
                "due_date": end + dt.timedelta(days=rng.randint(14, 240)),
                "next_action": rng.choice(("일정 조율", "자료 송부", None)), "entered_by": GENERATOR,
                "updated_by": GENERATOR,
            })

    # Replace placeholder meeting ids with reserved ones and link items and follow-ups.
    meeting_ids = _reserve_ids(tx, "seq_meeting", len(meeting_rows))
    per_trip_seq: dict[int, int] = {}
    for meeting, meeting_id in zip(meeting_rows, meeting_ids):
        meeting["meeting_id"] = meeting_id
        per_trip_seq[meeting["trip_id"]] = per_trip_seq.get(meeting["trip_id"], 0) + 1
        meeting["seq"] = per_trip_seq[meeting["trip_id"]]
        for side, title in (("ours", "주무관"), ("theirs", "Director")):
            attendee_rows.append({"meeting_id": meeting_id, "seq": len(attendee_rows) % 2 + 1, "name": None,
                                  "title": title, "side": side, "headcount": rng.randint(1, 4),
                                  "entered_by": GENERATOR})
    for item in item_rows:
        index = item.pop("meeting_index")
        item["meeting_id"] = meeting_ids[index] if index is not None else None
    follow_ids = _reserve_ids(tx, "seq_follow_up", len(follow_rows))
    for follow, follow_id in zip(follow_rows, follow_ids):
        follow["follow_up_id"] = follow_id
        follow["meeting_id"] = meeting_ids[follow.pop("meeting_index")]
        fi_rows.append({"follow_up_id": follow_id, "institution_id": follow["institution_id"]})
        event_rows.append({"follow_up_id": follow_id, "by_user": GENERATOR, "field": "created",
                           "new_value": follow["stage"]})

    program_rows = []
    for inst in inst_rows[:: 4]:
        kind = rng.choice(PROGRAM_TYPES)
        program_rows.append({
            "institution_id": inst["institution_id"], "name": f"{inst['name_en']} {kind.replace('_', ' ').title()}",
            "type": kind, "sectors": inst["sectors"], "cost_amount": rng.choice((None, 0, 2000, 5000, 7000, 15000)),
            "cost_currency": "USD", "duration_days": rng.choice((None, 3, 14, 90, 365)),
            "eligibility": rng.choice((None, "업력 7년 미만 스타트업", "해당 분야 기업")), "entered_by": GENERATOR,
        })

    frames = {
        "organizations": org_rows, "departments": dept_rows, "institutions": inst_rows, "trips": trip_rows,
        "trip_destinations": dest_rows, "meetings": meeting_rows, "itinerary_items": item_rows,
        "meeting_attendees": attendee_rows, "follow_ups": follow_rows, "follow_up_institutions": fi_rows,
        "follow_up_events": event_rows, "programs": program_rows,
    }
    counts = {}
    for table, rows in frames.items():
        counts[table] = tx.insert_frame(table, pd.DataFrame(rows))
    return counts


def _item(trip_id, seq, start_date, start, end_date, end, city, from_city, to_city, kind, description,
          meeting_index=None) -> dict:
    return {
        "trip_id": trip_id, "seq": seq, "start_date": start_date, "start_time": dt.time.fromisoformat(start),
        "end_date": end_date, "end_time": dt.time.fromisoformat(end), "city_id": city.geonameid,
        "from_city_id": from_city.geonameid if from_city else None,
        "to_city_id": to_city.geonameid if to_city else None, "kind": kind, "description": description,
        "entered_by": GENERATOR, "meeting_index": meeting_index,
    }
