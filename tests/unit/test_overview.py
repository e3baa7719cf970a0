"""Overview queries on the seed (expectations counted by hand from the two seed documents) and
the overview builders."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from atlas.filters import Filters
from atlas.overview import follow_up_summary, headline_metrics, top_figure, trend_figure

ALL = Filters().params()


def test_trips_by_year(seeded_db):
    rows = seeded_db.query("overview/trips_by_year", ALL)
    assert rows.to_dict("records") == [{"year": 2020, "trips": 1, "meetings": 10},
                                       {"year": 2024, "trips": 1, "meetings": 9}]


def test_top_cities(seeded_db):
    rows = seeded_db.query("overview/top_cities", {**ALL, "limit": 4})
    # Calgary: 6 meetings (DISTEP), Las Vegas: 4 (CES, CTA party, Westly, Eureka Seoul),
    # Seattle 3 and Washington 3 (tie broken by English name).
    assert list(zip(rows["name_en"], rows["meetings"])) == [("Calgary", 6), ("Las Vegas", 4), ("Seattle", 3),
                                                          ("Washington", 3)]


def test_follow_up_status_and_programs(seeded_db):
    status = seeded_db.query("overview/follow_up_status", {**ALL, "today": dt.date(2026, 11, 23)}).iloc[0]
    assert (status["open"], status["overdue"], status["done"], status["committed"]) == (18, 0, 0, 18)
    assert seeded_db.query("overview/programs_count", ALL).iat[0, 0] == 12
    seoul_only = Filters(countries=("US",), date_to=dt.date(2021, 1, 1)).params()
    assert seeded_db.query("overview/programs_count", seoul_only).iat[0, 0] == 0


def test_top_sectors_respect_the_sector_filter(seeded_db):
    rows = seeded_db.query("overview/top_sectors", {**Filters(sectors=("biotech",)).params(), "limit": 8})
    assert rows["sector"].tolist() == ["biotech"]


def test_follow_up_summary():
    summary = follow_up_summary(pd.DataFrame([{"open": 5, "overdue": 2, "done": 3, "committed": 8}]), "ko")
    assert summary == {"open": "5", "overdue": "2", "done": "3", "completion": "38%"}
    assert follow_up_summary(pd.DataFrame([{"open": 0, "overdue": 0, "done": 0, "committed": 0}]), "en")[
        "completion"] == "–"


def test_builders():
    metrics = headline_metrics(pd.DataFrame([{"trips": 1200, "countries": 3, "cities": 4, "institutions": 5,
                                              "meetings": 6, "open_follow_ups": 7}]), "en")
    assert [(m.label, m.text) for m in metrics][:2] == [("Trips", "1,200"), ("Countries", "3")]
    trend = trend_figure(pd.DataFrame({"year": [2020, 2024], "trips": [1, 1], "meetings": [10, 9]}), "ko", "미국")
    assert list(trend.data[0].x) == [2020, 2021, 2022, 2023, 2024]  # the gap years are shown as zero
    assert list(trend.data[0].y) == [1, 0, 0, 0, 1] and list(trend.data[1].y) == [10, 0, 0, 0, 9]
    assert "미국" in trend.layout.title.text
    bars = top_figure(pd.DataFrame({"meetings": [6, 4]}), ["<b>Calgary</b>", "Las Vegas"], "meetings", "t", "en", "")
    assert list(bars.data[0].y) == ["Las Vegas", "&lt;b&gt;Calgary&lt;/b&gt;"]  # largest on top, escaped
