"""The import page in a real browser with no internet: upload, review, confirm, refusal.

Runs on its own server and database (importing changes the data other browser tests count)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AppServer, screenshot, wait_for_app


@pytest.fixture(scope="module")
def import_server(tmp_path_factory):
    server = AppServer(tmp_path_factory.mktemp("import_app"))
    yield server
    server.stop()


def _assert_clean(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.inner_text()
    assert not page.page_errors, page.page_errors
    assert not page.refused_requests, page.refused_requests  # nothing may leave this machine


def _upload(page, files) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
    page.wait_for_timeout(800)
    wait_for_app(page)


def test_upload_review_and_confirm_a_report(import_server, offline_page, shared_dir, tmp_path):
    page = offline_page
    page.goto(f"{import_server.url}/import")
    wait_for_app(page)
    _assert_clean(page)
    screenshot(page, "import-empty-ko")
    report = tmp_path / "2025_calgary_report.txt"
    text = (shared_dir / "seeds" / "004_ffbe9128cdf1f7a6.txt").read_text(encoding="utf-8")
    report.write_text(text.replace("2024", "2025"), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _upload(page, [str(report), str(empty)])
    _assert_clean(page)
    assert page.get_by_text("미국·캐나다 공무국외출장").first.is_visible()
    assert page.get_by_text("빈 파일입니다").first.is_visible()
    page.get_by_role("tab", name="데이터 점검").first.click()
    page.wait_for_timeout(500)
    screenshot(page, "import-review-ko")
    page.get_by_role("tab", name="일정").first.click()
    page.wait_for_timeout(500)
    screenshot(page, "import-itinerary-ko")
    # Follow-ups promised in the meeting notes and programs described in prose are in the review.
    page.get_by_role("tab", name="후속조치").first.click()
    page.wait_for_timeout(500)
    screenshot(page, "import-follow-ups-ko")
    page.get_by_role("tab", name="협력 프로그램").first.click()
    page.wait_for_timeout(500)
    screenshot(page, "import-programs-ko")
    counted = page.locator('[data-testid="stMetric"]').filter(has_text="후속조치").first.inner_text()
    assert "16" in counted, counted  # 4 bullets of 시사점 + 12 promises in the meeting notes
    page.get_by_role("button", name="확인하고 저장").first.click()
    page.wait_for_timeout(800)
    wait_for_app(page)
    _assert_clean(page)
    assert page.get_by_text("저장했습니다").first.is_visible()
    screenshot(page, "import-saved-ko")
    page.get_by_role("link", name="저장한 출장 보기").first.click()
    wait_for_app(page)
    _assert_clean(page)
    assert "trip=" in page.url


def test_english_review_of_a_news_article(import_server, offline_page, shared_dir, tmp_path):
    page = offline_page
    page.goto(f"{import_server.url}/import?lang=en")
    wait_for_app(page)
    article = tmp_path / "2020_seoul_mayor_us_trip.txt"
    article.write_text((shared_dir / "seeds" / "000_0ec3ef31fa67ca02.txt").read_text(encoding="utf-8") + "\n",
                       encoding="utf-8")
    _upload(page, [str(article)])
    _assert_clean(page)
    assert page.get_by_text("Import documents").first.is_visible()
    page.get_by_role("tab", name="Meetings").first.click()
    page.wait_for_timeout(500)
    screenshot(page, "import-news-en")
