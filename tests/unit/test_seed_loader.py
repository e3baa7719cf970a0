"""The embedded seed dataset, loaded into a new database: complete, consistent, traced."""

from __future__ import annotations

import json
import shutil

import pytest

from atlas import db as atlas_db
from atlas.filters import Filters
from atlas.paths import SEED_DIR
from atlas.seed import load_seed_dataset

FACT_TABLES = ("trips", "trip_travellers", "trip_destinations", "itinerary_items", "institutions",
               "meetings", "meeting_attendees", "meeting_agenda_items", "programs", "follow_ups")


def _documents() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((SEED_DIR / "documents").glob("*.json"))]


def _count(database, table: str) -> int:
    rows, _ = database.rows(f"select count(*) from {table}")  # table names from the list above
    return rows[0][0]


def test_every_seed_row_is_loaded(seeded_db):
    docs = _documents()
    expected = {
        "trips": len(docs),
        "itinerary_items": sum(len(d["itinerary"]) for d in docs),
        "meetings": sum(len(d["meetings"]) for d in docs),
        "meeting_attendees": sum(len(m["attendees"]) for d in docs for m in d["meetings"]),
        "meeting_agenda_items": sum(len(m.get("agenda", [])) for d in docs for m in d["meetings"]),
        "programs": sum(len(d["programs"]) for d in docs),
        "follow_ups": sum(len(d["follow_ups"]) for d in docs),
        "data_quality_flags": sum(len(d["flags"]) for d in docs),
        "institutions": len(json.loads((SEED_DIR / "institutions.json").read_text(encoding="utf-8"))),
        "documents": len(docs),
    }
    assert {table: _count(seeded_db, table) for table in expected} == expected


def test_no_reference_points_at_nothing(seeded_db):
    orphans = seeded_db.query("integrity/orphans")
    assert orphans.empty, orphans.to_dict("records")


def test_every_fact_names_its_source_document_and_lines(seeded_db):
    for table in FACT_TABLES:
        rows, _ = seeded_db.rows(
            f"select count(*) from {table} where document_id is null or line_start is null or line_end < line_start"
        )
        assert rows[0][0] == 0, table


def test_the_trips_are_the_two_seed_trips(seeded_db):
    trips = seeded_db.sql("select start_date, end_date, nights_stated, days_stated from trips order by start_date")
    assert [(str(r.start_date)[:10], str(r.end_date)[:10], r.nights_stated, r.days_stated)
            for r in trips.itertuples()] == [("2020-01-07", "2020-01-16", 7, 10), ("2024-06-24", "2024-07-01", 6, 8)]


def test_overview_counts_of_the_seed(seeded_db):
    counts = seeded_db.query("overview/counts", Filters().params()).iloc[0].to_dict()
    cities = seeded_db.sql(
        "select distinct c.name_en from trip_places() p join cities c using (city_id) where p.abroad"
    )["name_en"].tolist()
    assert counts["trips"] == 2
    assert counts["countries"] == 2
    assert {"Seattle", "Calgary", "Las Vegas", "San Francisco"} <= set(cities)
    assert counts["cities"] == len(cities)
    assert counts["meetings"] == sum(len(d["meetings"]) for d in _documents())
    assert counts["open_follow_ups"] == sum(len(d["follow_ups"]) for d in _documents())


def test_filters_narrow_the_seed(seeded_db):
    canada = seeded_db.query("overview/counts", Filters(countries=("CA",)).params()).iloc[0]
    assert (canada["trips"], canada["countries"], canada["cities"]) == (1, 1, 1)
    assert canada["meetings"] == 6  # the six Calgary meetings of the DISTEP trip
    period = seeded_db.query("overview/counts", Filters(date_from=__import__("datetime").date(2024, 1, 1)).params())
    assert period.iloc[0]["trips"] == 1


def test_a_second_load_is_not_triggered_on_an_existing_database(db_path):
    first = atlas_db.get_database(db_path)
    trips = _count(first, "trips")
    atlas_db.close_all()
    assert _count(atlas_db.get_database(db_path), "trips") == trips == 2


def test_a_broken_seed_writes_nothing(empty_db, tmp_path):
    broken = tmp_path / "seed"
    shutil.copytree(SEED_DIR, broken)
    doc = sorted((broken / "documents").glob("*.json"))[-1]
    data = json.loads(doc.read_text(encoding="utf-8"))
    data["meetings"][0]["kind"] = "not-a-kind"  # violates the CHECK constraint mid-load
    doc.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(Exception):
        load_seed_dataset(empty_db, broken)
    for table in ("organizations", "documents", "institutions", *FACT_TABLES):
        assert _count(empty_db, table) == 0, table
