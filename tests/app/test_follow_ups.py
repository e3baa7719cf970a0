"""AppTest of the follow-up page: the board, the edit dialog with its version check, the table
with an explicit Save, adding by hand, the shared staleness setting, filters and export."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.runtime import pages_manager
from streamlit.testing.v1 import AppTest

from atlas import follow_ups as fu
from atlas.paths import ROOT

TIMEOUT = 90


@pytest.fixture
def app(seeded_db, monkeypatch):
    """The app on the seed database, on the follow-up page.

    AppTest starts every run in Streamlit's legacy pages/ mode, where a page is found by its
    file name ("follow_ups"), not by its url_path ("follow-ups"); the frame then leaves that
    mode and lands on the overview. A real server does that only on its very first run, so
    the runs here start in st.navigation mode, as every later run of a server does."""
    original = pages_manager.PagesManager.__init__

    def navigation_mode(self, *args, **kwargs):
        original(self, *args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False

    monkeypatch.setattr(pages_manager.PagesManager, "__init__", navigation_mode)
    monkeypatch.setenv("ATLAS_USER", "tester")
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    return at


def _open(at: AppTest, **query) -> AppTest:
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/follow_ups.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _edit_buttons(at: AppTest) -> set[int]:
    return {int(b.key.removeprefix("fu_edit_")) for b in at.button if (b.key or "").startswith("fu_edit_")}


@pytest.mark.parametrize("lang, title, total", [("ko", "후속조치 관리", "전체"), ("en", "Follow-up pipeline", "All")])
def test_the_board_shows_every_seed_follow_up(app, lang, title, total):
    _open(app, lang=lang)
    assert app.title[0].value == title
    assert _metrics(app)[total] == "18"
    assert _edit_buttons(app) == set(range(1, 19))
    assert not app.info  # not an empty or pending notice
    assert len(app.get("download_button")) == 2


def test_editing_through_the_dialog_saves_and_records_history(app, seeded_db):
    _open(app)
    app.button(key="fu_edit_3").click().run()
    app.selectbox(key="fu_e_3_1_stage").select("proposed")
    app.text_input(key="fu_e_3_1_owner").input("김담당")
    app.button(key="fu_e_3_1_save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert not app.error
    current = fu.current_values(seeded_db, 3)
    assert (current["stage"], current["owner"], current["version"], current["updated_by"]) == \
        ("proposed", "김담당", 2, "tester")
    events = seeded_db.query("follow_ups/events_of", {"follow_up_id": 3})
    assert set(events["field"]) == {"created", "stage", "owner"}
    assert set(events.loc[events["field"] != "created", "by_user"]) == {"tester"}
    assert "fu_dialog" not in app.session_state  # closed after the save
    app.run()
    captions = " ".join(c.value for c in app.caption)
    assert "김담당" in captions  # the card shows the new owner
    shown = [m.value.replace("\\", "") for m in app.markdown]  # markdown-escaped user text
    assert "담당자: (없음) → 김담당" in shown and "단계: 발굴 → 제안" in shown  # the card's history


def test_a_stale_dialog_is_refused_and_shows_the_current_values(app, seeded_db):
    _open(app)
    app.button(key="fu_edit_4").click().run()  # this editor starts from version 1
    fu.update_follow_up(seeded_db, 4, 1, {"owner": "다른담당"}, "someone_else")  # another person saves first
    app.text_input(key="fu_e_4_1_owner").input("내담당")
    app.button(key="fu_e_4_1_save").click().run()
    assert not app.exception
    assert any("다른 사용자가 먼저 저장했습니다" in (e.proto.title or "") or "someone_else" in e.value for e in app.error)
    conflict = [e for e in app.error if "someone_else" in e.value]
    assert conflict, [e.value for e in app.error]
    table = app.table[-1].value
    owner = table[table["항목"] == "담당자"].iloc[0]
    assert owner["현재 저장된 값"] == "다른담당" and owner["입력하신 값"] == "내담당"
    assert fu.current_values(seeded_db, 4)["owner"] == "다른담당"  # never overwritten
    # Starting again from the current values, the save goes through.
    app.button(key="fu_e_4_1_reload").click().run()
    app.text_input(key="fu_e_4_2_owner").input("내담당")
    app.button(key="fu_e_4_2_save").click().run()
    assert fu.current_values(seeded_db, 4)["owner"] == "내담당"


def test_an_illegal_stage_move_is_not_offered(app, seeded_db):
    fu.update_follow_up(seeded_db, 5, 1, {"stage": "agreed"}, "kim")
    _open(app)
    app.button(key="fu_edit_5").click().run()
    assert app.selectbox(key="fu_e_5_2_stage").options == [
        "협의", "합의", "이행", "완료", "보류", "중단"]


def test_the_table_saves_edits_only_on_save(app, seeded_db):
    _open(app)
    app.segmented_control(key="fu_view").set_value("table").run()
    assert len(app.data_editor) == 1
    shown = app.data_editor[0].value
    row = list(shown.index).index(8)
    app.session_state["fu_editor_0"] = {"edited_rows": {row: {"owner": "박팀장", "stage": "in_discussion"}},
                                        "added_rows": [], "deleted_rows": []}
    app.run()
    assert fu.current_values(seeded_db, 8)["owner"] is None  # not saved yet
    save = app.button(key="fu_table_save")
    assert not save.disabled and "1" in save.label
    save.click().run()
    assert not app.exception, [e.message for e in app.exception]
    current = fu.current_values(seeded_db, 8)
    assert (current["owner"], current["stage"], current["updated_by"]) == ("박팀장", "in_discussion", "tester")
    assert any("1건을 저장했습니다" in s.value for s in app.success)


def test_the_table_refuses_a_row_someone_else_saved(app, seeded_db):
    _open(app)
    app.segmented_control(key="fu_view").set_value("table").run()
    row = list(app.data_editor[0].value.index).index(9)
    app.session_state["fu_editor_0"] = {"edited_rows": {row: {"owner": "내가"}}, "added_rows": [], "deleted_rows": []}
    app.run()
    fu.update_follow_up(seeded_db, 9, 1, {"owner": "먼저 저장한 사람"}, "someone_else")
    app.run()  # the editor keeps showing version 1, the table it started from
    app.button(key="fu_table_save").click().run()
    assert not app.exception
    assert any("someone_else" in e.value for e in app.error)
    assert fu.current_values(seeded_db, 9)["owner"] == "먼저 저장한 사람"


def test_adding_a_follow_up_by_hand(app, seeded_db):
    _open(app)
    app.button(key="fu_add").click().run()
    meetings = seeded_db.query("follow_ups/meeting_options")
    meeting = meetings[meetings["title"] == "캘거리 부시장 면담"].iloc[0]
    app.text_area(key="fu_new_action").input("부시장 방한 일정 협의")
    app.selectbox(key="fu_new_meeting").set_value(int(meeting["meeting_id"]))
    app.text_input(key="fu_new_owner").input("김담당")
    app.button(key="fu_new_save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert int(seeded_db.query("follow_ups/total").iat[0, 0]) == 19
    rows, _ = seeded_db.rows("select follow_up_id, trip_id, entered_by, owner from follow_ups where action = ?",
                             ["부시장 방한 일정 협의"])
    new_id, trip_id, entered_by, owner = rows[0]
    assert (trip_id, entered_by, owner) == (int(meeting["trip_id"]), "tester", "김담당")
    app.run()
    assert _metrics(app)["전체"] == "19" and new_id in _edit_buttons(app)


def test_adding_without_an_action_says_why(app, seeded_db):
    _open(app)
    app.button(key="fu_add").click().run()
    app.button(key="fu_new_save").click().run()
    assert any("조치 내용을 입력하세요" in e.value for e in app.error)
    assert int(seeded_db.query("follow_ups/total").iat[0, 0]) == 18


def test_the_staleness_threshold_is_stored_for_everyone(app, seeded_db):
    _open(app)
    app.number_input(key="fu_stale_days").set_value(7).run()
    assert not app.exception
    assert seeded_db.query("settings/get", {"key": fu.STALE_DAYS_SETTING}).iat[0, 0] == "7"
    assert "7일 이상 미갱신" in _metrics(app)


def test_filters_and_warning_pills_narrow_the_view(app, seeded_db):
    _open(app, countries="CA")
    rows, _ = seeded_db.rows(
        "select count(distinct fi.follow_up_id) from follow_up_institutions fi "
        "join institutions i on i.institution_id = fi.institution_id "
        "join cities c on c.city_id = i.city_id where c.country_iso2 = 'CA'")
    assert _metrics(app)["전체"] == str(rows[0][0])
    assert "캐나다" in app.caption[0].value
    app.pills(key="fu_cues").set_value(["overdue"]).run()
    assert any("고른 주의 항목에 해당하는 후속조치가 없습니다" in i.value for i in app.info)


def test_a_period_without_trips_shows_the_empty_state(app):
    _open(app, **{"from": "2010-01-01", "to": "2010-12-31"})
    assert _metrics(app)["전체"] == "0"
    assert any("이 필터에 맞는 후속조치가 없습니다" in i.value for i in app.info)


def test_the_statistics_view(app):
    _open(app, lang="en")
    app.segmented_control(key="fu_view").set_value("analysis").run()
    assert not app.exception
    charts = app.get("plotly_chart")
    assert len(charts) == 3
