"""The follow-up pipeline (issue #6): stage rules, the version-checked save and its history,
two editors at once, staleness cues, and the builders for the board, table, charts and export."""

from __future__ import annotations

import datetime as dt
import io
import re
import threading

import pandas as pd
import pytest

from atlas import follow_ups as fu
from atlas import theme
from atlas.filters import Filters
from atlas.i18n import LABELS, STRINGS
from atlas.paths import ROOT

NOW = dt.datetime(2024, 8, 1, 9, 30)
TODAY = NOW.date()


def _events(db, follow_up_id: int) -> pd.DataFrame:
    return db.query("follow_ups/events_of", {"follow_up_id": follow_up_id})


def _row(db, follow_up_id: int) -> dict:
    rows, columns = db.rows("select * from follow_ups where follow_up_id = ?", [follow_up_id])
    return dict(zip(columns, rows[0]))


def _listed(db, filters: Filters = Filters()) -> pd.DataFrame:
    return db.query("follow_ups/list", filters.params())


# -- stage transitions ------------------------------------------------------------------------------

def test_forward_to_any_later_stage():
    assert fu.can_move("identified", "proposed")
    assert fu.can_move("identified", "agreed")
    assert fu.can_move("proposed", "done")
    assert fu.can_move("in_progress", "done")


def test_back_only_one_stage_at_a_time():
    assert fu.can_move("agreed", "in_discussion")
    assert fu.can_move("done", "in_progress")
    assert not fu.can_move("agreed", "proposed")
    assert not fu.can_move("done", "identified")
    assert not fu.can_move("in_progress", "identified")


def test_on_hold_and_dropped_reachable_from_every_stage_and_back_into_the_pipeline():
    for stage in fu.STAGES:
        assert fu.can_move(stage, "on_hold"), stage
        assert fu.can_move(stage, "dropped"), stage
    for side in fu.SIDE_STAGES:
        for stage in fu.PIPELINE:
            assert fu.can_move(side, stage), (side, stage)


def test_unknown_stages_are_refused_and_staying_put_is_allowed():
    assert not fu.can_move("identified", "finished")
    assert not fu.can_move("mystery", "proposed")
    assert all(fu.can_move(s, s) for s in fu.STAGES)


def test_allowed_stages_offer_exactly_the_legal_moves_in_board_order():
    assert fu.allowed_stages("agreed") == ("in_discussion", "agreed", "in_progress", "done", "on_hold", "dropped")
    assert fu.allowed_stages("identified") == fu.STAGES
    assert fu.allowed_stages("on_hold") == fu.STAGES
    assert fu.STAGES == tuple(theme.STAGE_COLORS)  # the board and the palette agree on the order


def test_a_refused_transition_writes_nothing(seeded_db):
    fu.update_follow_up(seeded_db, 3, 1, {"stage": "done"}, "kim", now=NOW)
    with pytest.raises(fu.TransitionError) as refused:
        fu.update_follow_up(seeded_db, 3, 2, {"stage": "proposed", "owner": "lee"}, "lee", now=NOW)
    assert "완료" in refused.value.message("ko") and "제안" in refused.value.message("ko")
    assert "Done" in refused.value.message("en")
    row = _row(seeded_db, 3)
    assert (row["stage"], row["owner"], row["version"]) == ("done", None, 2)
    assert len(_events(seeded_db, 3)) == 2  # created + the stage change to done


# -- saving and history -----------------------------------------------------------------------------

def test_a_save_records_one_history_row_per_changed_field(seeded_db):
    result = fu.update_follow_up(seeded_db, 1, 1, {"stage": "proposed", "owner": "김담당",
                                                   "due_date": "2024-09-30", "next_action": "캘거리시 회신을 받아 참석자 확정"},
                                 "kim", now=NOW)
    assert result.version == 2
    assert set(result.changed) == {"stage", "owner", "due_date"}  # next_action was already that
    events = _events(seeded_db, 1)
    changes = events[events["field"] != "created"].set_index("field")
    assert set(changes.index) == {"stage", "owner", "due_date"}
    assert changes.at["stage", "old_value"] == "identified" and changes.at["stage", "new_value"] == "proposed"
    assert pd.isna(changes.at["owner", "old_value"]) and changes.at["owner", "new_value"] == "김담당"
    assert changes.at["due_date", "new_value"] == "2024-09-30"
    assert set(changes["by_user"]) == {"kim"}
    assert set(pd.to_datetime(changes["occurred_at"])) == {pd.Timestamp(NOW)}
    row = _row(seeded_db, 1)
    assert row["version"] == 2 and row["updated_by"] == "kim" and row["edited_by_hand"] is True
    assert row["updated_at"] == NOW and row["due_date"] == dt.date(2024, 9, 30)


def test_a_save_that_changes_nothing_writes_nothing(seeded_db):
    result = fu.update_follow_up(seeded_db, 2, 1, {"owner": "  ", "next_action": "기관별 참석 회신 취합"}, "kim")
    assert result.changed == {} and result.version == 1
    assert len(_events(seeded_db, 2)) == 1
    assert _row(seeded_db, 2)["edited_by_hand"] is False


def test_blank_text_is_stored_as_missing_and_bad_values_are_refused(seeded_db):
    fu.update_follow_up(seeded_db, 5, 1, {"owner": "박팀장"}, "kim", now=NOW)
    fu.update_follow_up(seeded_db, 5, 2, {"owner": "   "}, "kim", now=NOW)
    assert _row(seeded_db, 5)["owner"] is None
    with pytest.raises(fu.InvalidValue) as blank:
        fu.update_follow_up(seeded_db, 5, 3, {"action": " "}, "kim")
    assert "비울 수 없습니다" in blank.value.message("ko")
    with pytest.raises(fu.InvalidValue) as bad:
        fu.update_follow_up(seeded_db, 5, 3, {"priority": "urgent"}, "kim")
    assert "urgent" in bad.value.message("en") and "Priority" in bad.value.message("en")
    with pytest.raises(fu.InvalidValue):
        fu.update_follow_up(seeded_db, 5, 3, {"due_date": "next week"}, "kim")
    with pytest.raises(ValueError, match="editable"):
        fu.update_follow_up(seeded_db, 5, 3, {"version": 9}, "kim")
    assert _row(seeded_db, 5)["version"] == 3


def test_a_save_needs_a_user_and_an_existing_follow_up(seeded_db):
    with pytest.raises(ValueError, match="user"):
        fu.update_follow_up(seeded_db, 1, 1, {"owner": "x"}, "")
    with pytest.raises(fu.FollowUpGone):
        fu.update_follow_up(seeded_db, 9999, 1, {"owner": "x"}, "kim")


# -- no lost updates ----------------------------------------------------------------------------------

def test_the_second_of_two_editors_is_refused_with_the_current_values(seeded_db):
    # Both open follow-up 4 at version 1.
    seen_by_kim = fu.current_values(seeded_db, 4)
    seen_by_lee = fu.current_values(seeded_db, 4)
    assert seen_by_kim["version"] == seen_by_lee["version"] == 1
    fu.update_follow_up(seeded_db, 4, seen_by_kim["version"], {"owner": "김담당", "stage": "proposed"}, "kim", now=NOW)
    with pytest.raises(fu.ConflictError) as refused:
        fu.update_follow_up(seeded_db, 4, seen_by_lee["version"], {"owner": "이주무관"}, "lee", now=NOW)
    conflict = refused.value
    assert conflict.current["owner"] == "김담당" and conflict.current["stage"] == "proposed"
    assert conflict.current["version"] == 2 and conflict.current["updated_by"] == "kim"
    assert conflict.attempted == {"owner": "이주무관"}
    assert "kim" in conflict.message("ko") and "버전 2" in conflict.message("ko")
    assert "kim" in conflict.message("en") and "version 1" in conflict.message("en")
    table = fu.conflict_table(conflict, "ko")
    owner = table[table["항목"] == "담당자"].iloc[0]
    assert owner["현재 저장된 값"] == "김담당" and owner["입력하신 값"] == "이주무관"
    assert table[table["항목"] == "단계"].iloc[0]["현재 저장된 값"] == "제안"
    escaped = fu.conflict_table(conflict, "ko", markdown=True)
    assert escaped[escaped["항목"] == "조치 내용"].iloc[0]["현재 저장된 값"] == fu.md_escape(conflict.current["action"])
    # Nothing of lee's was written: kim's values stand and the history has only kim's changes.
    assert _row(seeded_db, 4)["owner"] == "김담당"
    events = _events(seeded_db, 4)
    assert "lee" not in set(events["by_user"])
    # lee can save once starting from the current version.
    fu.update_follow_up(seeded_db, 4, conflict.current["version"], {"owner": "이주무관"}, "lee", now=NOW)
    assert _row(seeded_db, 4)["owner"] == "이주무관"


def test_concurrent_editors_exactly_one_wins(seeded_db):
    editors = [f"editor{i}" for i in range(6)]
    start = threading.Barrier(len(editors))
    outcomes: dict[str, object] = {}

    def edit(user: str) -> None:
        version = fu.current_values(seeded_db, 6)["version"]  # everyone read version 1
        start.wait()
        try:
            outcomes[user] = fu.update_follow_up(seeded_db, 6, version, {"owner": user}, user)
        except fu.ConflictError as conflict:
            outcomes[user] = conflict

    threads = [threading.Thread(target=edit, args=(user,)) for user in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    winners = [u for u, o in outcomes.items() if isinstance(o, fu.SaveResult)]
    losers = [o for o in outcomes.values() if isinstance(o, fu.ConflictError)]
    assert len(outcomes) == len(editors)
    assert len(winners) == 1 and len(losers) == len(editors) - 1
    row = _row(seeded_db, 6)
    assert row["owner"] == winners[0] and row["version"] == 2
    assert all(conflict.current["owner"] == winners[0] for conflict in losers)
    changes = _events(seeded_db, 6)
    assert list(changes[changes["field"] == "owner"]["by_user"]) == winners


def test_the_update_itself_checks_the_version(seeded_db):
    """The guard is the UPDATE ... WHERE version = $expected_version, not only the read before it."""
    with seeded_db.transaction() as tx:
        first = tx.run("follow_ups/update", {
            "follow_up_id": 7, "expected_version": 1, "action": "a", "stage": "proposed", "owner": None,
            "due_date": None, "next_action": None, "priority": "normal", "changed_at": NOW, "user": "kim"})
        second = tx.run("follow_ups/update", {
            "follow_up_id": 7, "expected_version": 1, "action": "b", "stage": "proposed", "owner": None,
            "due_date": None, "next_action": None, "priority": "normal", "changed_at": NOW, "user": "lee"})
    assert list(first["version"]) == [2]
    assert second.empty
    assert _row(seeded_db, 7)["action"] == "a"


def test_table_saves_keep_the_rows_nobody_else_touched(seeded_db):
    frame = fu.with_cues(_listed(seeded_db), TODAY, 30)
    base = fu.table_frame(frame, "ko", 30)
    edited = base.copy()
    edited.at[8, "owner"] = "박팀장"
    edited.at[9, "stage"] = "proposed"
    edited.at[9, "due_date"] = dt.date(2024, 8, 20)
    changes = fu.table_changes(base, edited)
    assert changes == {8: {"owner": "박팀장"}, 9: {"stage": "proposed", "due_date": dt.date(2024, 8, 20)}}
    assert len(fu.table_frame(frame, "ko", 30, limit=5)) == 5
    fu.update_follow_up(seeded_db, 9, 1, {"priority": "high"}, "someone_else", now=NOW)  # meanwhile
    outcome = fu.save_table_changes(seeded_db, base, changes, "kim", now=NOW)
    assert outcome.saved == [8]
    assert [c.follow_up_id for c in outcome.conflicts] == [9]
    assert _row(seeded_db, 8)["owner"] == "박팀장"
    assert _row(seeded_db, 9)["stage"] == "identified" and _row(seeded_db, 9)["priority"] == "high"


def test_a_table_save_refuses_an_illegal_move_and_keeps_the_rest(seeded_db):
    fu.update_follow_up(seeded_db, 13, 1, {"stage": "done"}, "kim", now=NOW)
    base = fu.table_frame(fu.with_cues(_listed(seeded_db), TODAY, 30), "en", 30)
    edited = base.copy()
    edited.at[13, "stage"] = "identified"  # done -> identified skips back four stages
    edited.at[14, "owner"] = "Kim"
    outcome = fu.save_table_changes(seeded_db, base, fu.table_changes(base, edited), "kim", now=NOW)
    assert outcome.saved == [14] and not outcome.conflicts
    [(follow_up_id, error)] = outcome.refused
    assert follow_up_id == 13 and isinstance(error, fu.TransitionError)
    assert _row(seeded_db, 13)["stage"] == "done"


def test_table_changes_ignore_cosmetic_differences():
    base = pd.DataFrame({"action": ["a"], "stage": ["identified"], "owner": [""], "due_date": [None],
                         "next_action": ["n"], "priority": ["normal"], "version": [1]},
                        index=pd.Index([1], name="follow_up_id"))
    same = base.copy()
    same.at[1, "owner"] = None
    same.at[1, "next_action"] = " n "
    assert fu.table_changes(base, same) == {}
    later = base.copy()
    later.at[1, "due_date"] = pd.Timestamp("2024-09-01")
    assert fu.table_changes(base, later) == {1: {"due_date": dt.date(2024, 9, 1)}}


# -- adding by hand -----------------------------------------------------------------------------------

def test_adding_from_a_meeting_brings_its_trip_and_institution(seeded_db):
    meeting = seeded_db.query("follow_ups/meeting_options")
    calgary = meeting[meeting["title"] == "캘거리 부시장 면담"].iloc[0]
    new_id = fu.add_follow_up(seeded_db, action="  부시장 방한 일정 협의 ", user="kim",
                              meeting_id=int(calgary["meeting_id"]), owner="김담당",
                              due_date=dt.date(2024, 9, 1), priority="high", now=NOW)
    row = _row(seeded_db, new_id)
    assert row["action"] == "부시장 방한 일정 협의"
    assert row["trip_id"] == int(calgary["trip_id"]) and row["institution_id"] == int(calgary["institution_id"])
    assert row["entered_by"] == "kim" and row["document_id"] is None and row["edited_by_hand"] is True
    assert (row["stage"], row["priority"], row["version"]) == ("identified", "high", 1)
    events = _events(seeded_db, new_id)
    assert list(events["field"]) == ["created"] and list(events["by_user"]) == ["kim"]
    assert list(events["new_value"]) == ["identified"]
    listed = _listed(seeded_db, Filters(countries=("CA",)))
    assert new_id in set(listed["follow_up_id"])
    orphans = seeded_db.query("integrity/orphans")
    assert orphans.empty, orphans


def test_the_add_form_choices_read_well(seeded_db):
    trips = fu.trip_choices(seeded_db.query("follow_ups/trip_options"), "ko")
    assert any(name.startswith("미국·캐나다 공무국외출장 (2024. 6.") for name in trips.values())
    meetings = seeded_db.query("follow_ups/meeting_options")
    trip_id = int(meetings["trip_id"].iloc[0])
    of_trip = fu.meeting_choices(meetings, trip_id, "en")
    assert set(of_trip) == set(meetings.loc[meetings["trip_id"] == trip_id, "meeting_id"])
    assert len(fu.meeting_choices(meetings, None, "en")) == len(meetings)
    institutions = fu.institution_choices(seeded_db.query("follow_ups/institution_options"), "en")
    assert "City of Calgary (Calgary)" in institutions.values()


def test_adding_needs_an_action_and_a_link(seeded_db):
    with pytest.raises(fu.InvalidValue) as no_action:
        fu.add_follow_up(seeded_db, action=" ", user="kim", trip_id=1)
    assert no_action.value.message("en") == "Enter the action."
    with pytest.raises(fu.InvalidValue) as no_link:
        fu.add_follow_up(seeded_db, action="x", user="kim")
    assert "하나 이상" in no_link.value.message("ko")
    meetings = seeded_db.query("follow_ups/meeting_options")
    other_trip = meetings[meetings["trip_id"] != meetings["trip_id"].iloc[0]].iloc[0]
    with pytest.raises(fu.InvalidValue, match="mismatch"):
        fu.add_follow_up(seeded_db, action="x", user="kim", trip_id=int(meetings["trip_id"].iloc[0]),
                         meeting_id=int(other_trip["meeting_id"]))
    assert int(seeded_db.query("follow_ups/total").iat[0, 0]) == 18


def test_a_follow_up_with_only_an_institution_shows_until_trips_are_filtered(seeded_db):
    institutions = seeded_db.query("follow_ups/institution_options")
    seattle = institutions[institutions["city_en"] == "Seattle"].iloc[0]
    new_id = fu.add_follow_up(seeded_db, action="연례 교류 행사 초청", user="kim",
                              institution_ids=[int(seattle["institution_id"])])
    assert new_id in set(_listed(seeded_db)["follow_up_id"])
    assert new_id in set(_listed(seeded_db, Filters(countries=("US",)))["follow_up_id"])
    assert new_id not in set(_listed(seeded_db, Filters(countries=("CA",)))["follow_up_id"])
    assert new_id not in set(_listed(seeded_db, Filters(date_from=dt.date(2024, 1, 1)))["follow_up_id"])


# -- staleness -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("due, expected", [
    (TODAY - dt.timedelta(days=1), ("overdue",)),
    (TODAY, ("due_soon",)),
    (TODAY + dt.timedelta(days=7), ("due_soon",)),
    (TODAY + dt.timedelta(days=8), ()),
    (None, ()),
])
def test_due_date_cues(due, expected):
    assert fu.cues_for("agreed", due, "call them", NOW, TODAY, 30) == expected


def test_no_next_action_cue():
    assert fu.cues_for("proposed", None, None, NOW, TODAY, 30) == ("no_next_action",)
    assert fu.cues_for("proposed", None, "   ", NOW, TODAY, 30) == ("no_next_action",)
    assert fu.cues_for("proposed", None, "send the draft", NOW, TODAY, 30) == ()


def test_no_update_for_n_days_cue_uses_the_configured_threshold():
    thirty_days_ago = NOW - dt.timedelta(days=30)
    assert fu.cues_for("proposed", None, "x", thirty_days_ago, TODAY, 30) == ("stale",)
    assert fu.cues_for("proposed", None, "x", thirty_days_ago + dt.timedelta(days=1), TODAY, 30) == ()
    assert fu.cues_for("proposed", None, "x", NOW - dt.timedelta(days=10), TODAY, 7) == ("stale",)
    assert fu.cues_for("proposed", None, "x", pd.Timestamp(NOW - dt.timedelta(days=10)), TODAY, 14) == ()


def test_closed_follow_ups_get_no_cues_and_paused_ones_only_staleness():
    long_ago = NOW - dt.timedelta(days=400)
    overdue = TODAY - dt.timedelta(days=3)
    assert fu.cues_for("done", overdue, None, long_ago, TODAY, 30) == ()
    assert fu.cues_for("dropped", overdue, None, long_ago, TODAY, 30) == ()
    assert fu.cues_for("on_hold", overdue, None, long_ago, TODAY, 30) == ("stale",)
    assert fu.cues_for("in_progress", overdue, None, long_ago, TODAY, 30) == ("overdue", "no_next_action", "stale")


def test_the_column_wise_cues_follow_the_same_rules():
    """with_cues (column-wise, for 40,000 rows) agrees with cues_for (one follow-up) everywhere."""
    cases = []
    for stage in fu.STAGES:
        for due in (None, TODAY - dt.timedelta(days=1), TODAY, TODAY + dt.timedelta(days=7),
                    TODAY + dt.timedelta(days=8)):
            for next_action in (None, " ", "call"):
                for idle in (0, 29, 30, 400):
                    cases.append({"follow_up_id": len(cases) + 1, "stage": stage, "priority": "normal",
                                  "due_date": pd.Timestamp(due) if due else pd.NaT, "next_action": next_action,
                                  "updated_at": pd.Timestamp(NOW - dt.timedelta(days=idle))})
    frame = fu.with_cues(pd.DataFrame(cases), TODAY, 30)
    for row in frame.to_dict("records"):
        expected = fu.cues_for(row["stage"], row["due_date"], row["next_action"], row["updated_at"], TODAY, 30)
        assert row["cues"] == expected, row
        assert all(row[cue] == (cue in expected) for cue in fu.CUES)
    assert fu.with_cues(pd.DataFrame(cases).iloc[0:0], TODAY, 30).empty


def test_cues_on_the_seed_after_edits(seeded_db):
    fu.update_follow_up(seeded_db, 10, 1, {"due_date": TODAY - dt.timedelta(days=2)}, "kim",
                        now=NOW - dt.timedelta(days=40))
    fu.update_follow_up(seeded_db, 11, 1, {"due_date": TODAY + dt.timedelta(days=3), "next_action": ""}, "kim", now=NOW)
    fu.update_follow_up(seeded_db, 12, 1, {"stage": "done", "due_date": TODAY - dt.timedelta(days=9)}, "kim", now=NOW)
    frame = fu.with_cues(_listed(seeded_db), TODAY, 30)
    cues = dict(zip(frame["follow_up_id"], frame["cues"]))
    assert cues[10] == ("overdue", "stale")
    assert cues[11] == ("due_soon", "no_next_action")
    assert cues[12] == ()
    assert list(frame["follow_up_id"][:2]) == [10, 11]  # most urgent first
    assert frame["follow_up_id"].iloc[-1] == 12           # closed last
    metrics = {m.key: m.value for m in fu.summary_metrics(frame, "ko", 30)}
    assert metrics == {"total": 18, "open": 17, "overdue": 1, "due_soon": 1, "no_next_action": 1, "stale": 1}
    assert list(fu.filter_by_cues(frame, ["overdue", "due_soon"])["follow_up_id"]) == [10, 11]
    assert len(fu.filter_by_cues(frame, [])) == 18
    labels = [m.label for m in fu.summary_metrics(frame, "en", 14)]
    assert "No update for 14+ days" in labels


def test_the_staleness_threshold_is_a_shared_setting(seeded_db):
    assert fu.stale_days_setting(seeded_db.query("settings/get", {"key": fu.STALE_DAYS_SETTING})) == 30
    assert fu.save_stale_days(seeded_db, 14, "kim") == 14
    assert fu.stale_days_setting(seeded_db.query("settings/get", {"key": fu.STALE_DAYS_SETTING})) == 14
    assert fu.save_stale_days(seeded_db, 5000, "kim") == 365
    assert fu.parse_stale_days("x") == 30 and fu.parse_stale_days(0) == 1 and fu.parse_stale_days(None) == 30


# -- builders -------------------------------------------------------------------------------------------

def test_the_board_has_a_column_per_stage_with_cards(seeded_db):
    fu.update_follow_up(seeded_db, 2, 1, {"stage": "agreed", "owner": "김담당", "due_date": "2024-08-05"}, "kim", now=NOW)
    fu.update_follow_up(seeded_db, 3, 1, {"stage": "on_hold"}, "kim", now=NOW)
    frame = fu.with_cues(_listed(seeded_db), TODAY, 30)
    columns = fu.board(frame, "ko")
    assert [c.stage for c in columns] == list(fu.STAGES)
    assert [c.label for c in columns][:3] == ["발굴", "제안", "협의"]
    assert {c.stage: c.count for c in columns if c.count} == {"identified": 16, "agreed": 1, "on_hold": 1}
    assert all(c.color == theme.STAGE_COLORS[c.stage] for c in columns)
    card = columns[fu.STAGES.index("agreed")].cards[0]
    assert card.follow_up_id == 2 and card.owner == "김담당" and card.has_owner
    assert card.due == "2024. 8. 5." and card.cues == ("due_soon",)
    assert card.institution == "시애틀경제개발공사 외 6곳" and card.city == "시애틀"
    assert card.values["version"] == 2 and card.values["stage"] == "agreed"
    english = fu.board(frame, "en")[fu.STAGES.index("agreed")].cards[0]
    assert english.institution.endswith("+6 more") and english.due == "Aug 5, 2024"
    plain = columns[0].cards[0]
    assert plain.owner == "담당자 미정" and plain.due == "기한 없음" and not plain.has_owner
    limited = fu.board(frame, "ko", limit=5)[0]
    assert len(limited.cards) == 5 and limited.hidden == 11 and limited.count == 16


def test_the_board_css_uses_the_palette_only():
    css = fu.board_css()
    for stage, color in theme.STAGE_COLORS.items():
        assert f".st-key-fu_col_{stage}" in css and color in css
    assert css.startswith("<style>") and "<script" not in css


def test_history_lines_read_like_sentences(seeded_db):
    later = dt.datetime.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=5)  # after the seed's event
    fu.update_follow_up(seeded_db, 1, 1, {"stage": "proposed", "owner": "김담당", "due_date": "2024-09-30"},
                        "kim", now=later)
    lines = fu.history_lines(seeded_db.query("follow_ups/history", Filters().params()), "ko")[1]
    texts = [line.text for line in lines]
    assert "단계: 발굴 → 제안" in texts
    assert "담당자: (없음) → 김담당" in texts
    assert "기한: (없음) → 2024. 9. 30." in texts
    assert texts[-1] == "등록 — 발굴"
    assert lines[0].user == "kim"
    assert lines[0].when == f"{later.year}. {later.month}. {later.day}. {later:%H:%M}"
    one = seeded_db.query("follow_ups/events_of", {"follow_up_id": 1})
    english = [line.text for line in fu.history_lines(one, "en")[1]]
    assert "Stage: Identified → Proposed" in english and "Owner: (none) → 김담당" in english


def test_the_funnel_counts_every_stage_a_follow_up_reached(seeded_db):
    fu.update_follow_up(seeded_db, 1, 1, {"stage": "agreed"}, "kim", now=NOW)
    fu.update_follow_up(seeded_db, 1, 2, {"stage": "dropped"}, "kim", now=NOW)  # reached agreed, then dropped
    fu.update_follow_up(seeded_db, 2, 1, {"stage": "proposed"}, "kim", now=NOW)
    reach = seeded_db.query("follow_ups/stage_reach", Filters().params())
    counts = fu.stage_reach(reach)
    assert counts == {"identified": 18, "proposed": 2, "in_discussion": 1, "agreed": 1, "in_progress": 0, "done": 0}
    figure = fu.funnel_figure(reach, "ko", "캐나다")
    assert list(figure.data[0].x) == [18, 2, 1, 1, 0, 0]
    assert list(figure.data[0].marker.color) == [theme.STAGE_COLORS[s] for s in fu.PIPELINE]
    assert "캐나다" in figure.layout.title.text


def test_counts_by_institution_and_city(seeded_db):
    fu.update_follow_up(seeded_db, 3, 1, {"stage": "proposed"}, "kim", now=NOW)
    by_city = seeded_db.query("follow_ups/by_city", Filters().params())
    wide = fu.counts_frame(by_city, "city", "ko")
    assert list(wide["name"]) == ["캘거리", "시애틀"]
    assert list(wide["total"]) == [15, 5]
    assert int(wide.loc[wide["name"] == "캘거리", "proposed"].iloc[0]) == 1
    by_institution = seeded_db.query("follow_ups/by_institution", Filters().params())
    institutions = fu.counts_frame(by_institution, "institution", "en")
    assert institutions.iloc[0]["name"] == "City of Calgary" and institutions.iloc[0]["total"] == 7
    canada = fu.counts_frame(seeded_db.query("follow_ups/by_institution", Filters(countries=("CA",)).params()),
                             "institution", "en")
    assert set(canada["name"]) == {"City of Calgary", "BiohubX", "Calgary Economic Development",
                                   "Innovate Calgary", "Platform Calgary"}  # no Seattle institution
    figure = fu.counts_figure(by_institution, "institution", "ko")
    colors = {trace.name: trace.marker.color for trace in figure.data}
    assert colors == {"발굴": theme.STAGE_COLORS["identified"], "제안": theme.STAGE_COLORS["proposed"]}
    assert fu.counts_frame(by_city.iloc[0:0], "city", "ko").empty


def test_export_to_csv_and_xlsx(seeded_db):
    fu.update_follow_up(seeded_db, 1, 1, {"owner": "=HYPERLINK(\"http://x\")", "due_date": "2024-09-30"}, "kim",
                        now=NOW)
    frame = fu.with_cues(_listed(seeded_db), TODAY, 30)
    table = fu.export_frame(frame, "ko", 30)
    assert list(table.columns)[:4] == ["번호", "조치 내용", "단계", "우선순위"]
    assert len(table) == 18
    first = table[table["번호"] == 1].iloc[0]
    assert first["기한"] == "2024-09-30" and first["단계"] == "발굴" and first["우선순위"] == "높음"
    assert first["출처"] == "004_ffbe9128cdf1f7a6.txt 57행"
    csv_bytes = fu.to_csv_bytes(table)
    assert csv_bytes.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 Korean with the BOM
    assert pd.read_csv(io.BytesIO(csv_bytes), encoding="utf-8-sig").shape == table.shape
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(fu.to_xlsx_bytes(table, "후속조치")))
    sheet = book["후속조치"]
    assert [c.value for c in sheet[1]][:3] == ["번호", "조치 내용", "단계"]
    assert sheet.max_row == 19
    owners = [row[4].value for row in sheet.iter_rows(min_row=2)]
    assert "'=HYPERLINK(\"http://x\")" in owners  # never a live formula
    english = fu.export_frame(frame, "en", 30)
    assert "Stage" in english.columns and set(english["Stage"]) == {"Identified"}
    assert fu.export_file_name("csv", TODAY) == "follow-ups-20240801.csv"


def test_user_text_cannot_become_markup():
    text = "[click](javascript:alert(1)) <b>x</b> **bold** # head :red[x]"
    escaped = fu.md_escape(text)
    for mark in ("[", "]", "(", ")", "<", ">", "*", "#", ":"):
        assert f"\\{mark}" in escaped
    assert "\\[click\\]\\(javascript\\:alert\\(1\\)\\)" in escaped
    assert fu.md_escape(None) == "" and fu.md_escape("줄\n바꿈") == "줄 바꿈"


def test_filters_apply_to_the_follow_up_list(seeded_db):
    everything = _listed(seeded_db)
    canada = _listed(seeded_db, Filters(countries=("CA",)))
    rows, _ = seeded_db.rows(
        "select distinct fi.follow_up_id from follow_up_institutions fi "
        "join institutions i on i.institution_id = fi.institution_id "
        "join cities c on c.city_id = i.city_id where c.country_iso2 = 'CA'")
    assert len(everything) == 18
    assert set(canada["follow_up_id"]) == {r[0] for r in rows}
    assert 0 < len(canada) < 18
    organizations = seeded_db.query("filters/organizations")
    seoul = int(organizations.loc[organizations["name_ko"] == "서울특별시", "organization_id"].iloc[0])
    assert _listed(seeded_db, Filters(org_ids=(seoul,))).empty  # the Seoul article promised nothing


def test_every_follow_up_string_the_code_uses_exists():
    used: set[str] = set()
    for path in (ROOT / "pages" / "follow_ups.py", ROOT / "atlas" / "follow_ups.py"):
        used |= set(re.findall(r"""["'](follow_ups\.[a-z_.]+)["']""", path.read_text(encoding="utf-8")))
    used |= {f"follow_ups.view.{v}" for v in ("board", "table", "analysis")}
    used |= {f"follow_ups.cue.{c}" for c in fu.CUES} | {f"follow_ups.field.{f}" for f in fu.EDITABLE_FIELDS}
    used.discard(fu.STALE_DAYS_SETTING)  # a settings key, not a string (it also happens to be one)
    missing = sorted(key for key in used if key not in STRINGS)
    assert not missing, missing
    assert len(used) > 60
    assert set(LABELS["priority"]) == set(fu.PRIORITIES)
