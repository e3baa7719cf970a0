"""The timeline, trip and institution pages in a real browser with no internet: the seed 004
trip (DISTEP, Seattle and Calgary) day by day on local and Korea time, the trips-over-time
chart opening a trip, and an institution's page. Screenshots go to tests/browser/screenshots/."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, screenshot, wait_for_app

DISTEP_TRIP = "미국·캐나다 공무국외출장"


def screenshot_path(name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


def _assert_clean(page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()
    assert not page.page_errors, page.page_errors
    assert not page.refused_requests, page.refused_requests  # nothing may leave this machine


def _chart_text(page, index: int = 0) -> str:
    chart = page.locator('[data-testid="stPlotlyChart"]').nth(index)
    chart.locator(".main-svg").first.wait_for(timeout=30_000)
    return chart.inner_text()


def _tall(page, height: int = 2600) -> None:
    """Streamlit scrolls inside its own container, so a full-page screenshot is only as tall
    as the window: make the window tall enough to show the whole page."""
    page.set_viewport_size({"width": 1440, "height": height})


def _open_distep_trip(page, base_url: str) -> None:
    page.goto(f"{base_url}/timeline")
    wait_for_app(page)
    page.locator('[data-testid="stPageLink"]').filter(has_text=DISTEP_TRIP).first.click()
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(DISTEP_TRIP)


def test_timeline_shows_both_seed_trips_and_opens_one(app_server, offline_page):
    page = offline_page
    page.goto(f"{app_server.url}/timeline")
    wait_for_app(page)
    _assert_clean(page)
    text = _chart_text(page)
    assert "대전과학산업진흥원 · 과학협력부" in text  # grouped by organization and department
    assert "서울특별시" in text
    assert "북아메리카" in text  # coloured by region, with a legend
    links = page.locator('[data-testid="stPageLink"]')
    assert links.filter(has_text=DISTEP_TRIP).count() == 1
    assert links.filter(has_text="박원순 서울시장").count() == 1
    _tall(page, 1400)
    wait_for_app(page)
    screenshot(page, "timeline-ko")

    # Clicking the trip's dot on the chart opens its page.
    dots = page.locator('[data-testid="stPlotlyChart"] .scatterlayer .point')
    assert dots.count() == 2
    box = dots.nth(0).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/trip\?"), timeout=30_000)
    wait_for_app(page)
    _assert_clean(page)
    assert re.search(r"trip=\d+", page.url)
    assert page.locator("h1").first.inner_text() in (DISTEP_TRIP, "박원순 서울시장 미국 3개 도시 순방 (라스베이거스·샌프란시스코·워싱턴D.C.)")

    # Back to the timeline: the old selection does not send the reader to the trip again.
    page.go_back()
    wait_for_app(page)
    page.wait_for_timeout(1500)
    wait_for_app(page)
    assert "/timeline" in page.url
    expect(page.locator("h1").first).to_have_text("출장 타임라인")


def test_seed_004_trip_day_by_day(app_server, offline_page):
    page = offline_page
    _open_distep_trip(page, app_server.url)
    _assert_clean(page)
    assert re.search(r"/trip\?(.*&)?trip=\d+", page.url)
    text = _chart_text(page)
    # Local time: the flight out leaves Korea's 24 June and lands on Seattle's 24 June.
    assert "6. 24. (월) · 대전, 인천 · KST" in text
    assert "6. 24. (월) · 시애틀 · PDT" in text
    assert "6. 28. (금) · 캘거리 · MDT" in text
    assert "7. 1. (월) · 인천, 대전 · KST" in text
    table = page.locator('[data-testid="stTable"]').first
    expect(table).to_be_visible()
    expect(table).to_contain_text("16:50 MDT → 7. 1. 19:40 KST")
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "6박 8일" in body and "004_ffbe9128cdf1f7a6.txt" in body
    assert "자료 확인 사항" in body
    _tall(page, 4200)
    wait_for_app(page)
    screenshot(page, "trip-004-ko")

    # Korea time: the same trip on KST rows only.
    page.locator('[data-testid="stButtonGroup"]').get_by_text("한국 시각", exact=True).click()
    wait_for_app(page)
    text = _chart_text(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    assert "PDT" not in text and "MDT" not in text
    assert "6. 25. (화)" in text and "KST" in text
    _assert_clean(page)
    chart.screenshot(path=str(screenshot_path("trip-004-ko-korea-time")))


def test_hovering_a_meeting_shows_its_attendees(app_server, offline_page):
    page = offline_page
    _open_distep_trip(page, app_server.url)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.locator(".main-svg").first.wait_for()
    bar = chart.locator(".barlayer .point").filter(has_text="시애틀경제개발공사").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator(".hoverlayer")
    expect(hover).to_contain_text("브라이언 수렛", timeout=10_000)
    expect(hover).to_contain_text("한국 시각")

    # A click selects the meeting and shows its attendees, agenda and key points under the chart.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    panel = page.locator('[data-testid="stVerticalBlock"]').filter(has_text="선택한 일정").last
    expect(panel).to_contain_text("시애틀경제개발공사 회의", timeout=30_000)
    wait_for_app(page)
    for heading in ("참석자", "안건", "주요 내용"):
        expect(panel).to_contain_text(heading)
    expect(panel).to_contain_text("브라이언 수렛")
    _assert_clean(page)
    panel.screenshot(path=str(screenshot_path("trip-004-ko-selected-meeting")))


def test_trip_page_in_english(app_server, offline_page):
    page = offline_page
    page.goto(f"{app_server.url}/timeline?lang=en")
    wait_for_app(page)
    page.locator('[data-testid="stPageLink"]').filter(has_text=DISTEP_TRIP).first.click()
    wait_for_app(page)
    _assert_clean(page)
    text = _chart_text(page)
    assert "Mon, Jun 24 · Seattle · PDT" in text
    assert "lang=en" in page.url
    _tall(page, 4200)
    wait_for_app(page)
    screenshot(page, "trip-004-en")


def test_institution_page_and_unknown_ids(app_server, offline_page):
    page = offline_page
    _open_distep_trip(page, app_server.url)
    page.locator('[data-testid="stExpander"]').filter(has_text="캘거리 부시장 면담").first.click()
    page.locator('[data-testid="stPageLink"]').filter(has_text="기관 화면: 캘거리시").first.click()
    wait_for_app(page)
    _assert_clean(page)
    expect(page.locator("h1").first).to_have_text("캘거리시")
    assert re.search(r"institution=\d+", page.url)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "진행 중 후속조치" in body and "지난 후속조치" in body
    _chart_text(page)
    _tall(page, 2400)
    wait_for_app(page)
    screenshot(page, "institution-ko")

    page.goto(f"{app_server.url}/trip?trip=99999")
    wait_for_app(page)
    _assert_clean(page)
    assert "99999번 출장을 찾을 수 없습니다" in page.locator('[data-testid="stMain"]').inner_text()
    assert page.locator('[data-testid="stPageLink"]').filter(has_text=DISTEP_TRIP).count() == 1
