"""Synthetic scale data: plausible, reproducible, marked, and never mixed with real data."""

from __future__ import annotations

import pytest

from atlas import db as atlas_db
from atlas.demo import DemoRefused, DemoSize, generate
from atlas.export import export_tables
from atlas.filters import Filters
from atlas.paths import DEFAULT_DB_PATH


def test_sizes_follow_the_scale():
    assert DemoSize.at_scale(1) == DemoSize(trips=200, cities=200)
    assert DemoSize.at_scale(100) == DemoSize(trips=20_000, cities=2000)
    with pytest.raises(ValueError):
        DemoSize.at_scale(0)


def test_small_scale_is_consistent_marked_and_reproducible(tmp_path):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    counts = generate(first, scale=0.5, seed=7)
    assert counts["trips"] == 100
    assert 5 <= counts["meetings"] / counts["trips"] <= 10
    generate(second, scale=0.5, seed=7)
    a, b = atlas_db.open_database(first), atlas_db.open_database(second)
    try:
        assert a.query("integrity/orphans").empty
        assert a.sql("select bool_and(is_synthetic) as all_synthetic from trips")["all_synthetic"][0]
        assert a.sql("select count(*) as n from meetings where entered_by <> 'synthetic-generator'")["n"][0] == 0
        assert a.query("settings/get", {"key": "synthetic_scale"})["value"][0] == "0.5"
        overview = a.query("overview/counts", Filters().params()).iloc[0]
        assert overview["trips"] == 100 and overview["countries"] >= 20
        strip = lambda data: {t: [{k: v for k, v in r.items() if not k.endswith(("_at", "occurred_at"))}
                                  for r in rows] for t, rows in data.items()}
        assert strip(export_tables(a)) == strip(export_tables(b))  # same seed, same data
    finally:
        a.close()
        b.close()


def test_refuses_the_default_database():
    existed = DEFAULT_DB_PATH.exists()
    with pytest.raises(DemoRefused, match="default database"):
        generate(DEFAULT_DB_PATH, scale=0.1)
    assert DEFAULT_DB_PATH.exists() == existed  # not even created


def test_refuses_a_database_with_real_trips(seeded_db, db_path):
    atlas_db.close_all()
    with pytest.raises(DemoRefused, match="real trips"):
        generate(db_path, scale=0.1)
    again = atlas_db.open_database(db_path)
    assert again.sql("select count(*) as n from trips")["n"][0] == 2  # nothing was added
    again.close()
