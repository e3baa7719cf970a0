"""The entity pages (issue #7) in a real browser with every request off this machine refused:
the city page of Calgary (the seed's DISTEP trip held 6 meetings there) with its small map,
timeline and every template section, and the small maps the trip and institution pages gained.
Saves city-calgary-ko.png, city-calgary-en.png, trip-004-map-ko.png and institution-map-ko.png."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from atlas import db as atlas_db
from tests.browser.conftest import AppServer, screenshot, wait_for_app

CALGARY = 5913490
TORONTO = 6167865
KEPT = b"%PDF-1.4 kept as uploaded \x00\x01\x02"
HOSTILE = "<img src=x onerror=alert(1)> [link](http://example.com) `${document.cookie}`"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
SECTIONS_KO = ["주요 정보", "지도", "이 도시에 간 출장", "이 도시에서 열린 면담·방문", "이 도시의 기관", "협력 프로그램",
               "진행 중 후속조치 (기한 지남 · 예정)", "지난 후속조치", "출처 문서", "자료 확인 사항"]


def _assert_clean(page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()
    assert not page.page_errors, page.page_errors
    assert not page.refused_requests, page.refused_requests  # nothing may leave this machine


def _small_map(page):
    """The page's small map, once Leaflet has drawn its circles."""
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.atlas-city").first.wait_for(timeout=30_000)
    page.wait_for_timeout(400)
    return frame


def _tall(page, height: int) -> None:
    """Streamlit scrolls inside its own container: a window as tall as the page shows all of it."""
    page.set_viewport_size({"width": 1440, "height": height})
    wait_for_app(page)


def _headings(page) -> list[str]:
    return [h.strip() for h in page.locator('[data-testid="stMain"] h3').all_inner_texts()]


def test_city_page_of_calgary_offline(app_server, offline_page):
    page = offline_page
    page.goto(f"{app_server.url}/city?city={CALGARY}")
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("캘거리")
    frame = _small_map(page)
    assert frame.locator("path.atlas-city").count() == 2  # Calgary and Seattle, where its one trip also went
    assert frame.locator("path.atlas-route").count() == 1  # the route of that trip …
    assert frame.locator("path.atlas-home").count() == 1  # … from Daejeon
    assert frame.locator("path.atlas-land").count() > 150  # the app's own Natural Earth basemap
    assert frame.locator(".atlas-legend").is_hidden()  # a small map has no room for the legend box
    frame.locator("path.atlas-city").first.hover()  # the biggest circle (6 meetings) is drawn first
    expect(frame.locator(".leaflet-tooltip").first).to_contain_text("캘거리")

    headings = _headings(page)
    assert [h for h in headings if h in SECTIONS_KO] == SECTIONS_KO, headings
    main = page.locator('[data-testid="stMain"]')
    text = main.inner_text()
    for expected in ("America/Edmonton", "한국보다", "1,306,784명", "북위 51.0501°", "이 도시 면담 6건",
                     "004_ffbe9128cdf1f7a6.txt", "출장 1 · 면담·방문 6 · 기관 5 · 프로그램 8 · 후속조치 15"):
        assert expected in text, expected
    metrics = dict(zip(main.locator('[data-testid="stMetricLabel"]').all_inner_texts(),
                       main.locator('[data-testid="stMetricValue"]').all_inner_texts()))
    assert metrics["면담·방문"] == "6" and metrics["기관"] == "5" and metrics["협력 프로그램"] == "8"
    assert page.locator('[data-testid="stExpander"]').filter(has_text="6. 28. (금)").count() == 6
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.locator(".main-svg").first.wait_for(timeout=30_000)
    assert "대전과학산업진흥원 · 과학협력부" in chart.inner_text()
    _assert_clean(page)
    _tall(page, 4600)
    _small_map(page)
    screenshot(page, "city-calgary-ko")

    # A meeting's links lead to its institution's page, which has its own small map of Calgary.
    page.locator('[data-testid="stExpander"]').filter(has_text="캘거리 부시장 면담").first.click()
    page.locator('[data-testid="stPageLink"]').filter(has_text="기관 화면: 캘거리시").first.click()
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("캘거리시")
    assert re.search(r"institution=\d+", page.url)
    frame = _small_map(page)
    assert frame.locator("path.atlas-city").count() == 2  # its city's map, as on the city page
    _assert_clean(page)
    _tall(page, 3000)
    _small_map(page)
    screenshot(page, "institution-map-ko")


def test_city_page_in_english(app_server, offline_page):
    page = offline_page
    page.goto(f"{app_server.url}/city?city={CALGARY}&lang=en")
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("Calgary")
    _small_map(page)
    text = page.locator('[data-testid="stMain"]').inner_text()
    for expected in ("Key facts", "Trips to this city", "Meetings held in this city", "Source documents",
                     "behind Korea", "51.0501° N, 114.0853° W", "meetings here: 6"):
        assert expected in text, expected
    _assert_clean(page)
    _tall(page, 4600)
    _small_map(page)
    screenshot(page, "city-calgary-en")


def test_trip_page_draws_its_route(app_server, offline_page):
    page = offline_page
    page.goto(f"{app_server.url}/city?city={CALGARY}")
    wait_for_app(page)
    page.locator('[data-testid="stPageLink"]').filter(has_text="미국·캐나다 공무국외출장").first.click()
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("미국·캐나다 공무국외출장")
    frame = _small_map(page)
    assert frame.locator("path.atlas-city").count() == 2  # Seattle and Calgary
    assert frame.locator("path.atlas-route").count() == 1  # Daejeon → Seattle → Calgary → Daejeon
    assert frame.locator("path.atlas-home").count() == 1  # Daejeon
    _assert_clean(page)
    page.set_viewport_size({"width": 1440, "height": 1100})
    _small_map(page)
    screenshot(page, "trip-004-map-ko")


@pytest.fixture(scope="module")
def files_server(tmp_path_factory):
    """A server whose database has the seed data plus a trip to Toronto read from an uploaded PDF
    (kept), a news article of which only the text is kept, and an institution with a hostile name."""
    from atlas.seed import ensure_city, ensure_reference_data, load_seed_dataset

    workdir = tmp_path_factory.mktemp("entity-app")
    database = atlas_db.open_database(workdir / "atlas.duckdb")
    ensure_reference_data(database)
    load_seed_dataset(database)
    with database.transaction() as tx:
        ensure_city(tx, TORONTO)
        org = int(database.sql("select min(organization_id) from organizations").iat[0, 0])
        kept = tx.insert("documents", {"file_name": "토론토 보고서.pdf", "sha256": "kept", "format": "pdf",
                                       "kind": "report", "imported_by": "kim", "content": KEPT,
                                       "raw_text": "토론토 보고서"}, returning="document_id")
        text = tx.insert("documents", {"file_name": "기사.txt", "sha256": "text", "format": "txt", "kind": "news",
                                       "imported_by": "kim", "raw_text": "기사 본문"}, returning="document_id")
        trip = tx.insert("trips", {"title": "토론토 출장", "organization_id": org, "status": "completed",
                                   "start_date": dt.date(2024, 9, 2), "end_date": dt.date(2024, 9, 6),
                                   "document_id": kept}, returning="trip_id")
        tx.insert("trip_destinations", {"trip_id": trip, "seq": 1, "city_id": TORONTO, "document_id": kept})
        institution = tx.insert("institutions", {"name_ko": HOSTILE, "city_id": TORONTO, "type": "other",
                                                 "document_id": text}, returning="institution_id")
        tx.insert("meetings", {"trip_id": trip, "seq": 1, "institution_id": institution, "title": HOSTILE,
                               "meeting_date": dt.date(2024, 9, 3), "city_id": TORONTO, "kind": "meeting",
                               "document_id": kept})
    database.close()
    server = AppServer(workdir)
    yield server
    server.stop()


def test_source_documents_download_offline_and_names_stay_text(files_server, offline_page):
    page = offline_page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{files_server.url}/city?city={TORONTO}")
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("토론토")
    _small_map(page)
    main = page.locator('[data-testid="stMain"]')
    shown = main.inner_text().replace("\u2060", "")  # word joiners keep addresses from becoming links
    assert HOSTILE in shown  # the institution's and the meeting's names, as written
    links = main.locator('a[href="http://example.com"]')
    assert main.locator('img[src="x"]').count() == 0 and links.count() == 0, \
        links.first.evaluate("a => a.closest('[data-testid]').outerHTML.slice(0, 600)")

    with page.expect_download() as download:
        page.locator('[data-testid="stDownloadButton"]').filter(has_text="원본 파일 받기").click()
    assert download.value.suggested_filename == "토론토 보고서.pdf"
    assert open(download.value.path(), "rb").read() == KEPT  # the original, byte for byte
    with page.expect_download() as download:
        page.locator('[data-testid="stDownloadButton"]').filter(has_text="추출한 텍스트 받기").click()
    assert download.value.suggested_filename == "기사.txt"
    assert open(download.value.path(), "rb").read().decode("utf-8") == "기사 본문"
    assert not dialogs
    _assert_clean(page)
    documents = page.locator('[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stVerticalBlock"]').filter(
        has_text="토론토 보고서.pdf").last
    documents.scroll_into_view_if_needed()
    _tall(page, 3400)
    _small_map(page)
    screenshot(page, "city-documents-ko")
