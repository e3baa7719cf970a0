"""Every page in a real browser, with no internet: no exception, titles drawn, filters that
survive a reload through the URL, the language switch, and Korean type from the app's own font."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from atlas.ui.frame import PAGES
from tests.browser.conftest import screenshot, wait_for_app


def _assert_clean(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.inner_text()
    assert not page.page_errors, page.page_errors


def _metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


@pytest.mark.parametrize("path", [p.url_path for p in PAGES])
def test_every_page_renders_offline(app_server, offline_page, path):
    offline_page.goto(f"{app_server.url}/{path}")
    wait_for_app(offline_page)
    _assert_clean(offline_page)
    assert offline_page.locator("h1").count() >= 1
    assert offline_page.refused_requests == [], "the page reached for the internet"
    screenshot(offline_page, f"page-{path}")


def test_overview_counts_the_seed_trips(app_server, offline_page):
    offline_page.goto(app_server.url)
    wait_for_app(offline_page)
    assert _metric(offline_page, "출장") == "2"
    assert _metric(offline_page, "국가") == "2"
    screenshot(offline_page, "overview-ko")


def test_filters_survive_a_reload(app_server, offline_page):
    offline_page.goto(f"{app_server.url}/?countries=CA")
    wait_for_app(offline_page)
    assert _metric(offline_page, "출장") == "1"
    offline_page.reload()
    wait_for_app(offline_page)
    assert "countries=CA" in offline_page.url
    assert _metric(offline_page, "출장") == "1"


def test_filters_follow_the_user_across_pages(app_server, offline_page):
    offline_page.goto(f"{app_server.url}/?countries=CA")
    wait_for_app(offline_page)
    offline_page.get_by_role("link", name="지도").click()
    wait_for_app(offline_page)
    assert "/map" in offline_page.url and "countries=CA" in offline_page.url


def test_language_switch(app_server, offline_page):
    offline_page.goto(app_server.url)
    wait_for_app(offline_page)
    offline_page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    expect(offline_page.locator("h1").first).to_have_text("International engagement overview")
    wait_for_app(offline_page)
    assert "lang=en" in offline_page.url
    assert _metric(offline_page, "Trips") == "2"
    screenshot(offline_page, "overview-en")


def test_korean_text_uses_the_bundled_font(app_server, offline_page):
    offline_page.goto(app_server.url)
    wait_for_app(offline_page)
    loaded = offline_page.evaluate(
        "async () => { await document.fonts.ready; return document.fonts.check('16px Pretendard', '국제교류'); }"
    )
    assert loaded, "Pretendard did not load from /app/static (run `npm ci --prefix static`)"


def test_opening_a_page_link_first_on_a_new_server(fresh_server, offline_page):
    """Streamlit treats a process's first run specially when a pages/ folder exists; a pasted
    link to a page must still get the full frame (navigation, filters)."""
    offline_page.goto(f"{fresh_server.url}/programs?countries=US")
    wait_for_app(offline_page)
    _assert_clean(offline_page)
    assert offline_page.locator("h1").first.inner_text() == "협력 프로그램"
    assert offline_page.get_by_role("link", name="개요").count() == 1
    assert "countries=US" in offline_page.url
