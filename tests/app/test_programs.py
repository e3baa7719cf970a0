"""The Programs page in AppTest: catalogue, comparison, empty state, saved exchange rates."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from atlas.paths import ROOT


@pytest.fixture
def page(seeded_db):
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/programs.py").run()
    assert not at.exception
    return at


def test_catalogue_and_comparison(page, seeded_db):
    assert page.subheader[0].value == "프로그램 12개"
    ids = seeded_db.sql("select program_id, name from programs")
    chosen = [int(ids.loc[ids["name"] == name, "program_id"].iloc[0]) for name in ("북미 소프트랜딩 프로그램", "Gap Fund")]
    page.multiselect(key="programs_compare").set_value(chosen).run()
    assert not page.exception
    assert any("다른 항목" in c.value for c in page.caption)
    comparison = page.dataframe[-2].value if len(page.dataframe) > 2 else page.dataframe[-1].value
    assert "북미 소프트랜딩 프로그램" in comparison.columns


def test_narrowing_by_type(page):
    page.multiselect(key="programs_types").set_value(["soft_landing"]).run()
    assert page.subheader[0].value == "프로그램 2개"


def test_empty_state(seeded_db):
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["itypes"] = "think_tank"
    at.run()
    at.switch_page("pages/programs.py").run()
    assert any("프로그램이 없습니다" in i.value for i in at.info)


def test_saving_an_exchange_rate(page, seeded_db):
    page.number_input(key="fx_USD").set_value(1500.0)
    page.button(key="fx_save").click().run()
    assert not page.exception
    rates = seeded_db.query("settings/exchange_rates")
    assert dict(zip(rates["currency"], rates["krw_per_unit"])).get("USD") == 1500.0
