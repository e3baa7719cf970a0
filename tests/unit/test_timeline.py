"""The timeline builders (atlas/timeline.py), without Streamlit: time-zone conversion of the
seed trip's legs, day pieces on local and Korea clocks (midnight and the date line), ordering,
partial dates, the trips-over-time and institution figures, follow-up splitting, escaping."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from atlas import theme
from atlas import timeline as tl
from atlas.filters import Filters

UTC = dt.timezone.utc
KST, PACIFIC, MOUNTAIN = "Asia/Seoul", "America/Los_Angeles", "America/Edmonton"
INCHEON, SEATTLE, CALGARY, DAEJEON = 1843564, 5809844, 5913490, 1835235


def utc(*parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)


def itinerary(*rows: dict) -> pd.DataFrame:
    """Itinerary rows shaped like queries/trip/itinerary.sql (only what the builders read)."""
    base = {"item_id": None, "seq": None, "start_date": None, "start_time": None, "end_date": None,
            "end_time": None, "kind": "official", "description": "", "stated_duration_text": None,
            "meeting_id": None, "city_ko": None, "city_en": None, "from_ko": None, "from_en": None,
            "to_ko": None, "to_en": None, "start_tz": KST, "end_tz": KST}
    out = []
    for number, row in enumerate(rows, start=1):
        out.append({**base, "item_id": number, "seq": number, **row})
    return pd.DataFrame(out)


def meetings(*rows: dict) -> pd.DataFrame:
    base = {"meeting_id": None, "seq": None, "title": "", "meeting_date": None, "start_time": None,
            "end_time": None, "kind": "meeting", "timezone": KST, "city_ko": None, "city_en": None,
            "key_points": [], "place": None, "purpose": None, "attendee_count_stated": None}
    return pd.DataFrame([{**base, "meeting_id": 100 + n, "seq": n, **row} for n, row in enumerate(rows, start=1)])


def flight(start_date, start_time, end_date, end_time, start_tz, end_tz, **extra) -> dict:
    return {"kind": "flight", "start_date": start_date, "start_time": start_time, "end_date": end_date,
            "end_time": end_time, "start_tz": start_tz, "end_tz": end_tz, **extra}


LEGS = itinerary(
    flight("2024-06-24", "19:20", "2024-06-24", "14:00", KST, PACIFIC, description="ICN-SEA",
           from_ko="인천", to_ko="시애틀"),
    flight("2024-06-27", "15:36", "2024-06-27", "18:10", PACIFIC, MOUNTAIN, description="SEA-YYC",
           from_ko="시애틀", to_ko="캘거리"),
    flight("2024-06-30", "16:50", "2024-07-01", "19:40", MOUNTAIN, KST, description="YYC-ICN",
           from_ko="캘거리", to_ko="인천"),
)


def by_label(items, text):
    return next(i for i in items if i.label == text)


# -- time zones ---------------------------------------------------------------------------------

def test_the_issue_legs_convert_to_true_instants_and_durations():
    items = tl.build_items(LEGS, None, None, "ko")
    out = by_label(items, "ICN-SEA")
    assert (out.start, out.end) == (utc(2024, 6, 24, 10, 20), utc(2024, 6, 24, 21, 0))
    assert out.end - out.start == dt.timedelta(hours=10, minutes=40)
    hop = by_label(items, "SEA-YYC")
    assert (hop.start, hop.end) == (utc(2024, 6, 27, 22, 36), utc(2024, 6, 28, 0, 10))
    assert hop.end - hop.start == dt.timedelta(hours=1, minutes=34)
    home = by_label(items, "YYC-ICN")
    assert (home.start, home.end) == (utc(2024, 6, 30, 22, 50), utc(2024, 7, 1, 10, 40))
    # 11 h 50 min, although the report states 11h (the seed flags that duration_mismatch)
    assert home.end - home.start == dt.timedelta(hours=11, minutes=50)


def test_times_are_shown_on_their_own_clocks():
    items = tl.build_items(LEGS, None, None, "ko")
    assert tl.when_text(by_label(items, "ICN-SEA"), "local", "ko") == "19:20 KST → 14:00 PDT"
    assert tl.when_text(by_label(items, "YYC-ICN"), "local", "ko") == "16:50 MDT → 7. 1. 19:40 KST"
    assert tl.when_text(by_label(items, "ICN-SEA"), "korea", "ko") == "19:20 → 6. 25. 06:00"
    assert tl.when_text(by_label(items, "SEA-YYC"), "korea", "en") == "07:36 → 09:10"
    assert tl.clock_text(utc(2024, 6, 24, 21, 0), PACIFIC, "en") == "Jun 24 14:00 PDT"
    assert tl.zone_abbr(MOUNTAIN, dt.date(2024, 1, 15)) == "MST"  # winter: standard time


def test_local_clock_splits_a_flight_at_the_departure_midnight_and_shows_the_date_line():
    pieces = tl.day_pieces(tl.build_items(LEGS, None, None, "ko"), "local")
    out = [(p.day, p.tz, p.start_hour, p.end_hour, p.continues_before, p.continues_after)
           for p in pieces if p.item.label == "ICN-SEA"]
    # 19:20–24:00 on Korea's 24 June, then 08:00–14:00 on Seattle's 24 June: the same date twice
    assert out == [(dt.date(2024, 6, 24), KST, pytest.approx(19 + 20 / 60), 24.0, False, True),
                   (dt.date(2024, 6, 24), PACIFIC, 8.0, 14.0, True, False)]
    home = [(p.day, p.tz, p.start_hour, p.end_hour) for p in pieces if p.item.label == "YYC-ICN"]
    assert home == [(dt.date(2024, 6, 30), MOUNTAIN, pytest.approx(16 + 50 / 60), 24.0),
                    (dt.date(2024, 7, 1), KST, 15.0, pytest.approx(19 + 40 / 60))]
    # drawn lengths add up to the true flight time, nothing counted twice
    for label, hours in (("ICN-SEA", 10 + 40 / 60), ("YYC-ICN", 11 + 50 / 60), ("SEA-YYC", 1 + 34 / 60)):
        drawn = sum(p.end_hour - p.start_hour for p in pieces if p.item.label == label)
        assert drawn == pytest.approx(hours)
    # a short hop that lands before midnight stays on the departure clock
    hop = [(p.tz, p.start_hour, p.end_hour) for p in pieces if p.item.label == "SEA-YYC"]
    assert hop == [(PACIFIC, pytest.approx(15.6), pytest.approx(17 + 10 / 60))]


def test_korea_clock_splits_at_korean_midnights():
    pieces = tl.day_pieces(tl.build_items(LEGS, None, None, "ko"), "korea")
    out = [(p.day, p.tz, p.start_hour, p.end_hour) for p in pieces if p.item.label == "ICN-SEA"]
    assert out == [(dt.date(2024, 6, 24), KST, pytest.approx(19 + 20 / 60), 24.0),
                   (dt.date(2024, 6, 25), KST, 0.0, 6.0)]
    assert {p.tz for p in pieces} == {KST}


def test_day_rows_follow_the_traveller_and_name_place_and_zone():
    pieces = tl.day_pieces(tl.build_items(LEGS, None, None, "ko"), "local")
    labels = [r.label for r in tl.day_rows(pieces, "ko")]
    assert labels == ["6. 24. (월) · 인천 · KST", "6. 24. (월) · 시애틀 · PDT", "6. 27. (목) · 시애틀 · PDT",
                      "6. 30. (일) · 캘거리 · MDT", "7. 1. (월) · 인천 · KST"]
    english = [r.label for r in tl.day_rows(pieces, "en")]
    assert english[1] == "Mon, Jun 24 · 시애틀 · PDT"  # place names come from the data (Korean here)


# -- ordering and partial knowledge ---------------------------------------------------------------

def test_items_are_ordered_by_instant_across_zones_with_undated_last():
    frame = itinerary(
        {"description": "Seattle 09:00", "start_date": "2024-06-26", "start_time": "09:00", "end_time": "10:00",
         "start_tz": PACIFIC, "end_tz": PACIFIC},
        {"description": "Seoul 10:00 next day", "start_date": "2024-06-27", "start_time": "10:00",
         "end_time": "11:00"},
        {"description": "Seoul 08:00", "start_date": "2024-06-26", "start_time": "08:00", "end_time": "09:00"},
    )
    talks = meetings({"title": "undated talk"}, {"title": "day only", "meeting_date": "2024-06-26"})
    items = tl.build_items(frame, talks, None, "ko")
    # Seoul 08:00 KST (23:00 UTC the day before) < Seoul day-only (from 00:00 KST 26th = 15:00 UTC 25th)?
    # No: the day starts at 15:00 UTC on the 25th, the 08:00 item at 23:00 UTC on the 25th.
    assert [i.label for i in items] == ["day only", "Seoul 08:00", "Seattle 09:00", "Seoul 10:00 next day",
                                        "undated talk"]
    assert items[-1].precision == "undated" and items[-1].start is None


def test_a_date_without_a_time_is_a_whole_day_never_midnight():
    frame = itinerary({"description": "official day", "kind": "official", "start_date": "2024-06-25",
                       "end_date": "2024-06-25", "start_tz": PACIFIC, "end_tz": PACIFIC})
    item = tl.build_items(frame, None, None, "ko")[0]
    assert item.precision == "day"
    local = tl.day_pieces([item], "local")
    assert [(p.day, p.start_hour, p.end_hour) for p in local] == [(dt.date(2024, 6, 25), 0.0, 24.0)]
    # on Korea time the same Seattle day covers 16:00 on the 25th to 16:00 on the 26th
    korea = tl.day_pieces([item], "korea")
    assert [(p.day, p.start_hour, p.end_hour) for p in korea] == [(dt.date(2024, 6, 25), 16.0, 24.0),
                                                                 (dt.date(2024, 6, 26), 0.0, 16.0)]
    assert tl.when_text(item, "local", "ko") == "종일 · 시각 미기재"
    assert tl.when_text(item, "korea", "ko") == "종일 · 시각 미기재 (16:00 → 6. 26. 16:00)"
    figure = tl.trip_day_figure([item], "local", "ko")
    bar = next(trace for trace in figure.data if trace.type == "bar")
    assert list(bar.base) == [0.0] and list(bar.x) == [24.0]
    assert bar.marker.pattern.shape == "/"  # drawn as a hatched day band


def test_a_start_without_an_end_is_a_moment_and_an_undated_item_is_listed_not_placed():
    talks = meetings({"title": "party", "meeting_date": "2020-01-07", "start_time": "17:40",
                      "timezone": PACIFIC, "kind": "event", "city_ko": "라스베이거스"},
                     {"title": "lecture", "kind": "lecture", "city_ko": "팰로앨토", "timezone": PACIFIC})
    items = tl.build_items(None, talks, None, "ko")
    party, lecture = by_label(items, "party"), by_label(items, "lecture")
    assert party.precision == "moment" and party.end is None and party.kind == "event"
    assert tl.when_text(party, "local", "ko") == "17:40 PST 시작 · 끝 시각 미기재"
    pieces = tl.day_pieces(items, "local")
    assert [(p.item.label, p.start_hour, p.end_hour) for p in pieces] == [("party", pytest.approx(17 + 40 / 60),
                                                                          pytest.approx(17 + 40 / 60))]
    figure = tl.trip_day_figure(items, "local", "ko")
    markers = [trace for trace in figure.data if trace.type == "scatter" and trace.marker.symbol == "diamond"]
    assert len(markers) == 1 and list(markers[0].customdata) == [["meeting-101"]]
    undated = tl.undated_table(items, "ko")
    assert undated["일정"].tolist() == ["lecture"] and undated["구분"].tolist() == ["행사"]
    assert lecture.key not in {key for trace in figure.data for key, *_ in (trace.customdata or [])}


def test_an_end_before_its_start_is_kept_as_a_start_only_and_said_so():
    frame = itinerary({"description": "backwards", "start_date": "2024-06-26", "start_time": "11:30",
                       "end_time": "10:55", "end_date": "2024-06-26"})
    item = tl.build_items(frame, None, None, "en")[0]
    assert item.precision == "moment" and item.end_before_start
    assert "end is before start" in tl.when_text(item, "local", "en")


def test_an_unknown_place_falls_back_to_korea_time_and_says_so():
    frame = itinerary({"description": "somewhere", "start_date": "2024-06-26", "start_time": "09:00",
                       "end_time": "10:00", "start_tz": None, "end_tz": None})
    item = tl.build_items(frame, None, None, "en")[0]
    assert item.tz_assumed and item.start_tz == KST
    assert "Korea time assumed" in tl.hover_text(item, "en")


def test_linked_meetings_are_drawn_once_and_flags_sit_beside_their_items():
    frame = itinerary(
        {"description": "meeting row", "kind": "meeting", "start_date": "2024-06-26", "start_time": "09:30",
         "end_time": "10:30", "meeting_id": 101, "start_tz": PACIFIC, "end_tz": PACIFIC},
        {"description": "plain row", "kind": "transfer", "start_date": "2024-06-26", "start_time": "11:00",
         "end_time": "11:30", "start_tz": PACIFIC, "end_tz": PACIFIC},
    )
    talks = meetings({"title": "linked meeting", "meeting_date": "2024-06-26", "start_time": "09:30",
                      "end_time": "10:30", "timezone": PACIFIC, "kind": "courtesy_call"})
    flags = pd.DataFrame([
        {"flag_id": 1, "entity_type": "meeting", "severity": "warning", "code": "x", "message": "on the meeting",
         "line_start": 5, "line_end": 6, "item_id": None, "meeting_id": 101},
        {"flag_id": 2, "entity_type": "itinerary_item", "severity": "info", "code": "y", "message": "on the row",
         "line_start": 3, "line_end": 3, "item_id": 2, "meeting_id": None},
        {"flag_id": 3, "entity_type": "trip", "severity": "info", "code": "z", "message": "on the trip",
         "line_start": 1, "line_end": 1, "item_id": None, "meeting_id": None},
    ])
    items = tl.build_items(frame, talks, flags, "ko")
    assert [i.label for i in items] == ["meeting row", "plain row"]  # the meeting is not drawn twice
    assert [f.message for f in items[0].flags] == ["on the meeting"]
    assert items[0].meeting_kind == "courtesy_call"
    assert [f.message for f in items[1].flags] == ["on the row"]
    table = tl.schedule_table(items, "local", "ko")
    assert table["확인 사항"].tolist() == ["▲ 주의: on the meeting", "▲ 참고: on the row"]
    figure = tl.trip_day_figure(items, "local", "ko")
    marks = next(trace for trace in figure.data if trace.name == "자료 확인 사항")
    assert [k for k, in marks.customdata] == ["item-1", "item-2"]
    assert list(marks.marker.color) == [theme.SEVERITY_COLORS["warning"], theme.SEVERITY_COLORS["info"]]
    listed = tl.flags_table(flags, items, talks, "ko")
    assert listed["대상"].tolist() == ["면담: linked meeting", "출장 전체", "일정 2번: plain row"]


def test_kinds_are_told_apart_by_colour_and_legend():
    frame = itinerary(*[{"description": kind, "kind": kind, "start_date": "2024-06-26", "start_time": f"{9 + n:02d}:00",
                         "end_time": f"{9 + n:02d}:30"} for n, kind in enumerate(tl.KINDS)])
    figure = tl.trip_day_figure(tl.build_items(frame, None, None, "en"), "local", "en")
    bars = {trace.name: trace.marker.color for trace in figure.data if trace.type == "bar"}
    assert set(bars) == {"Flight", "Transfer", "Meeting", "Visit", "Event", "Official", "Free / waiting"}
    assert len(set(bars.values())) == len(bars)
    assert set(bars.values()) <= set(theme.CATEGORICAL) | {theme.MUTED}


# -- the seed trip (data/seed 004) ---------------------------------------------------------------

def _trip_id(database, file_prefix: str) -> int:
    frame = database.sql("select t.trip_id from trips t join documents d on d.document_id = t.document_id "
                         "where d.file_name like ?", [file_prefix + "%"])
    return int(frame.iat[0, 0])


def test_the_seed_trip_day_by_day(seeded_db):
    trip_id = _trip_id(seeded_db, "004_")
    params = {"trip_id": trip_id}
    items = tl.build_items(seeded_db.query("trip/itinerary", params), seeded_db.query("trip/meetings", params),
                           seeded_db.query("trip/flags", params), "ko")
    assert len(items) == 19  # 19 itinerary rows; the 9 meetings hang on their rows
    assert sum(1 for i in items if i.meeting_id is not None) == 9
    out = next(i for i in items if i.seq == 3)
    assert (out.start, out.end) == (utc(2024, 6, 24, 10, 20), utc(2024, 6, 24, 21, 0))
    assert (out.start_place, out.end_place) == ("인천", "시애틀")
    home = next(i for i in items if i.seq == 18)
    assert home.end - home.start == dt.timedelta(hours=11, minutes=50)
    assert {f.code for f in home.flags} == {"duration_mismatch", "next_day_marker"}
    rows = [r.label for r in tl.day_rows(tl.day_pieces(items, "local"), "ko")]
    assert rows == ["6. 24. (월) · 대전, 인천 · KST", "6. 24. (월) · 시애틀 · PDT", "6. 25. (화) · 시애틀 · PDT",
                    "6. 26. (수) · 시애틀 · PDT", "6. 27. (목) · 시애틀 · PDT", "6. 28. (금) · 캘거리 · MDT",
                    "6. 29. (토) · 캘거리 · MDT", "6. 30. (일) · 캘거리 · MDT", "7. 1. (월) · 인천, 대전 · KST"]
    korea = [r.label for r in tl.day_rows(tl.day_pieces(items, "korea"), "ko")]
    assert all(label.endswith("KST") for label in korea) and korea[0].startswith("6. 24.")
    assert [i.seq for i in items] == list(range(1, 20))  # time order = the report's order here
    assert [i.precision for i in items if i.seq in (4, 16)] == ["day", "day"]


def test_the_seed_news_trip_lists_its_undated_meetings(seeded_db):
    trip_id = _trip_id(seeded_db, "000_")
    params = {"trip_id": trip_id}
    items = tl.build_items(seeded_db.query("trip/itinerary", params), seeded_db.query("trip/meetings", params),
                           seeded_db.query("trip/flags", params), "ko")
    assert sorted(i.precision for i in items) == ["day", "day", "moment", "moment"] + ["undated"] * 6
    assert len(tl.undated_table(items, "ko")) == 6
    assert all(i.flags for i in items if i.precision == "undated")  # date_not_stated beside each


def test_trip_facts_state_the_length_as_written_and_on_the_calendar(seeded_db):
    trip_id = _trip_id(seeded_db, "004_")
    facts = seeded_db.query("trip/facts", {"trip_id": trip_id}).iloc[0].to_dict()
    travellers = seeded_db.query("trip/travellers", {"trip_id": trip_id})
    assert tl.nights_days_text(facts, "ko") == "6박 8일 (달력상 7박 8일)"
    assert tl.nights_days_text(facts, "en") == "6 nights, 8 days (calendar: 7 nights, 8 days)"
    pairs = dict(tl.trip_facts(facts, travellers, "ko"))
    assert pairs["기관"] == "대전과학산업진흥원" and pairs["부서"] == "과학협력부"
    assert pairs["출처 문서"] == "004_ffbe9128cdf1f7a6.txt · 7–13행"
    assert pairs["출장자"].startswith("지현정 연구원")


def test_meeting_details(seeded_db):
    trip_id = _trip_id(seeded_db, "004_")
    params = {"trip_id": trip_id}
    talks = seeded_db.query("trip/meetings", params)
    attendees = seeded_db.query("trip/attendees", params)
    agenda = seeded_db.query("trip/agenda", params)
    ced = talks[talks["title"] == "캘거리경제개발공사 회의"].iloc[0].to_dict()
    people = tl.attendees_table(attendees, int(ced["meeting_id"]), "ko")
    assert "외 3명" in people["이름"].tolist()
    assert set(people["구분"]) == {"우리 측", "상대 측", "통역"}
    assert tl.attendee_count_text(attendees, int(ced["meeting_id"]), ced["attendee_count_stated"], "ko") == \
        "명단 합계 23명 · 보고서 표기 20명"
    gsp = talks[talks["title"] == "시애틀경제개발공사 회의"].iloc[0].to_dict()
    assert tl.meeting_when(gsp, "ko") == "2024. 6. 26. 09:30–10:30 PDT · 한국 시각 6. 27. 01:30–02:30"
    topics = tl.agenda_table(agenda, int(gsp["meeting_id"]), "ko")
    assert topics["시각"].tolist()[0] == "09:30–09:35"
    lines = tl.meeting_hover_lines(int(gsp["meeting_id"]), attendees, agenda, talks, "ko")
    assert lines[0] == "참석자: 브라이언 수렛 대표" and lines[1].startswith("안건: 상호 소개")
    assert sum(1 for line in lines if line.startswith("· ")) == 3


# -- trips over the years ---------------------------------------------------------------------------

def test_trips_over_time_groups_by_organization_and_colours_by_region(seeded_db):
    trips = seeded_db.query("timeline/trip_list", {**Filters().params(), **tl.WHOLE_LIST})
    figure = tl.trips_over_time_figure(trips, "ko", "제목")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert len(bars) == 1 and bars[0].name == "북아메리카"  # both seed trips went to North America
    assert set(bars[0].y) == {"대전과학산업진흥원 · 과학협력부", "서울특별시"}
    distep = trips.loc[trips["title"] == "미국·캐나다 공무국외출장"].iloc[0]
    index = [row[0] for row in bars[0].customdata].index(int(distep["trip_id"]))
    assert bars[0].base[index] == "2024-06-24" and bars[0].x[index] == 8 * 86_400_000
    assert "시애틀, 캘거리" in bars[0].hovertext[index] and "면담·방문 9건" in bars[0].hovertext[index]
    assert list(figure.layout.yaxis.categoryarray) == ["대전과학산업진흥원 · 과학협력부", "서울특별시"]
    dots = next(trace for trace in figure.data if trace.type == "scatter")
    planned = [color for color, (trip_id,) in zip(dots.marker.color, dots.customdata)
               if trips.set_index("trip_id").loc[trip_id, "status"] == "planned"]
    assert planned == ["#FFFFFF"]  # the Seoul trip is still planned: a hollow dot


def test_regions_several_continents_and_undated_trips():
    assert tl.trip_region(["NA", "NA"]) == "NA"
    assert tl.trip_region(["EU", "NA"]) == "multi"
    assert tl.trip_region([]) == "unknown"
    trips = pd.DataFrame([
        {"trip_id": 1, "title": "A", "start_date": pd.Timestamp("2023-03-01"), "end_date": pd.Timestamp("2023-03-05"),
         "status": "completed", "organization_ko": "갑", "organization_en": "A", "department_ko": None,
         "department_en": None, "cities_ko": ["파리", "뉴욕"], "cities_en": ["Paris", "New York"],
         "continents": ["EU", "NA"], "meetings": 2},
        {"trip_id": 2, "title": "B", "start_date": pd.NaT, "end_date": pd.NaT, "status": "planned",
         "organization_ko": "갑", "organization_en": "A", "department_ko": None, "department_en": None,
         "cities_ko": [], "cities_en": [], "continents": [], "meetings": 0},
    ])
    dated, undated = tl.dated_trips(trips)
    assert dated["trip_id"].tolist() == [1] and undated["trip_id"].tolist() == [2]
    figure = tl.trips_over_time_figure(trips, "en")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert [b.name for b in bars] == ["Several continents"]
    assert bars[0].marker.color == tl.region_colors(["multi"])["multi"]
    assert tl.trip_summary(trips.iloc[1].to_dict(), "en") == "B · no dates · no cities recorded · 0 meetings"
    assert figure.layout.xaxis.tickformatstops[0].value == "%b %-d"  # one year: months, English style


def test_trip_rows_are_data_not_markup():
    trips = pd.DataFrame([{"trip_id": 1, "title": "<i>A</i>", "start_date": pd.Timestamp("2023-03-01"),
                           "end_date": pd.Timestamp("2023-03-05"), "status": "completed",
                           "organization_ko": "<b>R&D</b>", "organization_en": "x", "department_ko": None,
                           "department_en": None, "cities_ko": [], "cities_en": [], "continents": [], "meetings": 0}])
    figure = tl.trips_over_time_figure(trips, "ko")
    assert list(figure.layout.yaxis.categoryarray) == ["&lt;b&gt;R&amp;D&lt;/b&gt;"]
    assert all(list(trace.y) == ["&lt;b&gt;R&amp;D&lt;/b&gt;"] for trace in figure.data)
    dots = next(trace for trace in figure.data if trace.type == "scatter")
    assert list(dots.text) == ["&lt;i&gt;A&lt;/i&gt;"]


def test_selected_keys_reads_plotly_selection_points():
    points = [{"customdata": [7]}, {"customdata": [7]}, {"customdata": ["item-3"]}, {"x": 1}, {"customdata": 9}]
    assert tl.selected_keys(points) == [7, "item-3", 9]
    assert tl.selected_keys(None) == []


# -- trips over the years at scale: counted per month above the bound, a paged list ---------------

def monthly_frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows shaped like queries/timeline/trips_by_month.sql:
    (organization_id, org name, department_id or None, dept name or None, month or None, trips)."""
    out = []
    for org, org_name, dept, dept_name, month, trips in rows:
        out.append({"organization_id": org, "organization_ko": org_name, "organization_en": f"Org {org}",
                    "department_id": dept, "department_ko": dept_name,
                    "department_en": f"Dept {dept}" if dept is not None else None,
                    "month": pd.Timestamp(month) if month else pd.NaT, "trips": trips,
                    "planned": 1 if trips > 3 else 0, "meetings": trips * 7})
    return pd.DataFrame(out)


def many_groups(groups: int, months: int = 3) -> pd.DataFrame:
    """`groups` organization·department rows (5 departments per organization), 2 trips a month each."""
    rows = []
    for g in range(groups):
        org = g // 5 + 1
        for m in range(months):
            rows.append((org, f"기관{org:02d}", g + 1, f"부서{g + 1:02d}", f"2024-{m + 1:02d}-01", 2))
    return monthly_frame(rows)


def test_trip_counts_and_the_bound():
    frame = monthly_frame([(1, "갑", 1, "가부", "2024-06-01", 250), (1, "갑", None, None, "2024-07-01", 150),
                           (2, "을", None, None, None, 7)])
    counts = tl.trip_counts(frame)
    assert (counts.total, counts.dated, counts.undated) == (407, 400, 7)
    assert counts.each_trip  # exactly BAR_LIMIT dated trips: still one bar each
    assert tl.BAR_LIMIT == 400
    frame.loc[0, "trips"] = 251
    assert not tl.trip_counts(frame).each_trip
    assert tl.trip_counts(frame.iloc[0:0]) == tl.TripCounts(0, 0)


def test_monthly_view_keeps_departments_up_to_the_row_limit_and_preserves_counts():
    frame = monthly_frame([(1, "갑", 1, "가부", "2024-06-01", 3), (1, "갑", 1, "가부", "2024-07-01", 2),
                           (1, "갑", None, None, "2024-06-01", 4), (2, "을", 5, "나부", "2023-01-01", 1),
                           (2, "을", 5, "나부", None, 9)])
    view = tl.monthly_view(frame, "ko")
    assert not view.by_organization and view.groups == 3
    assert view.rows == ["갑", "갑 · 가부", "을 · 나부"]
    assert int(view.cells["trips"].sum()) == 10  # the undated 9 are not on the chart
    no_department = view.cells[view.cells["row"] == "갑"].iloc[0]
    assert no_department["department_key"] == tl.NO_DEPARTMENT and no_department["month"] == dt.date(2024, 6, 1)
    assert tl.monthly_view(frame, "en").rows == ["Org 1", "Org 1 · Dept 1", "Org 2 · Dept 5"]


def test_monthly_view_groups_by_organization_above_the_row_limit():
    frame = many_groups(tl.ROW_LIMIT + 5)  # 35 department rows in 7 organizations
    view = tl.monthly_view(frame, "ko")
    assert view.by_organization and view.groups == 35
    assert view.rows == [f"기관{o:02d}" for o in range(1, 8)]
    assert int(view.cells["trips"].sum()) == int(frame["trips"].sum())  # nothing lost in grouping
    assert set(view.cells["department_key"]) == {-1}
    first = view.cells[(view.cells["row"] == "기관01") & (view.cells["month"] == dt.date(2024, 1, 1))]
    assert int(first["trips"].iloc[0]) == 10 and int(first["meetings"].iloc[0]) == 70  # five departments × 2
    assert not tl.monthly_view(many_groups(tl.ROW_LIMIT), "ko").by_organization


def test_monthly_figure_draws_a_cell_per_month_with_counts_and_selectable_cells():
    frame = monthly_frame([(1, "갑", 1, "가부", "2024-02-01", 3), (1, "갑", 1, "가부", "2024-12-01", 12),
                           (2, "<b>을</b>", None, None, "2023-05-01", 1)])
    figure = tl.trips_by_month_figure(tl.monthly_view(frame, "ko"), "ko", "월간 <i>제목</i>")
    heat, points = figure.data
    assert heat.type == "heatmap" and points.type == "scatter"
    # one column per month from the first to the last (May 2023 … Dec 2024), empty months blank
    assert len(heat.x) == 20 and heat.x[0] == "2023-05-16" and heat.x[-1] == "2024-12-16"
    z = [[None if pd.isna(v) else int(v) for v in row] for row in heat.z]
    assert sum(v for row in z for v in row if v) == 16  # every dated trip counted once
    assert sum(v is not None for row in z for v in row) == 3
    # names are data: shown as written, never read as markup (on the axis and in the hover)
    assert list(heat.y) == ["&lt;b&gt;을&lt;/b&gt;", "갑 · 가부"]
    assert list(figure.layout.yaxis.categoryarray) == ["&lt;b&gt;을&lt;/b&gt;", "갑 · 가부"]
    assert z[1][heat.x.index("2024-02-15")] == 3  # February 2024 has 29 days: its middle
    assert z[0][0] == 1 and z[1][-1] == 12
    assert all("<b>을</b>" not in h for h in points.hovertext)
    hover = next(h for h in points.hovertext if "2024. 12." in h)
    assert "출장 12건" in hover and "면담·방문 84건" in hover and "예정 1건" in hover
    assert figure.layout.title.text == "월간 &lt;i&gt;제목&lt;/i&gt;"
    assert heat.colorscale[-1][1] == theme.PRIMARY and heat.zmin == 1 and heat.zmax == 12
    assert figure.layout.xaxis.range[0] < "2023-01-01" and figure.layout.xaxis.range[1] > "2024-12-31"
    # the invisible points, one per cell with trips, carry the cell that a click hands back
    assert len(points.x) == 3 and points.marker.opacity == 0 and points.selected.marker.opacity == 1
    december = [list(c) for c in points.customdata].index([1, 1, "2024-12-01", "2025-01-01"])
    assert points.y[december] == "갑 · 가부" and points.x[december] == "2024-12-16"
    cell = tl.chosen_cell([{"customdata": list(points.customdata[december])}])
    assert cell == tl.Cell(1, 1, dt.date(2024, 12, 1), dt.date(2025, 1, 1))
    assert tl.narrowing(cell) == (1, 1, dt.date(2024, 12, 1), dt.date(2025, 1, 1))
    assert tl.narrowing(None) == (None, None, None, None)


def test_monthly_figure_in_english_and_empty():
    frame = monthly_frame([(1, "갑", None, None, "2024-08-01", 2)])
    points = tl.trips_by_month_figure(tl.monthly_view(frame, "en"), "en").data[1]
    assert "Aug 2024" in points.hovertext[0] and "2 trips" in points.hovertext[0]
    assert not tl.trips_by_month_figure(tl.monthly_view(frame.iloc[0:0], "en"), "en").data


def test_monthly_note_says_what_is_shown_and_how_to_see_each_trip():
    frame = many_groups(tl.ROW_LIMIT + 5, months=12)  # 35 rows × 12 months × 2 = 840 trips
    frame = pd.concat([frame, monthly_frame([(1, "기관01", None, None, None, 1234)])], ignore_index=True)
    counts = tl.trip_counts(frame)
    view = tl.monthly_view(frame, "ko")
    note = tl.monthly_note(counts, view, "ko")
    assert "출장 840건을 출발 월별로" in note and "400건 이하" in note
    assert "기관·부서가 35개라 기관별 7개 행" in note and "날짜가 없는 출장 1,234건" in note
    english = tl.monthly_note(counts, tl.monthly_view(frame, "en"), "en")
    assert "The 840 trips" in english and "narrow the filters" in english
    assert "1,234 trips without dates" in english
    small = monthly_frame([(1, "갑", 1, "가부", "2024-01-01", 500)])
    assert "기관별" not in tl.monthly_note(tl.trip_counts(small), tl.monthly_view(small, "ko"), "ko")
    assert "날짜가 없는" not in tl.monthly_note(tl.trip_counts(small), tl.monthly_view(small, "ko"), "ko")


def test_selection_points_from_the_chart_state():
    from streamlit.util import AttributeDictionary  # what st.plotly_chart returns is one

    points = [{"customdata": [1, 2, "2024-01-01", "2024-02-01"]}]
    assert tl.selection_points(AttributeDictionary({"selection": AttributeDictionary({"points": points})})) == points
    assert tl.selection_points({"selection": {"points": points}}) == points
    assert tl.selection_points(None) == [] and tl.selection_points({}) == []


def test_a_chosen_cell_is_checked_against_the_chart():
    frame = many_groups(tl.ROW_LIMIT + 5)
    view = tl.monthly_view(frame, "ko")
    whole = tl.chosen_cell([{"customdata": [2, -1, "2024-02-01", "2024-03-01"]}])
    assert whole == tl.Cell(2, None, dt.date(2024, 2, 1), dt.date(2024, 3, 1))
    text, trips = tl.describe_cell(whole, view, "ko")
    assert trips == 10 and text == "선택한 칸: 기관02 · 2024. 2. — 출장 10건만 보여 줍니다."
    assert tl.describe_cell(tl.Cell(2, None, dt.date(2019, 2, 1), dt.date(2019, 3, 1)), view, "ko") is None
    assert tl.describe_cell(tl.Cell(2, 7, dt.date(2024, 2, 1), dt.date(2024, 3, 1)), view, "ko") is None
    for junk in (None, [], [{"customdata": [1, 2]}], [{"customdata": ["x", 1, "2024-01-01", "2024-02-01"]}],
                 [{"customdata": [1, 1, "2024-02-01", "2024-01-01"]}], [{"x": 3}], ["text"]):
        assert tl.chosen_cell(junk) is None


def test_list_windows():
    assert tl.LIST_PAGE_SIZE == 50
    window = tl.list_window(20_000, 3)
    assert (window.page, window.pages, window.offset, window.first, window.last) == (3, 400, 100, 101, 150)
    assert tl.list_window(20_000, 999).page == 400 and tl.list_window(20_000, 999).last == 20_000
    assert tl.list_window(120, None) == tl.ListWindow(1, 3, 0, 1, 50)
    assert tl.list_window(0, 1) == tl.ListWindow(1, 1, 0, 0, 0)
    assert tl.list_window_text(tl.list_window(20_000, 2), 20_000, "ko") == "전체 20,000건 중 51–100번째 (한 쪽에 50건)"
    assert tl.list_window_text(tl.list_window(20_000, 2), 20_000, "en") == "Trips 51–100 of 20,000 (50 a page)"
    assert tl.list_key({"countries": "CA"}, None) != tl.list_key({}, None)
    assert tl.list_key({}, tl.Cell(1, None, dt.date(2024, 1, 1), dt.date(2024, 2, 1))) != tl.list_key({}, None)
    assert tl.list_key({"countries": "CA"}, None) == tl.list_key({"countries": "CA"}, None)


def test_row_pitch_keeps_many_rows_readable():
    assert tl.row_pitch(2) == 90 and tl.row_pitch(8) == 90
    assert tl.row_pitch(20) == 36 and tl.row_pitch(70) == 36
    assert 36 <= tl.row_pitch(12) < 90


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """100 synthetic trips (atlas.demo), shared by the query tests below."""
    from atlas import db as atlas_db
    from atlas.demo import generate

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    generate(path, scale=0.5)
    database = atlas_db.open_database(path)
    yield database
    database.close()


def _list(database, filters: Filters, narrow=tl.Narrowing(), limit=None, offset=None) -> pd.DataFrame:
    return database.query("timeline/trip_list", {**filters.params(), **narrow._asdict(), "limit": limit,
                                                 "offset": offset})


def test_monthly_counts_and_the_paged_list_agree_with_every_trip(demo_db):
    for filters in (Filters(), Filters(countries=("US",)), Filters(org_ids=(1, 2))):
        every = demo_db.query("timeline/trip_list", {**filters.params(), **tl.WHOLE_LIST})
        monthly = demo_db.query("timeline/trips_by_month", filters.params())
        counts = tl.trip_counts(monthly)
        assert counts.total == len(every) and counts.total > 0
        assert counts.dated == int((every["start_date"].notna() | every["end_date"].notna()).sum())
        assert int(monthly["meetings"].sum()) == int(every["meetings"].sum())
        pages = [_list(demo_db, filters, limit=tl.LIST_PAGE_SIZE, offset=w * tl.LIST_PAGE_SIZE)
                 for w in range(tl.list_window(counts.total, 1).pages)]
        listed = pd.concat(pages, ignore_index=True)
        assert listed["trip_id"].tolist() == every["trip_id"].tolist()  # same trips, same order, none twice
        assert listed["meetings"].tolist() == every["meetings"].tolist()
        assert [list(v) for v in listed["cities_ko"]] == [list(v) for v in every["cities_ko"]]


def test_a_cell_lists_exactly_its_trips(demo_db, monkeypatch):
    filters = Filters()
    monthly = demo_db.query("timeline/trips_by_month", filters.params())
    every = demo_db.query("timeline/trip_list", {**filters.params(), **tl.WHOLE_LIST})
    for row_limit in (1000, 0):  # rows per department, then (the same data) per organization
        monkeypatch.setattr(tl, "ROW_LIMIT", row_limit)
        view = tl.monthly_view(monthly, "ko")
        assert view.by_organization == (row_limit == 0)
        busiest = view.cells.sort_values("trips", ascending=False).iloc[0]
        key = int(busiest["department_key"])
        cell = tl.Cell(int(busiest["organization_id"]), None if key == -1 else key, busiest["month"],
                       tl._month_end(busiest["month"]))
        listed = _list(demo_db, filters, tl.narrowing(cell))
        assert len(listed) == int(busiest["trips"]) == tl.describe_cell(cell, view, "ko")[1]
        start = pd.to_datetime(every["start_date"]).dt.date
        expected = every[(every["organization_id"] == cell.organization_id) & (start >= cell.start) & (start < cell.end)]
        if cell.department_key is not None:
            expected = expected[expected["department_id"].fillna(tl.NO_DEPARTMENT) == cell.department_key]
        assert sorted(listed["trip_id"]) == sorted(expected["trip_id"])



# -- one institution ----------------------------------------------------------------------------------

def test_follow_ups_split_into_open_and_past():
    today = dt.date(2025, 3, 1)
    frame = pd.DataFrame([
        {"follow_up_id": 1, "action": "later", "stage": "proposed", "priority": "normal",
         "due_date": pd.Timestamp("2025-04-01"), "updated_at": pd.Timestamp("2025-01-01")},
        {"follow_up_id": 2, "action": "late", "stage": "in_progress", "priority": "high",
         "due_date": pd.Timestamp("2025-02-01"), "updated_at": pd.Timestamp("2025-01-01")},
        {"follow_up_id": 3, "action": "someday", "stage": "identified", "priority": "low",
         "due_date": pd.NaT, "updated_at": pd.Timestamp("2025-01-01")},
        {"follow_up_id": 4, "action": "finished", "stage": "done", "priority": "normal",
         "due_date": pd.Timestamp("2025-01-15"), "updated_at": pd.Timestamp("2025-01-16")},
        {"follow_up_id": 5, "action": "given up", "stage": "dropped", "priority": "normal",
         "due_date": pd.NaT, "updated_at": pd.Timestamp("2025-02-20")},
    ])
    open_, past = tl.split_follow_ups(frame, today)
    assert open_["action"].tolist() == ["late", "later", "someday"]
    assert past["action"].tolist() == ["given up", "finished"]
    table = tl.follow_up_table(open_, "ko")
    assert table["기한 상태"].tolist() == ["기한 지남", "예정", "기한 없음"]
    assert table["단계"].tolist() == ["이행", "제안", "발굴"]
    assert tl.follow_up_table(past, "en")["Due status"].tolist() == ["Closed", "Closed"]


def test_institution_figure_places_dated_meetings_and_due_dates(seeded_db):
    calgary = int(seeded_db.sql("select institution_id from institutions where name_en = 'City of Calgary'").iat[0, 0])
    talks = seeded_db.query("institution/meetings", {"institution_id": calgary})
    assert len(talks) == 2 and talks["trip_title"].nunique() == 1
    follow_ups = pd.DataFrame([{"follow_up_id": 1, "action": "reply", "stage": "proposed",
                                "due_date": pd.Timestamp("2024-08-01")}])
    figure = tl.institution_figure(talks, follow_ups, dt.date(2024, 7, 15), "ko", "t")
    lanes = list(figure.layout.yaxis.categoryarray)
    assert lanes == ["미국·캐나다 공무국외출장", "후속조치 기한"]
    meeting_marks = next(trace for trace in figure.data if trace.type == "scatter" and trace.y[0] == lanes[0])
    assert sorted(meeting_marks.x) == ["2024-06-28T10:30:00", "2024-06-28T15:40:00"]
    assert figure.layout.shapes[0].x0 == "2024-07-15"  # today
    assert figure.layout.xaxis.tickformatstops[0].value == "%-m. %-d."
    # no due dates: no follow-up lane and no today line
    plain = tl.institution_figure(talks, follow_ups.iloc[0:0], dt.date(2024, 7, 15), "ko")
    assert list(plain.layout.yaxis.categoryarray) == lanes[:1] and not plain.layout.shapes


def test_a_meeting_with_a_date_but_no_time_is_a_day_band_on_the_institution_axis():
    talks = pd.DataFrame([{"meeting_id": 1, "trip_id": 1, "trip_title": "trip", "trip_start": pd.NaT,
                           "trip_end": pd.NaT, "title": "CES", "meeting_date": pd.Timestamp("2020-01-07"),
                           "start_time": None, "end_time": None, "timezone": PACIFIC, "place": None,
                           "city_ko": "라스베이거스", "city_en": "Las Vegas"},
                          {"meeting_id": 2, "trip_id": 1, "trip_title": "trip", "trip_start": pd.NaT,
                           "trip_end": pd.NaT, "title": "undated", "meeting_date": pd.NaT, "start_time": None,
                           "end_time": None, "timezone": PACIFIC, "place": None, "city_ko": None, "city_en": None}])
    figure = tl.institution_figure(talks, None, dt.date(2024, 1, 1), "en")
    band = next(trace for trace in figure.data if trace.type == "bar")
    assert list(band.base) == ["2020-01-07T00:00:00"] and list(band.x) == [86_400_000]
    dots = next(trace for trace in figure.data if trace.type == "scatter")
    assert len(dots.x) == 1  # the undated meeting is not placed
    assert "all day · no time given" in dots.hovertext[0]


def test_programs_table_names_types_and_costs():
    programs = pd.DataFrame([{"name": "북미 진출", "name_en": "North America soft landing", "type": "soft_landing",
                              "cost_amount": 7000, "cost_currency": "USD", "cost_note": None,
                              "duration_text": "3개월", "eligibility": "스타트업"}])
    assert tl.programs_table(programs, "ko").iloc[0].tolist() == [
        "북미 진출 (North America soft landing)", "소프트랜딩", "7,000달러", "3개월", "스타트업"]
    assert tl.programs_table(programs, "en").iloc[0, 0] == "North America soft landing (북미 진출)"


# -- small helpers and safety ---------------------------------------------------------------------------

def test_ids_from_the_url():
    assert tl.parse_id("12") == 12 and tl.parse_id(["7"]) == 7
    for bad in (None, "", "abc", "-3", "0", "1.5", "1;drop", "99999999999"):
        assert tl.parse_id(bad) is None, bad


def test_links_keep_their_parameters():
    assert tl.link_params("./trip?trip=2&countries=CA&lang=en") == {"trip": "2", "countries": "CA", "lang": "en"}


def test_user_text_is_never_markup():
    hostile = "<img src=x onerror=alert(1)> [link](http://example.com) **bold** $x$ :smile:"
    frame = itinerary({"description": hostile, "start_date": "2024-06-26", "start_time": "09:00",
                       "end_time": "10:00"})
    item = tl.build_items(frame, None, None, "ko")[0]
    figure = tl.trip_day_figure([item], "local", "ko", title="<b>scope</b>")
    bar = next(trace for trace in figure.data if trace.type == "bar")
    assert "<img" not in bar.hovertext[0] and "&lt;img" in bar.hovertext[0]
    assert "<img" not in bar.text[0]
    assert figure.layout.title.text == "&lt;b&gt;scope&lt;/b&gt;"
    escaped = tl.md_escape(hostile)
    for raw in ("[link]", "](http", "**bold**", "$x$", ":smile:"):
        assert raw not in escaped
    assert escaped.startswith("\\<img")  # shown as the characters "<img", not a tag
    table = tl.markdown_safe(pd.DataFrame({"a*b": [hostile]}))
    assert list(table.columns) == ["a\\*b"] and table.iat[0, 0] == escaped


def test_every_label_and_string_used_exists_in_both_languages():
    from atlas.i18n import LABELS, STRINGS

    for kind in ("itinerary_kind", "timeline.continent", "attendee_side", "flag_severity",
                 "priority", "timeline.role", "program_type"):
        assert kind in LABELS
    assert set(LABELS["itinerary_kind"]) == set(tl.KINDS)
    assert set(LABELS["timeline.continent"]) == set(tl.CONTINENT_ORDER)
    for key in ("trip.caption_local", "trip.caption_korea", "institution.follow_ups_open"):
        assert STRINGS[key]["ko"] and STRINGS[key]["en"]


def test_missing_entity_pages_have_their_strings():
    """atlas/ui/entity.py builds these keys from the page kind."""
    from atlas.i18n import STRINGS

    for kind in ("trip", "institution"):
        for suffix in ("missing", "unknown", "pick"):
            assert f"{kind}.{suffix}" in STRINGS
    assert "{shown}" in STRINGS["entity.more"]["ko"] and "{total}" in STRINGS["entity.more"]["en"]


def test_a_cell_is_half_open_at_its_end(demo_db):
    """A trip leaving on the first day of the next month belongs to the next cell, not this one."""
    every = demo_db.query("timeline/trip_list", {**Filters().params(), **tl.WHOLE_LIST})
    trip = every[every["start_date"].notna()].iloc[0]
    day = pd.Timestamp(trip["start_date"]).date()
    own = tl.Narrowing(int(trip["organization_id"]), None, day, day + dt.timedelta(days=1))
    assert int(trip["trip_id"]) in _list(demo_db, Filters(), own)["trip_id"].tolist()
    before = tl.Narrowing(int(trip["organization_id"]), None, day - dt.timedelta(days=31), day)
    assert int(trip["trip_id"]) not in _list(demo_db, Filters(), before)["trip_id"].tolist()
    department = trip["department_id"]
    key = tl.NO_DEPARTMENT if pd.isna(department) else int(department)
    other = tl.Narrowing(int(trip["organization_id"]), key + 1000, day, day + dt.timedelta(days=1))
    assert _list(demo_db, Filters(), other).empty


def test_trip_summaries_stay_one_line():
    row = {"title": "가" * 100, "start_date": dt.date(2024, 6, 24), "end_date": dt.date(2024, 7, 1),
           "cities_ko": ["도시이름" + str(i) for i in range(20)], "meetings": 9}
    title, period, cities, meetings = tl.trip_summary(row, "ko").split(" · ")
    assert len(title) == 56 and title.endswith("…") and len(cities) <= 36 and cities.endswith("…")
    assert period == "2024. 6. 24. ~ 7. 1." and meetings == "면담·방문 9건"
