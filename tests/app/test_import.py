"""The import page in AppTest: upload, review in editable tables, confirm, refusals."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from atlas.paths import ROOT

TIMEOUT = 120


@pytest.fixture
def app(seeded_db):
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    return at


def _open(at: AppTest, lang: str = "ko") -> AppTest:
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/import.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _counts(database) -> dict[str, int]:
    tables = ("documents", "trips", "meetings", "itinerary_items", "institutions", "follow_ups",
              "data_quality_flags")
    return {t: int(database.sql(f"select count(*) from {t}").iat[0, 0]) for t in tables}


def test_the_page_says_what_to_do_before_anything_is_uploaded(app):
    at = _open(app)
    assert at.title[0].value == "문서 가져오기"
    assert any("아직 아무것도 저장되지 않았습니다" in i.value for i in at.info)
    assert at.file_uploader[0].accept_multiple_files


def test_upload_review_edit_and_confirm(app, seeded_db, shared_dir):
    at = _open(app)
    content = (shared_dir / "fixtures" / "formats" / "sample.hwpx").read_bytes()
    before = _counts(seeded_db)
    at.file_uploader[0].set_value(("sample.hwpx", content, "application/octet-stream")).run()
    assert not at.exception, [e.message for e in at.exception]
    assert _counts(seeded_db) == before, "nothing is written before the user confirms"
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["일정 행"], metrics["면담·방문"], metrics["후속조치"]) == ("2", "1", "1")
    assert len(at.data_editor) == 7  # trip, itinerary, meetings, attendees, institutions, programs, follow-ups
    # Edit the follow-up before saving: the edit is what gets stored.
    key = next(e.key for e in at.data_editor if e.key.endswith("_follow_ups"))
    at.session_state[key] = {"edited_rows": {0: {"action": "캘거리시와 공무원 교류 협의 (수정)"}},
                             "added_rows": [], "deleted_rows": []}
    at.run()
    save = next(b for b in at.button if b.label == "확인하고 저장")
    save.click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("저장했습니다" in s.value for s in at.success)
    after = _counts(seeded_db)
    assert after["documents"] == before["documents"] + 1 and after["trips"] == before["trips"] + 1
    action = seeded_db.sql("select action from follow_ups order by follow_up_id desc limit 1").iat[0, 0]
    assert action == "캘거리시와 공무원 교류 협의 (수정)"
    assert seeded_db.query("integrity/orphans").empty


def test_a_refused_file_shows_why_and_writes_nothing(app, seeded_db):
    at = _open(app)
    before = _counts(seeded_db)
    at.file_uploader[0].set_value([("empty.txt", b"", "text/plain"),
                                   ("junk.txt", bytes(range(256)) * 32, "text/plain")]).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("empty.txt" in e and "빈 파일" in e for e in errors)
    assert any("junk.txt" in e and "이진" in e for e in errors)
    assert not [b for b in at.button if b.label == "확인하고 저장"]
    assert _counts(seeded_db) == before


def test_a_document_already_imported_is_recognised(app, shared_dir):
    at = _open(app, "en")
    content = (shared_dir / "seeds" / "004_ffbe9128cdf1f7a6.txt").read_bytes()
    at.file_uploader[0].set_value(("004_ffbe9128cdf1f7a6.txt", content, "text/plain")).run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("imported before" in i.value for i in at.info)
    assert not [b for b in at.button if b.label == "Confirm and save"]
    assert at.subheader[0].value.startswith("미국·캐나다 공무국외출장")


def test_english_labels(app, shared_dir):
    at = _open(app, "en")
    assert at.title[0].value == "Import documents"
    content = (shared_dir / "fixtures" / "formats" / "sample.pdf").read_bytes()
    at.file_uploader[0].set_value(("sample.pdf", content, "application/pdf")).run()
    assert not at.exception, [e.message for e in at.exception]
    assert {m.label for m in at.metric} >= {"Itinerary rows", "Meetings", "Follow-ups"}
    assert [b.label for b in at.button if b.label == "Confirm and save"]
