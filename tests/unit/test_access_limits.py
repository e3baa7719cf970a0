"""The organization limit and the hidden names hold on EVERY named read query (issue #9).

The seed database holds two organizations' trips: 대전과학산업진흥원 (DISTEP, the 2024 Seattle
and Calgary report) and 서울특별시 (the 2020 news article). A user limited to DISTEP runs every
read query, with every id parameter pointing at Seoul's rows, and must never get a Seoul row
back: no Seoul id in any id column, no Seoul-only text anywhere. The same calls without the
limit do return Seoul rows, so the check can fail.
"""

from __future__ import annotations

import pandas as pd
import pytest

from atlas import queries
from atlas.db import ReadLimits
from atlas.filters import Filters

SEOUL_FOLLOW_UP = "서울시 협력사업 후속 회의 (비공개 표지)"
WRITES = ("insert", "update", "delete", "set ", "with reserved")  # statements that change data or settings


def _is_read(name: str) -> bool:
    sql = "\n".join(line for line in queries.load(name).sql.splitlines() if not line.strip().startswith("--"))
    return not sql.strip().lower().startswith(WRITES) and not name.startswith(("demo/", "import/reserve"))


def _ids(database, sql: str, params=None) -> set:
    return {row[0] for row in database.rows(sql, params or [])[0] if row[0] is not None}


@pytest.fixture
def seoul(seeded_db):
    """Everything of the Seoul organization that DISTEP's staff must not see."""
    db = seeded_db
    org = int(db.sql("select organization_id from organizations where name_ko = '서울특별시'").iat[0, 0])
    other = int(db.sql("select organization_id from organizations where short_name = 'DISTEP'").iat[0, 0])
    trips = _ids(db, "select trip_id from trips where organization_id = ?", [org])
    meetings = _ids(db, f"select meeting_id from meetings where trip_id in ({','.join(map(str, trips))})")
    # The news article gave Seoul no follow-up: add one by hand, with its history.
    from atlas import follow_ups as fu

    fu.add_follow_up(db, action=SEOUL_FOLLOW_UP, user="tester", meeting_id=min(meetings), owner="서울담당자")
    follow_ups = _ids(db, f"select follow_up_id from follow_ups where trip_id in ({','.join(map(str, trips))})")
    documents = _ids(db, f"select document_id from trips where trip_id in ({','.join(map(str, trips))})")
    visible_trips = _ids(db, "select trip_id from trips where organization_id = ?", [other])
    met_by_others = _ids(db, f"select institution_id from meetings where trip_id in ({','.join(map(str, visible_trips))})")
    institutions = _ids(db, f"select institution_id from meetings where trip_id in ({','.join(map(str, trips))})") \
        - met_by_others
    texts = set(db.sql("select title from trips where organization_id = ?", [org])["title"]) | {SEOUL_FOLLOW_UP}
    texts |= set(db.sql("select file_name from documents where document_id = ?", [min(documents)])["file_name"])
    texts |= set(db.sql(f"select name_ko from institutions where institution_id in "
                        f"({','.join(map(str, institutions))})")["name_ko"])
    assert trips and meetings and documents and institutions and texts  # the fixture has Seoul data
    return {"organization": org, "allowed": other, "trip_id": trips, "meeting_id": meetings,
            "follow_up_id": follow_ups, "document_id": documents, "institution_id": institutions, "texts": texts}


def _params_pointing_at(name: str, seoul: dict) -> dict:
    """Every parameter of a query: filters unset, ids set to a Seoul row, the rest neutral."""
    neutral = {"limit": 1000, "max_trips": 1000, "max_legs": 1000, "offset": 0, "key": "synthetic_scale",
               "city_id": 5368361, "lang": "ko", "shas": [], "file_names": [], "count": 1}
    params = {}
    for p in queries.load(name).params:
        if p in Filters().params():
            params[p] = None
        elif p in seoul:
            params[p] = min(seoul[p])
        elif p.endswith("_ids"):
            params[p] = [min(seoul[p[:-1]])] if p[:-1] in seoul else []
        else:
            params[p] = neutral.get(p)
    return params


def _leaks(frame: pd.DataFrame, seoul: dict) -> list[str]:
    found = []
    for column in ("trip_id", "meeting_id", "follow_up_id", "document_id", "institution_id"):
        if column in frame.columns:
            hit = set(frame[column].dropna().astype(int)) & seoul[column]
            if hit:
                found.append(f"{column} {sorted(hit)}")
    text = frame.astype(str).to_string() if not frame.empty else ""
    found += [f"text {t!r}" for t in seoul["texts"] if t and t in text]
    return found


def test_a_limited_user_gets_no_row_of_another_organization_from_any_query(seeded_db, seoul):
    limits = ReadLimits(organizations=(seoul["allowed"],))
    checked, revealing = 0, 0
    for name in queries.all_names():
        if not _is_read(name):
            continue
        params = _params_pointing_at(name, seoul)
        unlimited = seeded_db.query(name, params)
        limited = seeded_db.query(name, params, limits)
        assert not _leaks(limited, seoul), f"{name} leaks Seoul's rows to a DISTEP user: {_leaks(limited, seoul)}"
        revealing += bool(_leaks(unlimited, seoul))
        checked += 1
    assert checked >= 60, checked
    assert revealing >= 15, f"only {revealing} queries show Seoul's rows unlimited: the check would prove little"


def test_the_limit_keeps_everything_of_the_allowed_organization(seeded_db, seoul):
    params = Filters().params()
    limits = ReadLimits(organizations=(seoul["allowed"],))
    counts = seeded_db.query("overview/counts", params, limits).iloc[0]
    everything = seeded_db.query("overview/counts", params).iloc[0]
    assert int(everything["trips"]) == 2 and int(counts["trips"]) == 1
    # DISTEP's trip: 9 meetings (seed 004), all of them kept
    assert int(counts["meetings"]) == 9
    organizations = seeded_db.query("filters/organizations", {}, limits)
    assert list(organizations["organization_id"]) == [seoul["allowed"]]


def test_a_user_limited_to_no_known_organization_sees_nothing(seeded_db):
    counts = seeded_db.query("overview/counts", Filters().params(), ReadLimits(organizations=())).iloc[0]
    assert int(counts["trips"]) == 0 and int(counts["meetings"]) == 0


def test_presenters_get_no_peoples_names_from_any_query(seeded_db):
    names = set(seeded_db.sql("select name from meeting_attendees where name is not null")["name"]) | \
        set(seeded_db.sql("select name from trip_travellers where name is not null")["name"])
    names = {n for n in names if len(n) >= 2}
    assert "박원순" in names
    limits = ReadLimits(hide_names=True)
    revealing = 0
    for name in queries.all_names():
        if not _is_read(name):
            continue
        params = {p: None for p in queries.load(name).params}
        params |= {"trip_id": 1, "meeting_id": 1, "institution_id": 1, "limit": 1000, "max_trips": 1000,
                   "max_legs": 1000, "offset": 0, "city_id": 5913490, "trip_ids": [1, 2], "meeting_ids": [1, 2]}
        params = {p: params.get(p) for p in queries.load(name).params}
        text = seeded_db.query(name, params, limits).astype(str).to_string()
        shown = [n for n in names if n in text]
        assert not shown, f"{name} shows people's names to a presenter: {shown}"
        revealing += any(n in seeded_db.query(name, params).astype(str).to_string() for n in names)
    assert revealing >= 2, "without the limit some queries do show names (else the check proves nothing)"


def test_the_limit_lives_on_its_own_cursor_only(seeded_db, seoul):
    """A limited user's temporary views must not leak into anyone else's next query."""
    seeded_db.query("overview/counts", Filters().params(), ReadLimits(organizations=(seoul["allowed"],)))
    after = seeded_db.query("overview/counts", Filters().params()).iloc[0]
    assert int(after["trips"]) == 2
