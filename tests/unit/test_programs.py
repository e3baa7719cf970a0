"""Program catalogue builders and the catalogue query, with hand-computed expectations."""

from __future__ import annotations

import pandas as pd
import pytest

from atlas.filters import Filters
from atlas.programs import (DEFAULT_KRW_RATES, catalogue_table, comparison_table, cost_duration_figure,
                            cost_in_krw, krw_rates, provides_matrix)


def _programs() -> pd.DataFrame:
    base = {"name_en": None, "description": None, "sectors": [], "cost_note": None, "eligibility": None,
            "funding_source": None, "city_id": 1, "country_iso2": "CA", "line_start": 10, "line_end": 12,
            "entered_by": None, "source_file": "report.txt"}
    rows = [
        {**base, "program_id": 1, "name": "소프트랜딩", "type": "soft_landing", "provides": ["office", "mentoring"],
         "cost_amount": 7000.0, "cost_currency": "USD", "duration_text": None, "duration_days": 14.0,
         "institution_id": 1, "institution_ko": "바이오허브X", "institution_en": "BiohubX",
         "city_ko": "캘거리", "city_en": "Calgary", "eligibility": "7년 미만"},
        {**base, "program_id": 2, "name": "갭펀드", "name_en": "Gap Fund", "type": "gap_funding",
         "provides": ["funding"], "cost_amount": None, "cost_currency": None, "duration_text": "최대 12개월",
         "duration_days": None, "institution_id": 2, "institution_ko": "코모션", "institution_en": "CoMotion",
         "city_ko": "시애틀", "city_en": "Seattle", "eligibility": "7년 미만"},
        {**base, "program_id": 3, "name": "<script>alert(1)</script>", "type": "soft_landing",
         "provides": ["office"], "cost_amount": 2000.0, "cost_currency": "CAD", "duration_text": None,
         "duration_days": 30.0, "institution_id": 1, "institution_ko": "바이오허브X", "institution_en": "BiohubX",
         "city_ko": "캘거리", "city_en": "Calgary"},
    ]
    return pd.DataFrame(rows)


def test_krw_equivalent_uses_saved_rates_over_defaults():
    rates = krw_rates(pd.DataFrame({"currency": ["usd"], "krw_per_unit": [1400.0]}))
    assert rates["USD"] == 1400.0 and rates["CAD"] == DEFAULT_KRW_RATES["CAD"]
    assert cost_in_krw(7000, "USD", rates) == 9_800_000
    assert cost_in_krw(5, "KRW", rates) == 5
    assert cost_in_krw(None, "USD", rates) is None
    assert cost_in_krw(10, "XYZ", rates) is None  # unknown currency: no made-up number


def test_catalogue_in_korean_formats():
    table = catalogue_table(_programs(), "ko", {"USD": 1400.0, "CAD": 1000.0})
    first = table.iloc[0]
    assert first["프로그램"] == "소프트랜딩"
    assert first["비용"] == "7,000달러"
    assert first["원화 환산"] == "9,800천원"
    assert first["기간"] == "14일"
    assert first["출처"] == "report.txt (10~12행)"
    assert table.iloc[1]["비용"] == "" and table.iloc[1]["기간"] == "최대 12개월"


def test_catalogue_in_english():
    table = catalogue_table(_programs(), "en", {"USD": 1400.0})
    assert table.iloc[1]["Program"] == "Gap Fund"
    assert table.iloc[0]["KRW equivalent"] == "KRW 9,800,000"
    assert table.iloc[0]["Provides"] == "Office, Mentoring"


def test_comparison_puts_attributes_in_rows_and_marks_differences():
    table, differing = comparison_table(_programs(), [1, 3], "ko", {"USD": 1400.0, "CAD": 1000.0})
    assert list(table.columns) == ["소프트랜딩", "<script>alert(1)</script>"]
    assert table.loc["운영 기관"].tolist() == ["바이오허브X", "바이오허브X"]
    assert "운영 기관" not in differing and "유형" not in differing  # same host, same type
    assert {"비용", "원화 환산", "기간", "제공 내용", "참여 자격"} <= set(differing)


def test_chart_places_only_programs_with_cost_and_duration_and_escapes_names():
    figure, unplaced = cost_duration_figure(_programs(), "ko", {"USD": 1400.0, "CAD": 1000.0}, "캐나다 <b>")
    assert unplaced == 1  # the gap fund has neither
    points = [(x, y) for trace in figure.data for x, y in zip(trace.x, trace.y)]
    assert sorted(points) == [(14, 9_800_000.0), (30, 2_000_000.0)]
    hover = " ".join(text for trace in figure.data for text in trace.hovertext)
    assert "<script>" not in hover and "&lt;script&gt;" in hover
    assert "캐나다 &lt;b&gt;" in figure.layout.title.text


def test_provides_matrix():
    matrix = provides_matrix(_programs(), "en")
    assert list(matrix.columns) == ["Funding", "Mentoring", "Office"]
    assert matrix.loc["Gap Fund"].tolist() == ["✓", "", ""]


def test_catalogue_query_follows_the_filters(seeded_db):
    everything = seeded_db.query("programs/catalogue", Filters().params())
    assert len(everything) == 12
    biohub = everything[everything["institution_en"] == "BiohubX"].iloc[0]
    assert (float(biohub["cost_amount"]), biohub["cost_currency"], biohub["city_en"]) == (7000.0, "USD", "Calgary")
    us_only = seeded_db.query("programs/catalogue", Filters(countries=("US",)).params())
    assert set(us_only["city_en"]) == {"Seattle"} and len(us_only) == 4
    none = seeded_db.query("programs/catalogue", Filters(itypes=("think_tank",)).params())
    assert none.empty  # the think tank met (CFR) offers no program
