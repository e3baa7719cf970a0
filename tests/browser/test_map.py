"""The map page in a real browser with every request off this machine refused: the markers and
the country-outline basemap are drawn, popups show data as text, presenter mode fills the
screen, and the exported HTML file works on its own. Saves map-ko.png and map-presenter.png."""

from __future__ import annotations

import pytest

from atlas import db as atlas_db
from atlas.maps import escape_text
from tests.browser.conftest import AppServer, screenshot, wait_for_app

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
SEED_CITIES = 6
NASTY = "<img src=x onerror=alert(1)> `${document.cookie}` \\ \"quoted\""


def _off_machine(page) -> list[str]:
    """Every request that tried to leave this machine (all are refused)."""
    return list(page.refused_requests)


def _wait_for_map(page, presenter: bool = False):
    if presenter:  # the sidebar is hidden, so conftest's wait_for_app (which waits for it) cannot be used
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    else:
        wait_for_app(page)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.atlas-city").first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    return frame


@pytest.fixture(scope="module")
def nasty_server(tmp_path_factory):
    """A server whose database has the seed data plus a trip whose title is hostile markup."""
    workdir = tmp_path_factory.mktemp("map-app")
    database = atlas_db.open_database(workdir / "atlas.duckdb")
    from atlas.seed import ensure_reference_data, load_seed_dataset

    ensure_reference_data(database)
    load_seed_dataset(database)
    with database.transaction() as tx:
        org = int(database.sql("select min(organization_id) from organizations").iat[0, 0])
        trip = tx.insert("trips", {"title": NASTY, "organization_id": org, "status": "completed",
                                   "start_date": "2024-09-01", "end_date": "2024-09-05", "entered_by": "test"},
                         returning="trip_id")
        tx.insert("trip_destinations", {"trip_id": trip, "seq": 1, "city_id": 6167865, "entered_by": "test"})
        tx.run("reference/upsert_city", {
            "city_id": 6167865, "name_ko": NASTY, "name_en": NASTY, "country_iso2": "CA", "admin1": "08",
            "lat": 43.70011, "lon": -79.4163, "timezone": "America/Toronto", "population": 2600000, "aliases": []})
    database.close()
    server = AppServer(workdir)
    yield server
    server.stop()


def test_map_renders_offline_with_markers_and_basemap(app_server, offline_page):
    page = offline_page
    page.goto(f"{app_server.url}/map")
    frame = _wait_for_map(page)
    assert frame.locator("path.atlas-city").count() == SEED_CITIES
    assert frame.locator("path.atlas-land").count() > 150  # Natural Earth countries, drawn from the app
    assert frame.locator("path.atlas-route").count() == 2  # one route per seed trip
    assert frame.locator("path.atlas-home").count() == 2  # Daejeon and Seoul
    assert frame.locator(".atlas-legend").inner_text().count("\n") >= 2
    assert not _off_machine(page), page.refused_requests
    assert not page.page_errors, page.page_errors
    screenshot(page, "map-ko")


def test_popup_lists_trips_and_institutions_with_links_to_the_app(app_server, offline_page):
    page = offline_page
    page.goto(f"{app_server.url}/map?lang=en&routes=0")
    frame = _wait_for_map(page)
    frame.locator("path.atlas-city").first.click()  # the biggest circle is drawn first: Calgary
    popup = frame.locator(".atlas-pop")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "Calgary" in text and "Canada" in text and "Meetings: 6" in text
    assert "City of Calgary" in text and "Jun 24, 2024" in text
    links = popup.locator("a")
    assert links.count() >= 3
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert all(links.nth(i).get_attribute("target") == "_top" for i in range(links.count()))
    assert "./city?city=5913490&lang=en" in hrefs and any(h.startswith("./trip?trip=") for h in hrefs)
    assert not page.page_errors, page.page_errors


def test_hostile_names_show_as_text(nasty_server, offline_page):
    page = offline_page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{nasty_server.url}/map?countries=CA&routes=1")
    frame = _wait_for_map(page)
    assert frame.locator("path.atlas-city").count() == 2  # Calgary and the hostile-named city
    hostile = frame.locator("path.atlas-city").nth(1)  # one meeting-less trip: the smaller circle
    hostile.hover()
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.first.wait_for(timeout=10_000)
    assert NASTY in tooltip.first.inner_text()
    hostile.click()
    popup = frame.locator(".atlas-pop")
    popup.wait_for(timeout=10_000)
    assert popup.inner_text().count(NASTY) >= 2  # the city's name and the trip's title, as text
    assert frame.locator(".atlas-pop img").count() == 0, "no element was made from the data"
    layers = frame.locator(".leaflet-control-layers-overlays").inner_text()
    assert NASTY.split(">")[0] in layers  # the trip's layer name, as text too
    assert not dialogs and not page.page_errors, (dialogs, page.page_errors)
    assert escape_text(NASTY) != NASTY


def test_presenter_mode_fills_the_screen(app_server, offline_page):
    page = offline_page
    page.goto(f"{app_server.url}/map?presenter=1")
    frame = _wait_for_map(page, presenter=True)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert frame.locator("path.atlas-city").count() == SEED_CITIES
    box = page.locator(MAP_FRAME).bounding_box()
    assert box["height"] > 900 * 0.6 and box["width"] > 1440 * 0.9
    assert page.get_by_text("전체 기간 · 전체 기관").is_visible()  # the filters, stated
    assert page.get_by_role("button", name="발표 모드 끝내기").is_visible()
    assert not _off_machine(page), page.refused_requests
    screenshot(page, "map-presenter")


def test_exported_file_opens_without_internet(app_server, offline_page, tmp_path):
    page = offline_page
    page.goto(f"{app_server.url}/map")
    _wait_for_map(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="지도 HTML로 내보내기").click()
    target = tmp_path / "map.html"
    download_info.value.save_as(target)
    exported = target.read_text(encoding="utf-8")
    assert "<script src=" not in exported
    assert f"{app_server.url}/city?city=" in exported  # the saved file's links open the app
    viewer = page.context.new_page()
    viewer.set_content(exported, wait_until="load")
    viewer.locator("path.atlas-city").first.wait_for(timeout=15_000)
    assert viewer.locator("path.atlas-city").count() == SEED_CITIES
    assert viewer.locator("path.atlas-land").count() > 150
    assert "국제교류 아틀라스" in viewer.locator(".atlas-title").inner_text()
    assert not _off_machine(page), page.refused_requests
    viewer.close()


def test_a_map_that_starts_in_a_frame_with_no_size_is_drawn_once_the_frame_grows(offline_page):
    """A component frame can run the map's script before it is laid out. Leaflet's own padded
    fitBounds then computes a NaN zoom and every circle stays empty (this failed CI once, in
    presenter mode); the map must fit itself when the frame gets its size."""
    import html

    from tests.unit.test_maps import _cities_frame, _routes_frame
    from atlas.maps import MapOptions, build_map, standalone_html

    view = build_map(_cities_frame(), _routes_frame(), None, None, MapOptions(presenter=True))
    document = standalone_html(view.map)
    page = offline_page
    page.set_content(f'<iframe id="map" style="width:0;height:0;border:0" srcdoc="{html.escape(document)}"></iframe>',
                     wait_until="load")
    frame = page.frame_locator("#map")
    frame.locator("path.atlas-city").first.wait_for(state="attached", timeout=15_000)
    page.wait_for_timeout(300)
    page.locator("#map").evaluate("f => { f.style.width = '1200px'; f.style.height = '700px'; }")
    frame.locator("path.atlas-city").first.wait_for(state="visible", timeout=10_000)
    zoom = page.frame(url="about:srcdoc").evaluate(
        "() => { for (const k in window) { if (k.startsWith('map_') && window[k] && window[k].getZoom)"
        " return window[k].getZoom(); } return null; }")
    assert zoom is not None and zoom == zoom and zoom >= 1, zoom  # a number, not NaN
    assert not page.page_errors, page.page_errors
