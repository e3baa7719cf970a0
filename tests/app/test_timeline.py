"""The timeline, trip and institution pages in AppTest on the seed database: what each shows,
the local / Korea clock switch, filters, both languages, and missing or unknown ids."""

from __future__ import annotations

import json
import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from atlas import timeline as tl
from atlas.paths import ROOT

DISTEP_TRIP = "미국·캐나다 공무국외출장"
SEOUL_TRIP = "박원순 서울시장 미국 3개 도시 순방 (라스베이거스·샌프란시스코·워싱턴D.C.)"


def _open(page: str, **params: str) -> AppTest:
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _trip_id(database, file_prefix: str) -> int:
    frame = database.sql("select t.trip_id from trips t join documents d on d.document_id = t.document_id "
                         "where d.file_name like ?", [file_prefix + "%"])
    return int(frame.iat[0, 0])


def _institution_id(database, name_en: str) -> int:
    return int(database.sql("select institution_id from institutions where name_en = ?", [name_en]).iat[0, 0])


def _page_links(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def _figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _unescape(text: str) -> str:
    return text.replace("\\", "")


# -- timeline -----------------------------------------------------------------------------------------

def test_timeline_shows_every_trip_grouped_and_listed(seeded_db):
    at = _open("pages/timeline.py")
    assert at.title[0].value == "출장 타임라인"
    figure = _figures(at)[0]
    groups = {y for trace in figure["data"] if trace["type"] == "bar" for y in trace["y"]}
    assert groups == {"대전과학산업진흥원 · 과학협력부", "서울특별시"}
    ids = {row[0] for trace in figure["data"] for row in trace.get("customdata", [])}
    assert ids == {_trip_id(seeded_db, "004_"), _trip_id(seeded_db, "000_")}
    links = [_unescape(label) for label in _page_links(at)]
    assert len(links) == 2
    assert any(link.startswith(DISTEP_TRIP) and "면담·방문 9건" in link for link in links)


def test_timeline_follows_the_filters(seeded_db):
    at = _open("pages/timeline.py", countries="CA")
    links = [_unescape(label) for label in _page_links(at)]
    assert len(links) == 1 and links[0].startswith(DISTEP_TRIP)
    assert "캐나다" in at.caption[0].value
    assert "캐나다" in _figures(at)[0]["layout"]["title"]["text"]  # the chart title says what is filtered


def test_timeline_empty_period_says_so(seeded_db):
    at = _open("pages/timeline.py", **{"from": "2010-01-01", "to": "2010-12-31"})
    assert any("필터에 맞는 출장이 없습니다" in info.value for info in at.info)
    assert not at.get("plotly_chart")


def test_timeline_in_english(seeded_db):
    at = _open("pages/timeline.py", lang="en")
    assert at.title[0].value == "Trips over time"
    legend = {trace.get("name") for trace in _figures(at)[0]["data"]}
    assert "North America" in legend


# -- trip -----------------------------------------------------------------------------------------------

def test_trip_page_of_the_seed_report(seeded_db):
    trip_id = _trip_id(seeded_db, "004_")
    at = _open("pages/trip.py", trip=str(trip_id))
    assert at.title[0].value == DISTEP_TRIP
    # 16 notes on the trip's own facts, and 1 on a program of an institution it met (issue #7: programs section)
    assert _metrics(at) == {"일정": "6박 8일", "방문 도시": "2", "면담·방문": "9", "자료 확인 사항": "17"}
    facts = _unescape(_markdown(at))
    for expected in ("대전과학산업진흥원", "과학협력부", "6박 8일 (달력상 7박 8일)", "지현정 연구원",
                     "004_ffbe9128cdf1f7a6.txt · 7–13행"):
        assert expected in facts, expected
    figure = _figures(at)[0]
    rows = figure["layout"]["yaxis"]["categoryarray"]
    assert rows[:2] == ["6. 24. (월) · 대전, 인천 · KST", "6. 24. (월) · 시애틀 · PDT"]
    assert len(rows) == 9
    schedule = at.table[0].value
    assert len(schedule) == 19
    times = [_unescape(v) for v in schedule.iloc[:, 1]]
    assert "19:20 KST → 14:00 PDT" in times and "16:50 MDT → 7. 1. 19:40 KST" in times
    assert len(at.expander) >= 9 + 1  # nine meetings (the sidebar has one expander of its own)
    assert "duration_mismatch" not in facts  # flags are shown in words, not codes
    flags = at.table[-1].value
    assert len(flags) == 17


def test_trip_clock_switches_to_korea_time(seeded_db):
    at = _open("pages/trip.py", trip=str(_trip_id(seeded_db, "004_")))
    clock = next(group for group in at.get("button_group") if group.proto.id.endswith("trip_clock"))
    clock.set_value("korea").run()
    assert not at.exception
    rows = _figures(at)[0]["layout"]["yaxis"]["categoryarray"]
    assert all(row.endswith("KST") for row in rows)
    times = [_unescape(v) for v in at.table[0].value.iloc[:, 1]]
    assert "19:20 → 6. 25. 06:00" in times


def test_trip_page_lists_undated_meetings_of_the_news_trip(seeded_db):
    at = _open("pages/trip.py", trip=str(_trip_id(seeded_db, "000_")))
    assert _unescape(at.title[0].value) == SEOUL_TRIP  # the title is data: escaped for Markdown
    undated = at.table[1].value
    assert len(undated) == 6
    assert "날짜 미상 일정" in _unescape(_markdown(at))
    figure = _figures(at)[0]
    assert len(figure["layout"]["yaxis"]["categoryarray"]) == 1  # only 7 January is placed


@pytest.mark.parametrize("value, message", [(None, "열 출장이 정해지지 않았습니다"), ("99999", "99999번 출장을 찾을 수 없습니다"),
                                            ("abc", "열 출장이 정해지지 않았습니다")])
def test_trip_page_without_a_known_id_offers_the_list(seeded_db, value, message):
    at = _open("pages/trip.py", **({"trip": value} if value else {}))
    shown = [a.value for a in at.info] + [a.value for a in at.warning]
    assert any(message in text for text in shown)
    assert len(_page_links(at)) == 2
    assert not at.get("plotly_chart")


def test_trip_page_in_english(seeded_db):
    at = _open("pages/trip.py", trip=str(_trip_id(seeded_db, "004_")), lang="en")
    assert _metrics(at)["Length"] == "6 nights, 8 days"
    rows = _figures(at)[0]["layout"]["yaxis"]["categoryarray"]
    assert rows[1] == "Mon, Jun 24 · Seattle · PDT"
    assert at.table[0].value.columns[0] == "Date"


# -- institution ------------------------------------------------------------------------------------------

def test_institution_page(seeded_db):
    calgary = _institution_id(seeded_db, "City of Calgary")
    at = _open("pages/institution.py", institution=str(calgary))
    assert at.title[0].value == "캘거리시"
    metrics = _metrics(at)
    assert metrics["면담·방문"] == "2" and metrics["출장"] == "1"
    open_count = int(seeded_db.sql(
        "select count(*) from follow_ups f where f.institution_id = ? or f.follow_up_id in "
        "(select follow_up_id from follow_up_institutions where institution_id = ?)", [calgary, calgary]).iat[0, 0])
    assert metrics["진행 중 후속조치"] == str(open_count)
    headers = [h.value for h in at.subheader]
    assert headers.index("진행 중 후속조치 (기한 지남 · 예정)") < headers.index("지난 후속조치")
    figure = _figures(at)[0]
    assert figure["layout"]["yaxis"]["categoryarray"] == [DISTEP_TRIP]
    labels = [_unescape(label) for label in _page_links(at)]
    assert any(DISTEP_TRIP in label for label in labels)  # each meeting links back to its trip
    # the seed's follow-ups are all still open: the open table holds them, the past one is empty
    assert len(at.table[-1].value) == open_count
    assert set(at.table[-1].value.iloc[:, 0]) == {"기한 없음"}
    assert any("끝난 후속조치가 없습니다" in c.value for c in at.caption)


def test_institution_with_undated_meetings_lists_them(seeded_db):
    at = _open("pages/institution.py", institution=str(_institution_id(seeded_db, "Google")))
    assert at.title[0].value == "구글"
    assert not at.get("plotly_chart")  # its one meeting has no date: listed, not placed
    assert any("날짜 미상 면담" in c.value for c in at.caption)
    assert any("날짜 미기재" in e.label for e in at.expander)


@pytest.mark.parametrize("value", [None, "99999"])
def test_institution_page_without_a_known_id_offers_the_list(seeded_db, value):
    at = _open("pages/institution.py", **({"institution": value} if value else {}))
    shown = [a.value for a in at.info] + [a.value for a in at.warning]
    assert any(("99999번 기관" if value else "열 기관이 정해지지 않았습니다") in text for text in shown)
    assert len(_page_links(at)) == int(seeded_db.sql("select count(*) from institutions").iat[0, 0])


def test_institution_page_in_english(seeded_db):
    at = _open("pages/institution.py", institution=str(_institution_id(seeded_db, "BiohubX")), lang="en")
    assert at.title[0].value == "BiohubX"
    headers = [h.value for h in at.subheader]  # the entity template's sections, in order (issue #7)
    assert headers[:5] == ["Key facts", "Map", "Meetings over time", "Meetings", "Cooperation programs"]


# -- a database with no trips yet ------------------------------------------------------------------------

def test_pages_on_an_empty_database_say_so(empty_db):
    at = _open("pages/timeline.py")
    assert any("아직 등록된 출장이 없습니다" in info.value for info in at.info)
    at = _open("pages/trip.py", trip="1")
    assert any("1번 출장을 찾을 수 없습니다" in w.value for w in at.warning)
    assert any("아직 등록된 출장이 없습니다" in info.value for info in at.info) and not _page_links(at)
    at = _open("pages/institution.py")
    assert not _page_links(at) and any("아직 등록된 기관이 없습니다" in info.value for info in at.info)


def test_trip_picker_with_filters_that_match_nothing(seeded_db):
    at = _open("pages/trip.py", **{"from": "2010-01-01", "to": "2010-12-31"})
    assert any("필터에 맞는 출장이 없습니다" in info.value for info in at.info) and not _page_links(at)


def test_trip_picker_is_bounded_on_large_data(tmp_path, monkeypatch):
    """Without ?trip=, the page lists at most 50 trips and says how many there are."""
    from atlas import db as atlas_db
    from atlas.demo import generate

    path = tmp_path / "demo.duckdb"
    generate(path, scale=0.5)  # 100 synthetic trips
    monkeypatch.setenv("ATLAS_DB", str(path))
    atlas_db.close_all()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/trip.py").run()
    assert not at.exception
    assert any("전체 100개" in c.value for c in at.caption)
    atlas_db.close_all()


# -- the timeline at scale: counted per month above the bound, the list paged -----------------------------

@pytest.fixture(scope="module")
def demo_500(tmp_path_factory):
    from atlas.demo import generate

    path = tmp_path_factory.mktemp("demo500") / "demo.duckdb"
    generate(path, scale=2.5)  # 500 synthetic trips, all dated: above tl.BAR_LIMIT (400)
    return path


@pytest.fixture
def at_scale(demo_500, monkeypatch):
    from atlas import db as atlas_db

    monkeypatch.setenv("ATLAS_DB", str(demo_500))
    atlas_db.close_all()
    yield atlas_db.get_database(demo_500)
    atlas_db.close_all()


def _array(value):
    """A plotly JSON array: a list, or numpy data packed as {"dtype", "bdata"(, "shape")}."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        if "shape" in value:
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.tolist()
    return list(value)


def _cells(figure: dict) -> tuple[list[int], list[list]]:
    """(trips per cell, the cell each selectable point carries) of the monthly chart."""
    import math

    heat, points = figure["data"]
    assert heat["type"] == "heatmap" and points["type"] == "scatter"
    counts = [int(v) for row in _array(heat["z"]) for v in row if v is not None and not math.isnan(v)]
    return counts, points["customdata"]


def _link_titles(at: AppTest) -> list[str]:
    return [_unescape(label).split(" · ")[0] for label in _page_links(at)]


def test_timeline_above_the_bound_counts_per_month_and_pages_the_list(at_scale):
    from atlas import timeline as tl
    from atlas.filters import Filters

    every = at_scale.query("timeline/trip_list", {**Filters().params(), **tl.WHOLE_LIST})
    assert len(every) == 500 > tl.BAR_LIMIT
    at = _open("pages/timeline.py")
    figures = _figures(at)
    assert len(figures) == 1 and len(figures[0]["data"]) == 2  # a heatmap and its points, not a bar per trip
    counts, cells = _cells(figures[0])
    assert sum(counts) == 500  # every trip counted once
    assert len(cells) == len(counts) < 500 and all(len(cell) == 4 for cell in cells)
    assert figures[0]["layout"]["title"]["text"] == "기관별 월간 출장 건수"  # 79 department rows → 20 organizations
    assert len(figures[0]["layout"]["yaxis"]["categoryarray"]) == 20
    captions = " ".join(_unescape(c.value) for c in at.caption)
    assert "출장 500건을 출발 월별로" in captions and "400건 이하" in captions
    assert "전체 500건 중 1–50번째" in captions
    # the list: 50 links a page, in the order of the trips, with a pager for the rest
    assert _link_titles(at) == every["title"].head(50).tolist()
    pager = at.get("pagination")
    assert len(pager) == 1 and pager[0].num_pages == 10
    pager[0].set_value(10).run()
    assert not at.exception
    assert _link_titles(at) == every["title"].tail(50).tolist()
    assert any("전체 500건 중 451–500번째" in _unescape(c.value) for c in at.caption)


def test_timeline_above_the_bound_lists_the_trips_of_a_chosen_cell(at_scale):
    from atlas.filters import Filters

    at = _open("pages/timeline.py")
    figure = _figures(at)[0]
    points = figure["data"][1]
    cells = points["customdata"]
    # the hover text of each point says how many trips its cell holds
    counts = [int(re.search(r"출장 (\d+)건", text).group(1)) for text in points["hovertext"]]
    busiest = max(range(len(counts)), key=counts.__getitem__)
    organization, _, start, end = cells[busiest]
    # what the browser sends back when the cell is clicked
    at.session_state["timeline_months"] = {"selection": {"points": [{"customdata": cells[busiest]}]}}
    at.run()
    assert not at.exception
    assert any(f"출장 {counts[busiest]}건만 보여 줍니다" in _unescape(i.value) for i in at.info)
    every = at_scale.query("timeline/trip_list", {**Filters().params(), **tl.WHOLE_LIST})
    first = every["start_date"].astype("datetime64[us]").dt.strftime("%Y-%m-%d")
    expected = every[(every["organization_id"] == organization) & (first >= start) & (first < end)]
    assert sorted(_link_titles(at)) == sorted(expected["title"]) and len(expected) == counts[busiest]
    assert not at.get("pagination")  # one page


def test_timeline_narrowed_below_the_bound_draws_each_trip_again(at_scale):
    from atlas.filters import Filters

    organization = int(at_scale.sql("select organization_id from trips group by 1 order by count(*) desc limit 1").iat[0, 0])
    at = _open("pages/timeline.py")
    at.multiselect(key="filter_org_ids").set_value([organization]).run()
    assert not at.exception
    expected = at_scale.query("timeline/trip_list", {**Filters(org_ids=(organization,)).params(), **tl.WHOLE_LIST})
    figure = _figures(at)[0]
    ids = {row[0] for trace in figure["data"] for row in trace.get("customdata", [])}
    assert ids == set(expected["trip_id"])  # one bar (and dot) per trip
    assert {trace["type"] for trace in figure["data"]} == {"bar", "scatter"}
    assert len(_page_links(at)) == min(50, len(expected))
