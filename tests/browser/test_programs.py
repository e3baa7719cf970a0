"""The program catalogue and a side-by-side comparison in a real browser, offline."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot, wait_for_app


def _pick(page, widget_key: str, option_text: str) -> None:
    box = page.locator(f".st-key-{widget_key}")
    box.locator("input").first.click()
    page.keyboard.type(option_text.split(" · ")[0])  # the list is virtualised: narrow it first
    option = page.get_by_role("option", name=option_text, exact=True)
    option.wait_for(state="visible")
    option.click()
    page.keyboard.press("Escape")
    wait_for_app(page)


def test_compare_two_programs(app_server, offline_page):
    page = offline_page
    page.goto(f"{app_server.url}/programs")
    wait_for_app(page)
    expect(page.get_by_text("프로그램 12개")).to_be_visible()
    _pick(page, "programs_compare", "북미 소프트랜딩 프로그램 · 바이오허브X")
    _pick(page, "programs_compare", "Gap Fund · 워싱턴대학교 CoMotion")
    comparison = page.get_by_text("다른 항목:")
    expect(comparison).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.page_errors
    page.set_viewport_size({"width": 1440, "height": 2300})  # the app scrolls inside its own pane
    wait_for_app(page)
    screenshot(page, "programs-compare-ko")
