"""Sign-in in a real browser with no internet (issue #9): the form is all a visitor gets, the
right password opens the app, and the browser stays signed in across a reload (the cookie).
Saves sign-in-ko.png."""

from __future__ import annotations

import os

import pytest

from atlas import access
from tests.browser.conftest import AppServer, screenshot, wait_for_app

PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def signed_server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("signin-app")
    auth = workdir / "auth.yaml"
    access.save_user("lee", password=PASSWORD, role="viewer", name="이열람", path=auth)
    before = os.environ.get("ATLAS_AUTH_FILE")
    os.environ["ATLAS_AUTH_FILE"] = str(auth)
    try:
        server = AppServer(workdir)
    finally:
        if before is None:
            os.environ.pop("ATLAS_AUTH_FILE")
        else:
            os.environ["ATLAS_AUTH_FILE"] = before
    yield server
    server.stop()


def _script_done(page) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    page.wait_for_timeout(800)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)


def test_sign_in_then_stay_signed_in_across_a_reload(signed_server, offline_page):
    page = offline_page
    page.goto(signed_server.url)
    page.get_by_role("heading", name="국제교류 아틀라스 로그인").first.wait_for(timeout=60_000)
    _script_done(page)
    assert page.get_by_role("heading", name="국제교류 아틀라스 로그인").count() == 1
    assert page.locator('[data-testid="stMetric"]').count() == 0  # no data before signing in
    screenshot(page, "sign-in-ko")

    page.get_by_label("아이디").fill("lee")
    page.get_by_label("비밀번호").fill("wrong password!!")
    page.get_by_role("button", name="로그인").click()
    page.get_by_text("아이디 또는 비밀번호가 맞지 않습니다.").wait_for(timeout=30_000)

    page.get_by_label("아이디").fill("lee")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.get_by_role("heading", name="국제교류 개요").first.wait_for(timeout=60_000)
    wait_for_app(page)
    assert page.get_by_text("이열람 · 열람자").is_visible()
    assert page.get_by_role("link", name="문서 가져오기").count() == 0  # a viewer has no import page

    page.reload()
    page.get_by_role("heading", name="국제교류 개요").first.wait_for(timeout=60_000)
    assert any(c["name"] == access.COOKIE_NAME for c in page.context.cookies())
    wait_for_app(page)
    assert page.get_by_role("heading", name="국제교류 아틀라스 로그인").count() == 0

    page.get_by_role("button", name="로그아웃").click()
    page.get_by_role("heading", name="국제교류 아틀라스 로그인").first.wait_for(timeout=60_000)
    assert not page.refused_requests, page.refused_requests
    assert not page.page_errors, page.page_errors
