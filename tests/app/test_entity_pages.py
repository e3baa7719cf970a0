"""The entity pages on one template (issue #7) in AppTest: the city page (/city?city=…) in both
languages, for a known, an unknown and a missing id, on an empty database and under filters; and
the sections the trip and institution pages gained (a small map, programs, follow-ups, source
documents, data-quality notes). Expected numbers come from data/seed/*.json (see
tests/unit/test_entity.py); AppTest cannot run the map component, so the map is read from the
arguments the page hands to it."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from atlas import maps
from atlas.paths import ROOT

CALGARY, SEATTLE, WASHINGTON = 5913490, 5809844, 4140963
ELSEWHERE = 6167865  # Toronto's GeoNames id, stored under a hostile name
SECTIONS_KO = ["주요 정보", "지도", "이 도시에 간 출장", "이 도시에서 열린 면담·방문", "이 도시의 기관", "협력 프로그램",
               "진행 중 후속조치 (기한 지남 · 예정)", "지난 후속조치", "출처 문서", "자료 확인 사항"]
HOSTILE = "[click](http://example.com) <b>bold</b> ![x](http://example.com/x.png) `${x}`"


def _open(page: str, **params: str) -> AppTest:
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _unescape(text: str) -> str:
    """Text as the reader sees it: Markdown escapes and the invisible word joiners that keep
    addresses from becoming links removed."""
    return text.replace("\\", "").replace("\u2060", "")


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _headers(at: AppTest) -> list[str]:
    return [h.value for h in at.main.get("subheader")]


def _captions(at: AppTest) -> list[str]:
    return [_unescape(c.value) for c in at.main.get("caption")]


def _markdown(at: AppTest) -> str:
    return _unescape("\n".join(m.value for m in at.markdown))


def _links(at: AppTest) -> list[str]:
    return [_unescape(link.proto.label) for link in at.get("page_link")]


def _table(at: AppTest, first_column: str):
    """The first table whose first column has this header."""
    for table in at.table:
        if table.value.columns[0] == first_column:
            return table.value
    raise AssertionError(f"no table starting with {first_column!r}")


def _map(at: AppTest) -> dict:
    (element,) = at.get("component_instance")
    assert element.proto.component_name == "streamlit_folium.st_folium"
    return json.loads(element.proto.json_args)


def _map_rows(script: str) -> list[list]:
    match = re.search(r"var atlas_cities_\w*?_rows = ", script)
    assert match, "the city layer's rows"
    rows, _ = json.JSONDecoder().raw_decode(script, match.end())
    return rows


def _id(database, sql: str, *args) -> int:
    return int(database.sql(sql, list(args)).iat[0, 0])


# -- the city page -------------------------------------------------------------------------------

def test_city_page_of_calgary(seeded_db):
    at = _open("pages/city.py", city=str(CALGARY))
    assert at.title[0].value == "캘거리"
    captions = _captions(at)
    assert captions[0] == "Calgary · 캐나다"
    assert captions[1].startswith("필터 없음")  # says what the figures follow
    assert _metrics(at) == {"다녀간 출장": "1", "면담·방문": "6", "기관": "5", "협력 프로그램": "8", "진행 중 후속조치": "15"}
    assert _headers(at) == SECTIONS_KO  # the template's sections, in order
    facts = _markdown(at)
    for expected in ("**한국어 이름** · 캘거리", "**영어 이름** · Calgary", "**국가** · 캐나다", "America/Edmonton (M",
                     "시간 늦음", "**인구** · 1,306,784명", "**좌표** · 북위 51.0501°, 서경 114.0853°"):
        assert expected in facts, expected

    args = _map(at)
    assert args["js_links"] == [maps.LEAFLET_JS] and args["height"] < maps.MAP_HEIGHT  # small, the app's own Leaflet
    assert sorted(r[5] for r in _map_rows(args["script"])) == sorted([CALGARY, SEATTLE])
    assert args["script"].count("atlas-route") == 1 and "atlas-home" in args["script"]
    assert not re.search(r"https?://", args["script"] + args["header"] + args["html"])  # offline

    (chart,) = at.get("plotly_chart")
    trip_ids = {row[0] for trace in json.loads(chart.proto.spec)["data"] for row in trace.get("customdata", [])}
    distep = _id(seeded_db, "select trip_id from trips where title = '미국·캐나다 공무국외출장'")
    assert trip_ids == {distep}
    links = _links(at)
    assert any(link.startswith("미국·캐나다 공무국외출장") and "이 도시 체류 2024. 6. 27. ~ 6. 30." in link
               and link.endswith("이 도시 면담 6건") for link in links)
    meetings = [_unescape(e.label) for e in at.expander if e.label.startswith("6")]
    assert len(meetings) == 6 and all(m.startswith("6. 28. (금)") for m in meetings)
    assert "6. 28. (금) · 이노베이트캘거리 회의 및 시찰 · ▲ 2" in meetings
    institutions = [link for link in links if "이 도시 면담" in link and not link.startswith("미국")]
    assert institutions[0] == "캘거리시 · 정부·지자체 · 이 도시 면담 2건 · 프로그램 1개" and len(institutions) == 5
    assert links.count("출장 화면: 미국·캐나다 공무국외출장") == 6  # each meeting links to its trip

    programs = _table(at, "운영 기관")
    assert len(programs) == 8 and set(programs.iloc[:, 0]) == {"바이오허브X", "캘거리시", "플랫폼캘거리", "이노베이트캘거리"}
    follow_ups = _table(at, "기한 상태")
    assert len(follow_ups) == 15 and "상대 기관" in list(follow_ups.columns)
    assert "끝난 후속조치가 없습니다." in captions
    assert any("출장 1 · 면담·방문 6 · 기관 5 · 프로그램 8 · 후속조치 15" in c for c in captions)
    assert any(c.startswith("원본 파일은 앱에 보관되어 있지 않습니다") for c in captions)  # the seed keeps no files
    assert not at.get("download_button")
    flags = _table(at, "수준")
    assert len(flags) == 5 and list(flags.iloc[:2, 0]) == ["▲ 주의", "▲ 주의"]


def test_city_page_in_english(seeded_db):
    at = _open("pages/city.py", city=str(CALGARY), lang="en")
    assert at.title[0].value == "Calgary"
    assert _metrics(at) == {"Trips here": "1", "Meetings": "6", "Institutions": "5", "Programs": "8",
                            "Open follow-ups": "15"}
    assert _headers(at)[:4] == ["Key facts", "Map", "Trips to this city", "Meetings held in this city"]
    assert "51.0501° N, 114.0853° W" in _markdown(at) and "h behind Korea" in _markdown(at)
    assert {r[4] for r in _map_rows(_map(at)["script"])} >= {"Calgary · Meetings: 6"}
    assert _table(at, "Severity").shape[0] == 5


def test_city_with_undated_meetings_and_an_institution_based_elsewhere(seeded_db):
    at = _open("pages/city.py", city=str(WASHINGTON))
    assert at.title[0].value == "워싱턴 D.C." or _unescape(at.title[0].value) == "워싱턴 D.C."
    assert _metrics(at)["면담·방문"] == "3"
    assert "날짜가 없는 면담은 목록 끝에 둡니다." in _captions(at)
    assert sum(1 for e in at.expander if e.label.startswith("날짜 미기재")) == 3
    assert "미국외교협회 · 싱크탱크 · 소재지 뉴욕 · 이 도시 면담 1건" in _links(at)
    assert any("이 도시 기관의 협력 프로그램이 기록되지 않았습니다." == c for c in _captions(at))


@pytest.mark.parametrize("value, message", [(None, "열 도시가 정해지지 않았습니다"), ("abc", "열 도시가 정해지지 않았습니다"),
                                            ("999", "999번 도시를 찾을 수 없습니다")])
def test_city_page_without_a_known_id_offers_the_visited_cities(seeded_db, value, message):
    at = _open("pages/city.py", **({"city": value} if value else {}))
    shown = [a.value for a in at.info] + [a.value for a in at.warning]
    assert any(message in text for text in shown)
    assert at.title[0].value == "도시 상세"
    links = _links(at)
    assert len(links) == 6 and links[0] == "캘거리 · 캐나다 · 출장 1건 · 면담 6건"
    assert not any("#7" in i.value for i in at.info)  # built: no "still to build" notice
    assert not at.get("component_instance") and not at.metric


def test_city_picker_follows_the_filters(seeded_db):
    at = _open("pages/city.py", countries="CA")
    assert _links(at) == ["캘거리 · 캐나다 · 출장 1건 · 면담 6건"]
    at = _open("pages/city.py", **{"from": "2010-01-01", "to": "2010-12-31"})
    assert not _links(at) and any("이 필터에 맞는 출장이 간 도시가 없습니다" in i.value for i in at.info)


def test_city_page_on_an_empty_database(empty_db):
    at = _open("pages/city.py")
    assert not _links(at) and any("아직 등록된 출장이 없습니다" in i.value for i in at.info)
    at = _open("pages/city.py", city=str(CALGARY))  # no city is stored before a trip uses it
    assert any(f"{CALGARY}번 도시를 찾을 수 없습니다" in w.value for w in at.warning)


def test_city_page_under_filters_that_match_no_trip_there(seeded_db):
    seoul = _id(seeded_db, "select organization_id from organizations where name_ko = '서울특별시'")
    at = _open("pages/city.py", city=str(CALGARY), orgs=str(seoul))
    assert _metrics(at) == {"다녀간 출장": "0", "면담·방문": "0", "기관": "0", "협력 프로그램": "0", "진행 중 후속조치": "0"}
    captions = _captions(at)
    assert "아래 수치와 목록은 현재 필터(서울특별시)를 따릅니다." in captions
    for empty in ("현재 필터에 맞는 출장 가운데 이 도시에 간 출장이 없습니다.", "이 도시에서 열린 면담이 없습니다.",
                  "이 도시의 기관이 기록되지 않았습니다.", "이 도시 기관의 협력 프로그램이 기록되지 않았습니다.",
                  "이 도시 기관과의 후속조치가 없습니다.", "이 화면의 사실에 연결된 출처 문서가 없습니다.",
                  "이 도시와 관련된 확인 사항이 없습니다."):
        assert empty in captions, empty
    assert _headers(at) == SECTIONS_KO  # every section still there, each saying it is empty
    rows = _map_rows(_map(at)["script"])  # the city alone, as an empty ring
    assert [(r[5], r[2]) for r in rows] == [(CALGARY, 0)]
    assert _map(at)["script"].count("atlas-route") == 0


def test_place_filters_do_not_apply_to_a_city_page(seeded_db):
    at = _open("pages/city.py", city=str(CALGARY), countries="US")
    assert _metrics(at)["면담·방문"] == "6"
    assert any("국가·도시 필터는 한 도시를 보는 이 화면에는 적용하지 않습니다." in c for c in _captions(at))
    assert "countries" in at.query_params  # still the reader's filters for the other pages


# -- a database with a kept original file and hostile names ----------------------------------------------

@pytest.fixture
def kept_files_db(empty_db):
    """A trip to Calgary read from an uploaded file (kept), with a second source whose text only is
    kept; the city, trip and an institution carry names that look like Markdown and HTML."""
    with empty_db.transaction() as tx:
        tx.run("reference/upsert_city", {"city_id": ELSEWHERE, "name_ko": HOSTILE, "name_en": HOSTILE,
                                         "country_iso2": "CA", "admin1": "08", "lat": 43.7, "lon": -79.42,
                                         "timezone": "America/Toronto", "population": 1, "aliases": []})
        org = tx.insert("organizations", {"name_ko": "기관", "name_en": "Org", "kind": "other"},
                        returning="organization_id")
        kept = tx.insert("documents", {"file_name": "보고서.pdf", "sha256": "a", "format": "pdf", "kind": "report",
                                       "imported_by": "kim", "content": b"%PDF-1.4 kept", "raw_text": "text"},
                         returning="document_id")
        text = tx.insert("documents", {"file_name": "기사.txt", "sha256": "b", "format": "txt", "kind": "news",
                                       "imported_by": "kim", "raw_text": "text only"}, returning="document_id")
        trip = tx.insert("trips", {"title": HOSTILE, "organization_id": org, "status": "completed",
                                   "start_date": dt.date(2024, 5, 1), "end_date": dt.date(2024, 5, 3),
                                   "document_id": kept}, returning="trip_id")
        tx.insert("trip_destinations", {"trip_id": trip, "seq": 1, "city_id": ELSEWHERE, "document_id": kept})
        institution = tx.insert("institutions", {"name_ko": HOSTILE, "city_id": ELSEWHERE, "type": "other",
                                                 "document_id": text}, returning="institution_id")
        tx.insert("meetings", {"trip_id": trip, "seq": 1, "institution_id": institution, "title": HOSTILE,
                               "meeting_date": dt.date(2024, 5, 2), "city_id": ELSEWHERE, "kind": "meeting",
                               "document_id": kept})
    empty_db.ids = {"trip": trip, "institution": institution}
    return empty_db


def test_source_documents_offer_the_kept_file_or_its_text(kept_files_db):
    at = _open("pages/city.py", city=str(ELSEWHERE))
    buttons = {b.proto.label: b for b in at.get("download_button")}
    assert set(buttons) == {"원본 파일 받기", "추출한 텍스트 받기"}
    captions = _captions(at)
    assert any(c.startswith("보고서.pdf · 결과보고서 · PDF") for c in captions)
    assert "원본 파일은 보관하지 않았고, 읽어 낸 텍스트만 있습니다." in captions
    # data is shown as written: escaped for Markdown, never a link, an image or HTML
    assert _unescape(at.title[0].value) == HOSTILE and "\\[" in at.title[0].value
    assert all("](" not in link.proto.label or "\\]\\(" in link.proto.label for link in at.get("page_link"))
    assert not at.get("html")


def test_trip_and_institution_pages_list_their_documents_too(kept_files_db):
    at = _open("pages/trip.py", trip=str(kept_files_db.ids["trip"]))
    assert {b.proto.label for b in at.get("download_button")} == {"원본 파일 받기", "추출한 텍스트 받기"}
    at = _open("pages/institution.py", institution=str(kept_files_db.ids["institution"]))
    assert {b.proto.label for b in at.get("download_button")} == {"원본 파일 받기", "추출한 텍스트 받기"}


# -- the sections the trip and institution pages gained -------------------------------------------------

def test_trip_page_on_the_template(seeded_db):
    trip = _id(seeded_db, "select trip_id from trips where title = '미국·캐나다 공무국외출장'")
    at = _open("pages/trip.py", trip=str(trip))
    assert _headers(at) == ["주요 정보", "지도", "일자별 일정", "면담·방문", "협력 프로그램",
                            "진행 중 후속조치 (기한 지남 · 예정)", "지난 후속조치", "출처 문서", "자료 확인 사항"]
    args = _map(at)
    assert sorted(r[5] for r in _map_rows(args["script"])) == sorted([CALGARY, SEATTLE])
    assert args["script"].count("atlas-route") == 1
    assert "도시 화면: 캘거리" in _links(at)
    programs = _table(at, "운영 기관")
    assert len(programs) == 12
    follow_ups = _table(at, "기한 상태")
    assert len(follow_ups) == 18 and "출장" not in list(follow_ups.columns)  # on its own trip's page
    captions = _captions(at)
    assert any("출장 1 · 일정 19 · 면담·방문 9 · 기관 8 · 프로그램 12 · 후속조치 18" in c for c in captions)
    assert any(c.startswith("▲ 참고 · 북미 소프트랜딩 프로그램: ") for c in captions)  # beside the programs
    flags = _table(at, "수준")
    assert len(flags) == 17 and "프로그램: 북미 소프트랜딩 프로그램" in {_unescape(v) for v in flags.iloc[:, 2]}


def test_trip_page_in_english_and_without_programs(seeded_db):
    trip = _id(seeded_db, "select trip_id from trips where title like '박원순%'")
    at = _open("pages/trip.py", trip=str(trip), lang="en")
    assert len(_map_rows(_map(at)["script"])) == 4  # Las Vegas, San Francisco, Palo Alto, Washington
    captions = _captions(at)
    assert "No programs are recorded for the institutions met on this trip." in captions
    assert "No follow-ups came from this trip." in captions
    assert any(c.startswith("000_0ec3ef31fa67ca02.txt · News article · TXT · published Jan 2020") for c in captions)


def test_institution_page_on_the_template(seeded_db):
    calgary = _id(seeded_db, "select institution_id from institutions where name_en = 'City of Calgary'")
    at = _open("pages/institution.py", institution=str(calgary))
    assert _headers(at) == ["주요 정보", "지도", "만난 기록", "면담 기록", "협력 프로그램",
                            "진행 중 후속조치 (기한 지남 · 예정)", "지난 후속조치", "출처 문서", "자료 확인 사항"]
    assert sorted(r[5] for r in _map_rows(_map(at)["script"])) == sorted([CALGARY, SEATTLE])  # as the city page
    captions = _captions(at)
    assert any("출장 1 · 면담·방문 2 · 기관 1 · 프로그램 1 · 후속조치 7" in c for c in captions)
    assert "이 기관, 프로그램, 면담에 대한 확인 사항이 없습니다." in captions
    biohubx = _id(seeded_db, "select institution_id from institutions where name_en = 'BiohubX'")
    at = _open("pages/institution.py", institution=str(biohubx))
    flags = _table(at, "수준")
    assert [_unescape(v) for v in flags.iloc[0]] == ["참고", "통화 불분명", "프로그램: 북미 소프트랜딩 프로그램",
                                                     _unescape(flags.iat[0, 3]), "399행"] and len(flags) == 1


def test_institution_without_a_city_says_so(empty_db):
    with empty_db.transaction() as tx:
        institution = tx.insert("institutions", {"name_ko": "어딘가", "type": "other", "entered_by": "kim"},
                                returning="institution_id")
    at = _open("pages/institution.py", institution=str(institution))
    captions = _captions(at)
    for expected in ("이 기관의 소재 도시가 기록되지 않아 지도에 그릴 것이 없습니다.", "이 기관과의 면담 기록이 없습니다.",
                     "이 기관의 사실은 모두 직접 입력되었습니다 (출처 문서 없음)."):
        assert expected in captions, expected
    assert not at.get("component_instance")
