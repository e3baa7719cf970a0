"""The map builder (atlas/maps.py), the offline basemap (atlas/basemap.py) and the map's
queries (queries/map/*.sql), without Streamlit."""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
import shutil
import subprocess

import pandas as pd
import pytest

from atlas import maps, theme
from atlas.basemap import countries_geojson
from atlas.filters import Filters
from atlas.maps import MapOptions, build_map, escape_text, script_json

INCHEON = (37.45646, 126.70515)
SEATTLE = (47.60621, -122.33207)
LONDON = (51.50853, -0.12574)
NEW_YORK = (40.71427, -74.00597)

NASTY = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "back`tick`",
    "${alert(document.domain)}",
    "back\\slash \\u0041 \\n",
    "\"double\" and 'single' quotes",
    "a & b &amp; c",
]


# -- escaping ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", NASTY)
def test_escape_text_is_inert_in_html_and_gives_the_text_back(text):
    escaped = escape_text(text)
    for dangerous in ("<", ">", "`", "${", "\\", '"', "'"):
        assert dangerous not in escaped, (text, escaped)
    assert html.unescape(escaped) == text  # what the browser shows is the original text


@pytest.mark.skipif(not shutil.which("node"), reason="node is not installed")
def test_escaped_text_inside_a_javascript_template_string_stays_itself():
    # Folium-style tooltips are JS template strings; nothing escaped may interpolate or end them.
    program = "const out = [" + ",".join(f"`<div>{escape_text(text)}</div>`" for text in NASTY) + "];" \
              "process.stdout.write(JSON.stringify(out));"
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, timeout=30, check=True)
    assert json.loads(result.stdout) == [f"<div>{escape_text(text)}</div>" for text in NASTY]


def test_script_json_cannot_close_its_script_element_and_round_trips():
    value = {"a": "</script><script>alert(1)</script>", "b": "<!-- x", "c": "\u2028\u2029", "d": [1, 2.5, None]}
    text = script_json(value)
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == value


# -- sizes and colours -----------------------------------------------------------------------------

def test_marker_area_is_proportional_to_the_value():
    radii = maps.marker_radii([100, 25, 50, 0], max_radius=30)
    assert radii[0] == pytest.approx(30)
    assert radii[3] == 0  # drawn as a hollow ring, not as a dot of some size
    areas = [r * r for r in radii]
    assert areas[1] / areas[0] == pytest.approx(0.25)
    assert areas[2] / areas[0] == pytest.approx(0.5)


def test_crowded_maps_get_smaller_circles():
    assert maps.largest_radius(6) == maps.MAX_RADIUS
    assert maps.largest_radius(2000) < maps.largest_radius(300) < maps.largest_radius(100) < maps.MAX_RADIUS
    assert maps.largest_radius(6, presenter=True) == maps.PRESENTER_RADIUS


def test_tiny_values_stay_visible():
    radii = maps.marker_radii([10_000, 1], max_radius=26)
    assert radii[1] == maps.MIN_RADIUS


def test_country_colours_come_from_the_theme_and_do_not_depend_on_order():
    first = maps.country_colors(["US", "CA", "JP"])
    second = maps.country_colors(["JP", "US", "CA", "US"])
    assert first == second
    assert set(first.values()) <= set(theme.CATEGORICAL)
    assert len(set(first.values())) == 3
    assert first == theme.color_map(["US", "CA", "JP"])  # the same mapping charts get


def test_with_many_countries_the_heaviest_keep_colours_and_the_rest_are_other():
    keys = [f"C{i:02d}" for i in range(15)]
    weights = {key: i for i, key in enumerate(keys)}  # C14 heaviest
    colours = maps.country_colors(keys, weights)
    coloured = [k for k, c in colours.items() if c != maps.OTHER_COLOR]
    assert sorted(coloured) == [f"C{i:02d}" for i in range(6, 15)]
    assert len(set(colours[k] for k in coloured)) == len(coloured) == len(theme.CATEGORICAL) - 1
    assert colours["C00"] == maps.OTHER_COLOR


# -- geometry ----------------------------------------------------------------------------------------

def test_incheon_to_seattle_crosses_the_pacific_not_europe():
    path = maps.great_circle(INCHEON, SEATTLE)
    segments = maps.window_segments(path)
    assert len(segments) == 1, "one unbroken curve"
    lons = [lon for _, lon in segments[0]]
    assert lons[0] == pytest.approx(126.70515)
    assert lons[-1] == pytest.approx(SEATTLE[1] + 360)  # Seattle drawn east of Korea
    assert all(b > a for a, b in zip(lons, lons[1:])), "always eastwards"
    assert min(lons) > 120 and max(lons) < 240 and any(lon > 180 for lon in lons)
    assert max(lat for lat, _ in segments[0]) > 50  # the great circle bows north over the Aleutians


def test_the_short_way_back_is_the_same_curve():
    there = maps.window_segments(maps.great_circle(INCHEON, SEATTLE))[0]
    back = maps.window_segments(maps.great_circle(SEATTLE, INCHEON))[0]
    assert there[0] == pytest.approx(back[-1]) and there[-1] == pytest.approx(back[0])
    assert len(there) == len(back)


def test_a_path_over_the_maps_edge_is_cut_there_and_goes_on_from_the_other_edge():
    segments = maps.window_segments(maps.great_circle(LONDON, NEW_YORK))
    assert len(segments) == 2
    (lat_out, lon_out), (lat_in, lon_in) = segments[0][-1], segments[1][0]
    assert lon_out == pytest.approx(maps.SEAM) and lon_in == pytest.approx(maps.SEAM + 360)
    assert lat_out == pytest.approx(lat_in)
    assert all(maps.SEAM <= lon <= maps.SEAM + 360 for s in segments for _, lon in s)


def test_great_circle_ends_are_exact_and_steps_are_small():
    path = maps.great_circle(INCHEON, SEATTLE, step_degrees=2)
    assert path[0] == INCHEON and path[-1] == SEATTLE
    assert 30 < len(path) < 50  # about 75° of arc in 2° steps
    assert maps.great_circle(INCHEON, INCHEON) == [INCHEON, INCHEON]


def _routes_frame() -> pd.DataFrame:
    base = {"trip_id": 7, "title": "김철수 시장 북미 순방", "start_date": pd.Timestamp("2024-06-24"),
            "end_date": pd.Timestamp("2024-07-01"), "total_trips": 1, "names": ["김철수"],
            "home_city_id": 1835235, "home_ko": "대전", "home_en": "Daejeon", "home_lat": 36.35, "home_lon": 127.38}
    stops = [  # deliberately out of order: the builder follows `stop`
        (3, 4140963, "워싱턴", "Washington", 38.9, -77.04),
        (1, 5809844, "시애틀", "Seattle", 47.61, -122.33),
        (2, 5913490, "캘거리", "Calgary", 51.05, -114.09),
    ]
    return pd.DataFrame([{**base, "stop": s, "city_id": c, "name_ko": ko, "name_en": en, "country_iso2": "US",
                          "lat": lat, "lon": lon} for s, c, ko, en, lat, lon in stops])


def test_a_route_goes_home_then_the_cities_in_itinerary_order_then_home():
    (route,) = maps.trip_routes(_routes_frame(), MapOptions(lang="en"))
    assert route["stops"] == [(36.35, 127.38), (47.61, -122.33), (51.05, -114.09), (38.9, -77.04), (36.35, 127.38)]
    assert route["path"] == "Daejeon → Seattle → Calgary → Washington → Daejeon"
    lons = [lon for segment in route["segments"] for _, lon in segment]
    assert len(route["segments"]) == 1 and max(lons) < 300  # all of it over the Pacific and America


def test_hidden_names_are_taken_out_of_route_titles():
    (route,) = maps.trip_routes(_routes_frame(), MapOptions(lang="ko", hide_names=True))
    assert "김철수" not in route["title"] and "○○○" in route["title"]


# -- the map -------------------------------------------------------------------------------------------

def _cities_frame(name_ko="시애틀", institution="워싱턴대학교", title="미국·캐나다 출장", head=None) -> pd.DataFrame:
    trip = {"trip_id": 2, "title": title, "start_date": dt.date(2024, 6, 24), "end_date": dt.date(2024, 7, 1),
            "head_name": head, "head_title": "시장" if head else None, "names": [head] if head else []}
    return pd.DataFrame([
        {"city_id": 5809844, "name_ko": name_ko, "name_en": "Seattle", "country_iso2": "US", "country_ko": "미국",
         "country_en": "United States", "lat": 47.60621, "lon": -122.33207, "trips": 1, "visits": 1, "meetings": 4,
         "sector": "biotech", "institutions": 1, "trip_list": [trip],
         "institution_list": [{"institution_id": 3, "name_ko": institution, "name_en": "UW", "meetings": 4}]},
        {"city_id": 5913490, "name_ko": "캘거리", "name_en": "Calgary", "country_iso2": "CA", "country_ko": "캐나다",
         "country_en": "Canada", "lat": 51.05011, "lon": -114.08529, "trips": 1, "visits": 2, "meetings": 1,
         "sector": None, "institutions": 0, "trip_list": [trip], "institution_list": []},
    ])


def _rendered(view) -> str:
    return view.map.get_root().render()


def test_one_circle_per_city_sized_by_the_chosen_measure_and_coloured_by_country():
    cities = _cities_frame()
    view = build_map(cities, options=MapOptions(lang="ko"))
    rows, palette, legend = maps.city_rows(cities, MapOptions(lang="ko"))
    assert view.markers == 2 and len(rows) == 2
    seattle, calgary = rows  # biggest first, so small circles are drawn on top
    assert seattle[5] == 5809844 and seattle[2] == pytest.approx(maps.MAX_RADIUS)
    assert calgary[2] == pytest.approx(maps.MAX_RADIUS * math.sqrt(1 / 4))
    assert seattle[1] == pytest.approx(-122.33207 + 360, abs=1e-3)  # east of Korea
    colours = maps.country_colors(["US", "CA"])
    assert palette[seattle[3]] == colours["US"] and palette[calgary[3]] == colours["CA"]
    assert legend == [("미국", colours["US"]), ("캐나다", colours["CA"])]
    assert seattle[4] == "시애틀 · 면담 수 4"

    by_visits, _, _ = maps.city_rows(cities, MapOptions(lang="en", size_by="visits"))
    assert [r[5] for r in by_visits] == [5913490, 5809844]  # Calgary has more visits
    assert by_visits[0][4] == "Calgary · Visits: 2"


def test_colour_by_sector_greys_cities_without_one():
    rows, palette, legend = maps.city_rows(_cities_frame(), MapOptions(lang="en", color_by="sector"))
    assert legend[0] == ("Biotech", theme.CATEGORICAL[0])
    assert legend[-1] == ("No sector recorded", maps.OTHER_COLOR)
    assert palette[rows[1][3]] == maps.OTHER_COLOR


def test_popup_lists_trips_with_dates_and_institutions_with_links():
    links = []

    def link(kind, entity_id):
        links.append((kind, entity_id))
        return f"./{kind}?{kind}={entity_id}&lang=en"

    rows, _, _ = maps.city_rows(_cities_frame(head="홍길동"), MapOptions(lang="en", link=link))
    seattle = rows[0]
    assert seattle[9] == [[2, "미국·캐나다 출장", "Jun 24, 2024 – Jul 1, 2024 · Head 홍길동 시장"]]
    assert seattle[11] == [[3, "UW", "meetings: 4"]]
    assert maps.link_templates(link)["trip"] == ["./trip?trip=", "&amp;lang=en"]
    rendered = _rendered(build_map(_cities_frame(), options=MapOptions(link=link)))
    assert 'target="_top"' in rendered  # links in the popup open the app page, not inside the map frame


def test_popup_hides_peoples_names_when_asked():
    rows, _, _ = maps.city_rows(_cities_frame(title="홍길동 시장 북미 순방", head="홍길동"),
                                MapOptions(lang="ko", hide_names=True))
    title, detail = rows[0][9][0][1], rows[0][9][0][2]
    assert "홍길동" not in title + detail
    assert title == "○○○ 시장 북미 순방" and detail.endswith("단장 시장")


def test_link_templates_rebuild_the_frames_entity_links():
    from atlas.ui.frame import entity_link

    filters = Filters(countries=("US", "CA"), date_from=dt.date(2024, 1, 1))
    templates = maps.link_templates(lambda kind, i: entity_link(kind, i, filters, "en"))
    for kind, entity_id in (("trip", 12), ("institution", 3), ("city", 5809844)):
        before, after = (html.unescape(part) for part in templates[kind])
        assert before + str(entity_id) + after == entity_link(kind, entity_id, filters, "en")


@pytest.mark.parametrize("text", NASTY)
def test_names_from_the_data_show_as_text_everywhere_on_the_map(text):
    cities = _cities_frame(name_ko=text, institution=text, title=text)
    routes = _routes_frame().assign(title=text, home_ko=text, name_ko=text)
    homes = pd.DataFrame([{"city_id": 1835235, "name_ko": text, "name_en": text, "lat": 36.35, "lon": 127.38,
                           "trips": 1}])
    view = build_map(cities, routes, None, homes, MapOptions(lang="ko"))
    rendered = _rendered(view)
    assert view.routes == 1
    script = rendered[rendered.index("<body>"):]
    if text not in ("a & b &amp; c",):
        assert text not in script, "the raw text must not reach the page"
    assert "<script>alert" not in script and "<img" not in script  # no tag made of the data
    assert "${alert" not in script and "`tick`" not in script
    assert escape_text(text) in script  # tooltip, popup and layer name carry the escaped text


def test_the_map_fetches_nothing_from_another_host():
    view = build_map(_cities_frame(), _routes_frame(), None, None, MapOptions())
    rendered = _rendered(view)
    assert not re.findall(r"https?://", rendered), "no http(s) URL at all: no CDN, no tiles"
    sources = re.findall(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"', rendered)
    assert sources and all(s.startswith(maps.STATIC_URL) for s in sources), sources
    assert maps.LEAFLET_JS in sources and maps.LEAFLET_CSS in sources
    assert "jquery" not in rendered.lower() and "bootstrap" not in rendered.lower()
    assert view.map.default_js == [("leaflet", maps.LEAFLET_JS)]


def test_online_tiles_only_when_configured():
    plain = _rendered(build_map(_cities_frame()))
    assert "L.tileLayer" not in plain
    tiled = _rendered(build_map(_cities_frame(), options=MapOptions(
        tiles_url="https://tiles.example.org/{z}/{x}/{y}.png", tiles_attribution="<b>Example</b>")))
    assert "L.tileLayer" in tiled and "tiles.example.org" in tiled
    assert "<b>Example</b>" not in tiled


def test_the_basemap_and_the_legend_are_drawn():
    view = build_map(_cities_frame())
    rendered = _rendered(view)
    assert view.basemap and "atlas-land" in rendered and "L.geoJSON" in rendered
    assert "atlas-legend" in rendered
    assert view.legend and view.cities == 2 and view.meetings == 5


def test_an_empty_view_is_a_world_map_without_markers():
    empty = _cities_frame().iloc[0:0]
    view = build_map(empty)
    assert view.markers == 0 and view.routes == 0 and view.basemap
    assert "atlas-city" not in _rendered(view)


def test_many_trips_are_drawn_as_the_most_travelled_legs():
    legs = pd.DataFrame([
        {"city_a": 1835848, "city_b": 5809844, "trips": 40, "total_legs": 900, "a_ko": "서울", "a_en": "Seoul",
         "a_lat": 37.57, "a_lon": 126.98, "b_ko": "시애틀", "b_en": "Seattle", "b_lat": 47.61, "b_lon": -122.33},
        {"city_a": 2643743, "city_b": 5128581, "trips": 10, "total_legs": 900, "a_ko": "런던", "a_en": "London",
         "a_lat": 51.51, "a_lon": -0.13, "b_ko": "뉴욕", "b_en": "New York", "b_lat": 40.71, "b_lon": -74.01},
    ])
    view = build_map(_cities_frame(), None, legs, None, MapOptions(lang="en"))
    assert view.aggregated and view.legs == 2 and view.legs_total == 900 and view.routes == 0
    assert "Seoul – Seattle · trips: 40" in _rendered(view)


def test_presenter_mode_has_larger_type_and_fills_the_frame():
    normal, presenter = (_rendered(build_map(_cities_frame(), options=MapOptions(presenter=p))) for p in (False, True))
    assert "font-size: 14px" in normal and "font-size: 20px" in presenter
    assert "100vh !important" in presenter and "100vh !important" not in normal


def test_the_export_opens_without_internet():
    view = build_map(_cities_frame(), _routes_frame(), None, None,
                     MapOptions(app_fonts=False, title="지도 <제목>", subtitle="2024"))
    page = maps.standalone_html(view.map, "ko", "지도")
    assert "<script src=" not in page and '<link rel="stylesheet"' not in page
    assert "L.circleMarker" in page and "atlas-land" in page
    assert re.search(r"url\(['\"]?images/", page) is None  # Leaflet's images are data: URIs
    assert "data:image/png;base64," in page
    leaflet = (maps.STATIC_DIR / "leaflet" / "dist" / "leaflet.js").read_text(encoding="utf-8")
    leaflet = leaflet.replace("//# sourceMappingURL=leaflet.js.map", "")
    assert leaflet in page and "sourceMappingURL" not in page
    # Apart from Leaflet's own code (whose attribution names its web site), no address at all.
    assert not re.findall(r"https?://", page.replace(leaflet, ""))
    assert "지도 &lt;제목&gt;" in page and '<html lang="ko">' in page
    assert "woff2" not in page  # no font from the app (the file opens anywhere)


def test_two_thousand_cities_stay_within_one_and_a_half_megabytes():
    count = 2000
    trips = [{"trip_id": 10_000 + i, "title": f"국가{i % 60} 도시{i}·도시{i + 1}·도시{i + 2} 출장",
              "start_date": dt.date(2020 + i % 6, 1 + i % 12, 1), "end_date": dt.date(2020 + i % 6, 1 + i % 12, 9),
              "head_name": None, "head_title": None, "names": []} for i in range(5)]
    institutions = [{"institution_id": 20_000 + i, "name_ko": f"도시 경제개발공사 {i}", "name_en": "EDC",
                     "meetings": 30 - i} for i in range(5)]
    cities = pd.DataFrame([{
        "city_id": 1_000_000 + i, "name_ko": f"도시이름{i}", "name_en": f"City {i}", "country_iso2": f"C{i % 60}",
        "country_ko": f"국가{i % 60}", "country_en": f"Country {i % 60}", "lat": -60 + (i * 7) % 130,
        "lon": -179 + (i * 13) % 358, "trips": 30, "visits": 31, "meetings": 1 + i % 200, "sector": "ai",
        "institutions": 3, "trip_list": trips, "institution_list": institutions} for i in range(count)])
    view = build_map(cities, options=MapOptions())
    size = len(_rendered(view).encode("utf-8"))
    assert view.markers == count
    assert size <= 1.5 * 1024 * 1024, size


# -- page settings ------------------------------------------------------------------------------------

def test_map_settings_round_trip_through_the_url():
    settings = {"size_by": "visits", "color_by": "sector", "routes": False, "hide_names": True, "years": (2020, 2022)}
    query = maps.settings_to_query(settings, presenter=True)
    assert query == {"presenter": "1", "size": "visits", "color": "sector", "routes": "0", "names": "hidden",
                     "years": "2020-2022"}
    assert maps.settings_from_query(query) == settings
    assert maps.settings_to_query(maps.DEFAULT_SETTINGS, presenter=False) == {}
    assert maps.settings_from_query({"size": "bogus", "years": "20-x"}) == maps.DEFAULT_SETTINGS


def test_year_range_and_playback_steps():
    assert maps.clamp_years(None, 2018, 2024) == (2018, 2024)
    assert maps.clamp_years((2010, 2020), 2018, 2024) == (2018, 2020)
    assert maps.clamp_years((2030, 2031), 2018, 2024) == (2018, 2024)
    years = [2019, 2020, 2023]  # the years that have trips: playback skips the empty ones
    assert maps.step_year(None, 1, years) == 2019
    assert maps.step_year(None, -1, years) == 2023
    assert maps.step_year(2019, 1, years) == 2020
    assert maps.step_year(2020, 1, years) == 2023
    assert maps.step_year(2023, 1, years) == 2023  # playback stops at the last year
    assert maps.step_year(2023, -1, years) == 2020
    assert maps.step_year(2019, -1, years) == 2019
    assert maps.step_year(2021, 1, years) == 2023  # from a year without trips
    assert maps.step_year(None, 1, []) is None


def test_the_year_being_played_is_shown_large_on_the_map():
    rendered = _rendered(build_map(_cities_frame(), options=MapOptions(badge="2024년")))
    assert "atlas-badge" in rendered and "2024년" in rendered


# -- the offline basemap ------------------------------------------------------------------------------

def test_basemap_is_natural_earth_countries_in_the_maps_window():
    data = json.loads(countries_geojson(maps.SEAM))
    features = data["features"]
    assert 150 < len(features) < 200
    lons = [p[0] for f in features for poly in f["geometry"]["coordinates"] for ring in poly for p in ring]
    assert min(lons) >= maps.SEAM - 10 and max(lons) <= maps.SEAM + 360 + 20
    assert len(countries_geojson(maps.SEAM)) < 200_000  # small enough to inline in every map


# -- the queries, on the seed data -----------------------------------------------------------------------

def _params(**extra):
    return {**Filters().params(), "year_from": None, "year_to": None, "city_id": None, **extra}


def test_cities_query_aggregates_per_city(seeded_db):
    cities = seeded_db.query("map/cities", _params(popup_items=5)).set_index("name_en")
    assert set(cities.index) == {"Seattle", "Calgary", "Las Vegas", "San Francisco", "Palo Alto", "Washington"}
    assert cities.loc["Calgary", "meetings"] == 6 and cities.loc["Seattle", "meetings"] == 3
    assert cities.loc["Calgary", "trips"] == 1 and cities.loc["Calgary", "visits"] == 1
    assert int(cities["meetings"].sum()) == 19
    assert cities.loc["Calgary", "institutions"] == 5
    assert cities.loc["Calgary", "institution_list"][0]["name_en"] == "City of Calgary"  # two meetings
    trip = cities.loc["Las Vegas", "trip_list"][0]
    assert trip["head_name"] == "박원순" and trip["start_date"] == dt.date(2020, 1, 7)


def test_cities_query_follows_the_filters_and_the_year_range(seeded_db):
    canada = seeded_db.query("map/cities", {**Filters(countries=("CA",)).params(), "year_from": None,
                                            "year_to": None, "city_id": None, "popup_items": 5})
    assert canada["name_en"].tolist() == ["Calgary"]
    in_2020 = seeded_db.query("map/cities", _params(year_from=2020, year_to=2020, popup_items=2))
    assert set(in_2020["country_iso2"]) == {"US"} and len(in_2020) == 4
    assert all(len(items) <= 2 for items in in_2020["institution_list"])


def test_routes_follow_the_itinerary_and_start_at_home(seeded_db):
    routes = seeded_db.query("map/trip_routes", _params(max_trips=30))
    by_trip = {trip: rows.sort_values("stop")["name_en"].tolist() for trip, rows in routes.groupby("title")}
    distep = next(v for k, v in by_trip.items() if "캐나다" in k)
    seoul = next(v for k, v in by_trip.items() if "서울시장" in k)
    assert distep == ["Seattle", "Calgary"]
    # Palo Alto is known only from a meeting, held between San Francisco's and Washington's.
    assert seoul == ["Las Vegas", "San Francisco", "Palo Alto", "Washington"]
    homes = dict(zip(routes["title"], routes["home_en"]))
    assert {homes[k] for k in homes} == {"Daejeon", "Seoul"}
    assert set(routes["total_trips"]) == {2}
    legs = seeded_db.query("map/legs", _params(max_legs=100))
    pairs = {frozenset((a, b)) for a, b in zip(legs["a_en"], legs["b_en"])}
    assert frozenset(("Daejeon", "Seattle")) in pairs and frozenset(("Calgary", "Daejeon")) in pairs
    assert frozenset(("Seattle", "Calgary")) in pairs and len(legs) == 8


def test_years_and_homes(seeded_db):
    years = seeded_db.query("map/years", Filters().params())
    assert years.to_dict("list") == {"year": [2020, 2024], "trips": [1, 1]}
    homes = seeded_db.query("map/homes", _params(year_from=2024, year_to=None))
    assert homes["name_en"].tolist() == ["Daejeon"]
