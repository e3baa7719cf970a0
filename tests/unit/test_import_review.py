"""The import page's pure builders: review tables, edits back into the extraction, sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from atlas.importer import prepare
from atlas.importer.errors import ImportRefused
from atlas.importer.review import (TABLES, apply_edits, column_labels, counts, display_flags, document_line, frames,
                                   frames_columns, headline, outcome_message, plain, problems, refusal_message)
from atlas.importer.writer import Outcome
from tests.fixtures_import.keys import seed_organizations


@pytest.fixture(scope="module")
def extraction(request):
    from tests.conftest import SHARED

    path = SHARED / "seeds" / "004_ffbe9128cdf1f7a6.txt"
    if not path.is_file():
        pytest.skip(f"../shared is not beside the project ({SHARED}); a user's fresh clone has none")
    return prepare(path.name, path.read_bytes(), seed_organizations()).extraction


def test_every_table_has_its_columns_and_one_row_per_fact(extraction):
    tables = frames(extraction, "ko")
    assert list(tables) == list(TABLES)
    for name, frame in tables.items():
        assert list(frame.columns) == frames_columns(name)
        assert set(column_labels(name, "en")) == set(frame.columns)
    assert len(tables["itinerary"]) == 19 and len(tables["meetings"]) == 9
    assert len(tables["attendees"]) == sum(len(m.attendees) for m in extraction.meetings)
    assert tables["itinerary"].loc[17, "route"] == "캘거리 → 인천"
    assert tables["itinerary"].loc[17, "end_date"] == dt.date(2024, 7, 1)
    assert tables["meetings"].loc[6, "attendees"] == 23 and tables["meetings"].loc[6, "stated"] == 20
    english = frames(extraction, "en")
    assert english["itinerary"].loc[17, "route"] == "Calgary → Incheon"


def test_headline_counts_and_document_line(extraction):
    assert headline(extraction, "ko") == "미국·캐나다 공무국외출장 · 2024. 6. 24. ~ 7. 1. · 시애틀, 캘거리"
    assert headline(extraction, "en").endswith("Jun 24, 2024 – Jul 1, 2024 · Seattle, Calgary")
    values = {c.key: c.value for c in counts(extraction, "ko")}
    assert values == {"itinerary": 19, "meetings": 9, "institutions": 9, "programs": 12, "follow_ups": 16,
                      "flags": 4}  # the warnings; info flags are not counted
    assert "결과보고서" in document_line(extraction, "ko") and "2024. 7. 31." in document_line(extraction, "ko")


def test_edits_go_back_into_a_copy_of_the_extraction(extraction):
    tables = frames(extraction, "ko")
    tables["meetings"].loc[0, "title"] = "시애틀 경제개발공사 면담"
    tables["meetings"].loc[0, "start"] = dt.time(9, 0)
    tables["itinerary"].loc[3, "kind"] = "free"
    tables["follow_ups"].loc[1, "stage"] = "proposed"
    tables["institutions"].loc[0, "name_en"] = "Greater Seattle Partners"
    tables["trip"].loc[0, "end_date"] = dt.date(2024, 7, 2)
    ksc = next(i for i, p in enumerate(extraction.programs) if p.eligibility == "업력 7년 미만의 스타트업")
    assert tables["programs"].loc[ksc, "eligibility"] == "업력 7년 미만의 스타트업"
    tables["programs"].loc[ksc, "eligibility"] = "업력 7년 미만의 한국 스타트업"
    tables["programs"].loc[ksc, "funding_source"] = "중소벤처기업진흥공단"
    edited = apply_edits(extraction, tables)
    assert (edited.programs[ksc].eligibility, edited.programs[ksc].funding_source) == (
        "업력 7년 미만의 한국 스타트업", "중소벤처기업진흥공단")
    assert edited.meetings[0].title == "시애틀 경제개발공사 면담" and edited.meetings[0].start == "09:00"
    assert edited.itinerary[3].kind == "free"
    assert edited.follow_ups[1].stage == "proposed"
    assert edited.institutions[0].name_en == "Greater Seattle Partners"
    assert edited.trip.end_date == dt.date(2024, 7, 2)
    assert extraction.meetings[0].title == "시애틀경제개발공사 회의", "the original is left alone"
    assert edited.itinerary[17].end_date == dt.date(2024, 7, 1), "unedited rows keep what was read"


def test_unedited_tables_give_back_the_same_facts(extraction):
    edited = apply_edits(extraction, frames(extraction, "ko"))
    assert [(i.date, i.start, i.end, i.kind, i.description) for i in edited.itinerary] == [
        (i.date, i.start, i.end, i.kind, i.description) for i in extraction.itinerary]
    assert [(m.title, m.date, m.start, m.end, m.place, m.kind) for m in edited.meetings] == [
        (m.title, m.date, m.start, m.end, m.place, m.kind) for m in extraction.meetings]


def test_an_edit_that_breaks_the_trip_is_reported(extraction):
    tables = frames(extraction, "ko")
    tables["trip"].loc[0, "end_date"] = dt.date(2024, 6, 1)
    assert problems(apply_edits(extraction, tables), "ko") == ["출장 종료일이 시작일보다 앞섭니다."]
    assert problems(extraction, "ko") == []


def test_flags_in_words_and_sentences():
    table = frames.__globals__["pd"].DataFrame([{"severity": "warning", "code": "duration_mismatch",
                                                 "message": "x", "lines": "48"}])
    shown = display_flags(table, "en")
    assert (shown.loc[0, "severity"], shown.loc[0, "code"]) == ("Warning", "Duration mismatch")
    refused = ImportRefused("protected", file_name="locked.hwp")
    assert refusal_message(refused, "ko").startswith("locked.hwp: 가져올 수 없습니다 — 암호가 걸렸거나")
    outcome = Outcome("a.txt", "replaced", document_id=5, replaced_document_id=2,
                      counts={"trips": 1, "meetings": 9}, kept_follow_ups=1)
    assert outcome_message(outcome, "en") == ("a.txt: saved as document 5, a new version of document 2 — trips 1, "
                                              "meetings 9; 1 hand-edited follow-up(s) kept.")
    assert "이미 저장된 문서" in outcome_message(Outcome("a.txt", "unchanged", document_id=5), "ko")


def test_document_text_is_never_markdown():
    assert plain("[click](javascript:alert(1)) **bold** <b>") == (
        "\\[click\\]\\(javascript:alert\\(1\\)\\) \\*\\*bold\\*\\* \\<b\\>")
