"""AppTest smoke tests: every page runs on the seed database without an exception, in both
languages, and shows what it should for the current filters."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from atlas.paths import ROOT
from atlas.ui.frame import PAGES

TIMEOUT = 60


@pytest.fixture
def app(seeded_db):
    st.cache_data.clear()
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", [p.file for p in PAGES])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_page_runs(app, page, lang):
    app.query_params["lang"] = lang
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.title, "every page has a title"


def test_overview_counts_both_seed_trips(app):
    app.run()
    assert not app.exception
    metrics = _metrics(app)
    assert metrics["출장"] == "2"
    assert metrics["국가"] == "2"  # United States, Canada
    assert int(metrics["면담·방문"]) >= 9 + 9


def test_overview_in_english(app):
    app.query_params["lang"] = "en"
    app.run()
    assert _metrics(app)["Trips"] == "2"
    assert app.title[0].value == "International engagement overview"


def test_filters_from_the_url_reproduce_the_view(app, seeded_db):
    canada = "CA"
    app.query_params["countries"] = canada
    app.run()
    assert not app.exception
    assert _metrics(app)["출장"] == "1"
    assert "캐나다" in app.caption[0].value  # the title's caption says what is filtered
    assert app.query_params["countries"] == [canada] or app.query_params["countries"] == canada


def test_a_filter_change_is_mirrored_in_the_url(app, seeded_db):
    app.run()
    orgs = seeded_db.query("filters/organizations")
    seoul = int(orgs.loc[orgs["name_ko"] == "서울특별시", "organization_id"].iloc[0])
    app.multiselect(key="filter_org_ids").set_value([seoul]).run()
    assert _metrics(app)["출장"] == "1"
    assert app.query_params["orgs"] in (str(seoul), [str(seoul)])


def test_a_period_with_no_trips_shows_a_clear_empty_state(app):
    app.query_params["from"] = "2010-01-01"
    app.query_params["to"] = "2010-12-31"
    app.run()
    assert _metrics(app)["출장"] == "0"
    assert any("필터에 맞는 출장이 없습니다" in i.value for i in app.info)


def test_language_switch_keeps_the_filters(app):
    app.query_params["countries"] = "CA"
    app.run()
    app.get("button_group")[0].set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "International engagement overview"
    assert _metrics(app)["Trips"] == "1"
    assert "Canada" in app.caption[0].value
    assert app.query_params["lang"] in ("en", ["en"])
