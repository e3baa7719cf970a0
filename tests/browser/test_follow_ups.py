"""The follow-up page in a real browser with no internet: the board and the table render, an
edit made in the dialog survives a reload (and its history shows it), and of two people editing
the same follow-up the second is refused with the current values."""

from __future__ import annotations


import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AppServer, open_offline_page, screenshot, wait_for_app

TALL = {"width": 1440, "height": 1800}  # the main area scrolls inside the page: show more of it


@pytest.fixture(scope="module")
def fu_server(tmp_path_factory, browser):
    """Our own server and database, so edits here do not leak into other tests."""
    server = AppServer(tmp_path_factory.mktemp("follow_ups_app"))
    warm = browser.new_page()
    warm.goto(server.url)
    wait_for_app(warm)
    warm.close()
    yield server
    server.stop()


@pytest.fixture
def second_page(browser):
    """A second person, in a browser context of their own, also refused the internet."""
    context, page = open_offline_page(browser, viewport={"width": 1440, "height": 1000})
    yield page
    context.close()


def _open(page, server, query: str = "", title: str = "후속조치 관리") -> None:
    page.goto(f"{server.url}/follow_ups{query}")
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text(title)


def _assert_clean(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, \
        page.locator('[data-testid="stException"]').first.inner_text()
    assert not page.page_errors, page.page_errors
    assert not page.refused_requests, page.refused_requests  # nothing may leave this machine


def _edit(page, follow_up_id: int, version: int, stage: str | None = None, owner: str | None = None) -> None:
    """Open a card's edit dialog, change what is given, press Save."""
    page.locator(f".st-key-fu_edit_{follow_up_id} button").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    wait_for_app(page)
    key = f"fu_e_{follow_up_id}_{version}_"
    if stage:
        dialog.locator(f".st-key-{key}stage").click()
        page.get_by_role("option", name=stage, exact=True).click()
        wait_for_app(page)
    if owner is not None:
        field = dialog.locator(f".st-key-{key}owner input")
        field.fill(owner)
        field.press("Tab")
        wait_for_app(page)
    dialog.locator(f".st-key-{key}save button").click()
    wait_for_app(page)


def test_the_board_renders_offline(fu_server, offline_page):
    offline_page.set_viewport_size(TALL)
    _open(offline_page, fu_server)
    _assert_clean(offline_page)
    for stage in ("identified", "proposed", "in_discussion", "agreed", "in_progress", "done", "on_hold", "dropped"):
        expect(offline_page.locator(f".st-key-fu_col_{stage}")).to_be_visible()
    assert offline_page.locator('[class*="st-key-fu_card_"]').count() == 18
    expect(offline_page.locator(".st-key-fu_col_identified")).to_contain_text("18건")
    screenshot(offline_page, "follow-ups-board")


def test_the_table_view_renders_offline(fu_server, offline_page):
    offline_page.set_viewport_size(TALL)
    _open(offline_page, fu_server)
    offline_page.get_by_text("표로 편집", exact=True).click()
    wait_for_app(offline_page)
    editor = offline_page.locator('[data-testid="stDataFrame"]').first
    expect(editor).to_be_visible()
    expect(offline_page.get_by_role("button", name="변경 저장 (0건)")).to_be_disabled()
    _assert_clean(offline_page)
    screenshot(offline_page, "follow-ups-table")


def test_the_statistics_view_renders_offline(fu_server, offline_page):
    offline_page.set_viewport_size(TALL)
    _open(offline_page, fu_server, "?lang=en", title="Follow-up pipeline")
    offline_page.get_by_text("Statistics", exact=True).click()
    wait_for_app(offline_page)
    expect(offline_page.locator(".js-plotly-plot")).to_have_count(3)
    _assert_clean(offline_page)
    screenshot(offline_page, "follow-ups-statistics-en")


def test_an_edit_survives_a_reload(fu_server, offline_page):
    offline_page.set_viewport_size(TALL)
    _open(offline_page, fu_server)
    _edit(offline_page, 3, 1, stage="제안", owner="김담당")
    expect(offline_page.get_by_role("dialog")).to_have_count(0)
    card = offline_page.locator(".st-key-fu_col_proposed .st-key-fu_card_3")
    expect(card).to_contain_text("김담당")

    offline_page.reload()
    wait_for_app(offline_page)
    card = offline_page.locator(".st-key-fu_col_proposed .st-key-fu_card_3")
    expect(card).to_be_visible()
    expect(card).to_contain_text("김담당")
    assert offline_page.locator(".st-key-fu_col_identified .st-key-fu_card_3").count() == 0
    card.locator(".st-key-fu_hist_3 button").click()
    history = offline_page.locator('[data-testid="stPopoverBody"]')
    expect(history).to_contain_text("단계: 발굴 → 제안")
    expect(history).to_contain_text("담당자: (없음) → 김담당")
    _assert_clean(offline_page)
    screenshot(offline_page, "follow-ups-history")


def test_of_two_editors_the_second_is_refused(fu_server, offline_page, second_page):
    first, second = offline_page, second_page
    _open(first, fu_server)
    _open(second, fu_server)
    # Both start editing follow-up 6 at version 1; the first saves.
    second.locator(".st-key-fu_edit_6 button").click()
    expect(second.get_by_role("dialog")).to_be_visible()
    wait_for_app(second)
    _edit(first, 6, 1, owner="가담당")
    expect(first.locator(".st-key-fu_card_6")).to_contain_text("가담당")
    # The second saves from version 1: refused, with the current value on screen.
    dialog = second.get_by_role("dialog")
    field = dialog.locator(".st-key-fu_e_6_1_owner input")
    field.fill("나담당")
    field.press("Tab")
    wait_for_app(second)
    dialog.locator(".st-key-fu_e_6_1_save button").click()
    wait_for_app(second)
    expect(dialog).to_contain_text("다른 사용자가 먼저 저장했습니다")
    current_values = dialog.locator('[data-testid="stTable"]')
    expect(current_values).to_contain_text("가담당")   # the value saved now
    expect(current_values).to_contain_text("나담당")   # and what this person tried
    screenshot(second, "follow-ups-conflict")
    second.reload()
    wait_for_app(second)
    expect(second.locator(".st-key-fu_card_6")).to_contain_text("가담당")
    assert "나담당" not in second.locator(".st-key-fu_card_6").inner_text()
    _assert_clean(second)
