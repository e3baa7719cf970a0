"""The map page in AppTest on the seed database. AppTest cannot run the map component, so the
tests read what the page hands to it (the st_folium element's arguments): its Leaflet files,
the map script with one row per city, the height, and the page around it."""

from __future__ import annotations

import json
import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from atlas import maps
from atlas.maps import escape_text
from atlas.paths import ROOT

CITY_IDS = {"Seattle": 5809844, "Calgary": 5913490, "Las Vegas": 5506956, "San Francisco": 5391959,
            "Palo Alto": 5380748, "Washington": 4140963}


def _open(seeded_db=None, **params: str) -> AppTest:
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/map.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _component(at: AppTest) -> dict:
    (element,) = at.get("component_instance")
    assert element.proto.component_name == "streamlit_folium.st_folium"
    return json.loads(element.proto.json_args)


def _city_rows(script: str) -> list[list]:
    """The rows of the city layer, read back from the map script."""
    match = re.search(r"var atlas_cities_\w*?_rows = ", script)
    assert match, "the city layer's rows"
    rows, _ = json.JSONDecoder().raw_decode(script, match.end())
    return rows


def _main_widget_keys(at: AppTest) -> set:
    return {getattr(w, "key", None) for w in at.main if hasattr(w, "key")} | {
        getattr(w, "key", None) for kind in ("segmented_control", "toggle", "slider", "button")
        for w in at.main.get(kind)}


@pytest.fixture
def seeded(seeded_db):
    return seeded_db


def test_the_map_gets_one_circle_per_city_and_the_apps_own_leaflet(seeded):
    at = _open()
    args = _component(at)
    assert args["js_links"] == [maps.LEAFLET_JS] and args["css_links"] == [maps.LEAFLET_CSS]
    assert args["height"] == maps.MAP_HEIGHT
    rows = _city_rows(args["script"])
    assert sorted(r[5] for r in rows) == sorted(CITY_IDS.values())
    tooltips = {r[5]: r[4] for r in rows}
    assert tooltips[CITY_IDS["Calgary"]] == "캘거리 · 면담 수 6"
    assert "atlas-land" in args["script"]  # the offline basemap
    assert not re.search(r"https?://", args["script"] + args["header"] + args["html"])
    assert at.title[0].value == "방문 도시 지도"
    assert any("도시 6곳 · 출장 2건 · 면담 19건" in c.value for c in at.caption)
    assert at.get("download_button"), "export"


def test_english_tooltips_and_routes_per_trip(seeded):
    at = _open(lang="en")
    args = _component(at)
    rows = _city_rows(args["script"])
    assert {r[4] for r in rows} >= {"Calgary · Meetings: 6", "Washington · Meetings: 3"}
    assert args["script"].count("atlas-route") == 2  # one route layer per trip
    assert at.title[0].value == "Map of cities visited"


def test_filters_from_the_url_reach_the_map(seeded):
    args = _component(_open(countries="CA"))
    assert [r[5] for r in _city_rows(args["script"])] == [CITY_IDS["Calgary"]]
    assert "./city?city=" in args["script"] and "countries=CA" in args["script"]  # links keep the filters


def test_size_and_colour_switches(seeded):
    at = _open()
    at.segmented_control(key="map_size_by").set_value("visits").run()
    at.segmented_control(key="map_color_by").set_value("sector").run()
    assert not at.exception
    args = _component(at)
    rows = _city_rows(args["script"])
    assert {r[4] for r in rows} >= {"캘거리 · 방문 횟수 1"}
    assert "분야" in args["script"] and "생명과학" in args["script"]  # sector legend (Calgary: life sciences)
    assert at.query_params["size"] in ("visits", ["visits"]) and at.query_params["color"] in ("sector", ["sector"])


def test_hiding_names_takes_them_off_the_map(seeded):
    at = _open()
    assert "박원순" in _component(at)["script"]
    at.toggle(key="map_hide_names").set_value(True).run()
    script = _component(at)["script"]
    assert "박원순" not in script and "○○○" in script


def test_presenter_mode_from_the_url(seeded):
    at = _open(presenter="1", countries="US")
    args = _component(at)
    assert args["height"] == maps.PRESENTER_HEIGHT
    assert "100vh !important" in args["header"]  # the map fills its frame
    assert any(maps.PRESENTER_CSS == h.proto.body for h in at.get("html"))  # sidebar hidden
    assert _main_widget_keys(at).isdisjoint({"map_size_by", "map_color_by", "map_routes", "map_years"}), \
        "no edit controls in presenter mode"
    assert at.subheader[0].value == "미국"  # the active filters, stated large
    assert "presenter" in at.query_params and "countries" in at.query_params
    at.button(key="map_presenter_exit").click().run()
    assert "presenter" not in at.query_params
    assert "map_size_by" in _main_widget_keys(at) and _component(at)["height"] == maps.MAP_HEIGHT


def test_presenter_toggle_writes_the_url(seeded):
    at = _open()
    at.toggle(key="map_presenter_toggle").set_value(True).run()
    assert not at.exception
    assert at.query_params["presenter"] in ("1", ["1"])
    assert _component(at)["height"] == maps.PRESENTER_HEIGHT


def test_stepping_through_the_years(seeded):
    at = _open()
    at.button(key="map_next").click().run()  # from the whole span to its first year with trips
    args = _component(at)
    assert "atlas-badge" in args["script"] and "2020년" in args["script"]
    rows = _city_rows(args["script"])
    assert CITY_IDS["Calgary"] not in [r[5] for r in rows] and len(rows) == 4
    assert any(c.value.startswith("2020년 · 도시 4곳 · 출장 1건") for c in at.caption)
    at.button(key="map_next").click().run()  # 2021–2023 have no trips: straight to 2024
    rows = _city_rows(_component(at)["script"])
    assert sorted(r[5] for r in rows) == sorted([CITY_IDS["Seattle"], CITY_IDS["Calgary"]])
    at.button(key="map_prev").click().run()
    assert len(_city_rows(_component(at)["script"])) == 4
    at.button(key="map_all").click().run()
    assert len(_city_rows(_component(at)["script"])) == 6
    assert "atlas-badge" not in _component(at)["script"]


def test_playback_starts_at_the_first_year(seeded):
    at = _open()
    at.button(key="map_play").click().run()
    assert at.button(key="map_pause")
    assert "2020년" in _component(at)["script"]
    at.button(key="map_pause").click().run()
    assert at.button(key="map_play")


def test_year_range_from_a_prepared_link(seeded):
    at = _open(years="2024-2024")
    rows = _city_rows(_component(at)["script"])
    assert sorted(r[5] for r in rows) == sorted([CITY_IDS["Seattle"], CITY_IDS["Calgary"]])


def test_no_trips_for_the_filters_says_so(seeded):
    at = _open(**{"from": "2010-01-01", "to": "2010-12-31"})
    assert not at.get("component_instance")
    assert any("이 필터에 맞는 출장이 없습니다" in i.value for i in at.info)


def test_text_from_the_data_reaches_the_map_escaped(seeded):
    nasty = "<img src=x onerror=alert(1)> `${document.cookie}` \\ \"q\""
    with seeded.transaction() as tx:
        org = int(seeded.sql("select min(organization_id) from organizations").iat[0, 0])
        trip = tx.insert("trips", {"title": nasty, "organization_id": org, "status": "completed",
                                   "start_date": "2023-03-01", "end_date": "2023-03-05", "entered_by": "test"},
                         returning="trip_id")
        tx.insert("trip_destinations", {"trip_id": trip, "seq": 1, "city_id": CITY_IDS["Seattle"],
                                        "entered_by": "test"})
    args = _component(_open(lang="en"))
    script = args["script"]
    assert nasty not in script and "<img" not in script and "${document" not in script
    seattle = next(r for r in _city_rows(script) if r[5] == CITY_IDS["Seattle"])
    assert [trip, escape_text(nasty)] in [entry[:2] for entry in seattle[9]]


def test_trips_without_dates_are_on_the_map_unless_years_are_chosen(seeded):
    with seeded.transaction() as tx:
        org = int(seeded.sql("select min(organization_id) from organizations").iat[0, 0])
        trip = tx.insert("trips", {"title": "일정 미정 출장", "organization_id": org, "status": "planned",
                                   "entered_by": "test"}, returning="trip_id")
        tx.insert("trip_destinations", {"trip_id": trip, "seq": 1, "city_id": 2643743, "entered_by": "test"})
        tx.run("reference/upsert_city", {
            "city_id": 2643743, "name_ko": "런던", "name_en": "London", "country_iso2": "GB", "admin1": "ENG",
            "lat": 51.50853, "lon": -0.12574, "timezone": "Europe/London", "population": 8961989, "aliases": []})
    at = _open()
    assert 2643743 in [r[5] for r in _city_rows(_component(at)["script"])]
    assert any("출장 3건" in c.value for c in at.caption)
    at = _open(years="2024-2024")
    assert 2643743 not in [r[5] for r in _city_rows(_component(at)["script"])]
