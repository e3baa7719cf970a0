"""The report extractor: seed 004 field-exact against the answer key, and the rules one by one."""

from __future__ import annotations

import datetime as dt

import pytest

from atlas.importer import prepare
from atlas.importer.errors import ImportRefused
from tests.fixtures_import.keys import facts, load_key, seed_organizations

REPORT = "004_ffbe9128cdf1f7a6.txt"


@pytest.fixture(scope="module")
def report_004(request):
    from tests.conftest import SHARED

    path = SHARED / "seeds" / REPORT
    if not path.is_file():
        pytest.skip(f"../shared is not beside the project ({SHARED}); a user's fresh clone has none")
    return prepare(REPORT, path.read_bytes(), seed_organizations()).extraction


@pytest.fixture(scope="module")
def got(report_004):
    return facts(report_004)


@pytest.fixture(scope="module")
def key():
    return load_key("answer_004.json")


@pytest.mark.parametrize("part", ["document", "trip", "itinerary", "meetings", "institutions", "programs",
                                  "follow_ups", "flags"])
def test_seed_004_matches_the_answer_key(got, key, part):
    if isinstance(key[part], list):
        assert len(got[part]) == len(key[part]), part
        for index, (mine, expected) in enumerate(zip(got[part], key[part])):
            assert mine == expected, f"{part}[{index}]"
    else:
        assert got[part] == key[part]


def test_headline_facts_of_004(report_004):
    x = report_004
    assert (x.trip.start_date, x.trip.end_date) == (dt.date(2024, 6, 24), dt.date(2024, 7, 1))
    assert (x.trip.nights_stated, x.trip.days_stated) == (6, 8)
    assert x.trip.countries == ["US", "CA"]
    assert len(x.itinerary) == 19 and len(x.meetings) == 9
    flight_home = x.itinerary[17]
    assert (flight_home.date, flight_home.end_date, flight_home.computed_minutes) == (
        dt.date(2024, 6, 30), dt.date(2024, 7, 1), 11 * 60 + 50)
    assert x.itinerary[18].date == dt.date(2024, 7, 1), "'+1일' carries to the rows after it"
    outbound = x.itinerary[2]
    assert (outbound.start, outbound.end, outbound.computed_minutes) == ("19:20", "14:00", 640)


def test_meeting_headings_of_every_style_are_found(report_004):
    titles = [m.title for m in report_004.meetings]
    assert titles[3] == "BiohubX 회의"            # '### (1) BiohubX 회의'
    assert titles[0] == "시애틀경제개발공사 회의"   # '## [1] …'
    assert titles[2] == "K-스타트업센터 시애틀 회의"  # '### [3] …'


def test_name_variants_merge_into_one_institution(report_004):
    by_name = {i.name_ko: i for i in report_004.institutions}
    assert {"플랫폼 켈거리", "플랫폼켈거리"} <= set(by_name["플랫폼캘거리"].aliases)
    assert by_name["바이오허브X"].name_en == "BiohubX"
    assert "이노베이트캐거리" in by_name["이노베이트캘거리"].aliases
    assert len(by_name) == 9


def _report(body: str, period: str = "2024. 6. 24.(월)~2024. 6. 27.(목) (3박 4일)") -> str:
    return ("# 공무 국외 출장 등 결과보고서\n\n"
            f"출 장 명\t일본 출장\t\n출장기간\t{period}\t\n출 장 국\t일본(도쿄)\t\n\n" + body)


def _extract(text: str):
    return prepare("report.txt", text.encode("utf-8"), seed_organizations()).extraction


def test_blank_cells_are_carried_down_and_next_day_markers_move_later_rows():
    x = _extract(_report(
        "세부일정\n\n일자\t장소\t시 간\t\t주 요 내 용\n"
        "6.24. (월)\t도쿄\t09:00~10:00\t1h\t· 회의 A\n"
        "\t\t22:00~01:00 <sup>+1일</sup>\t3h\t· 야간 이동 (도쿄 → 오사카)\n"
        "\t오사카\t09:00~10:00\t1h\t· 회의 B\n"
        "6.26. (수)\t\t11:00~12:00\t1h\t· 회의 C\n"))
    rows = [(i.date, i.city.name_ko if i.city else None, i.end_date) for i in x.itinerary]
    assert rows == [(dt.date(2024, 6, 24), "도쿄", dt.date(2024, 6, 24)),
                    (dt.date(2024, 6, 24), "도쿄", dt.date(2024, 6, 25)),
                    (dt.date(2024, 6, 25), "오사카", dt.date(2024, 6, 25)),
                    (dt.date(2024, 6, 26), "오사카", dt.date(2024, 6, 26))]
    assert any(f.code == "next_day_marker" for f in x.flags)


def test_period_with_the_end_year_left_out():
    x = _extract(_report("", period="2024. 12. 30.(월)~1. 2.(목) (3박 4일)"))
    assert (x.trip.start_date, x.trip.end_date) == (dt.date(2024, 12, 30), dt.date(2025, 1, 2))


def test_stated_days_that_disagree_with_the_calendar_are_flagged():
    x = _extract(_report("", period="2024. 6. 24.(월)~2024. 6. 27.(목) (3박 5일)"))
    assert [f.code for f in x.flags if f.entity == "trip"] == ["days_mismatch"]


def test_wrong_weekday_is_flagged():
    x = _extract(_report("일자\t장소\t시간\t내용\n6.25. (월)\t도쿄\t09:00~10:00\t· 회의 A\n"))
    assert any(f.code == "weekday_mismatch" for f in x.flags)


def test_attendees_total_and_interpreters():
    x = _extract(_report(
        "## [1] 도쿄도청 면담\n\n### □ 면담개요\n\n"
        "- (일시) 2024. 6. 25.(화) 10:00~11:00\n- (장소) 도쿄도청\n- (참석자) 총 6명\n"
        "  - (대전시) 홍길동 국장 외 2명\n  - (도쿄도) 야마다 타로 부지사\n  - 김통역 통역사\n"
        "- (주요내용) 교류 협의\n"))
    meeting = x.meetings[0]
    people = [(p.name, p.title, p.side, p.headcount) for p in meeting.attendees]
    assert people == [("홍길동", "국장", "ours", 1), (None, None, "ours", 2),
                      ("야마다 타로", "부지사", "theirs", 1), ("김통역", "통역사", "interpreter", 1)]
    assert meeting.attendee_count_stated == 6
    assert any(f.code == "attendee_count_mismatch" for f in x.flags)  # 5 listed, 6 stated


def test_follow_ups_one_per_bullet_linked_to_the_institutions_they_name():
    x = _extract(_report(
        "## (1) 도쿄 스타트업센터 회의\n\n#### □ 회의개요\n\n- (일시) 2024. 6. 25.(화) 10:00~11:00\n\n"
        "### 4. 시사점 및 결과 활용 계획\n\n- 도쿄 스타트업센터와 공동 프로그램 검토\n- 내부 보고\n\n"
        "위와 같이 보고합니다.\n"))
    actions = [(f.action, [x.institution(r).name_ko for r in f.institution_refs]) for f in x.follow_ups]
    assert actions == [("도쿄 스타트업센터와 공동 프로그램 검토", ["도쿄 스타트업센터"]), ("내부 보고", [])]


def test_a_document_that_is_not_about_a_trip_is_refused():
    with pytest.raises(ImportRefused) as refused:
        prepare("minutes.txt", "# 회의록\n\n- 예산 심의 결과를 보고합니다.\n- 다음 회의는 3월\n".encode())
    assert refused.value.code == "not_a_trip"


def test_a_domestic_visit_is_not_an_overseas_trip(shared_dir):
    path = shared_dir / "fixtures" / "formats" / "hwpxlib_error_20241104_mot.hwpx"
    with pytest.raises(ImportRefused) as refused:
        prepare(path.name, path.read_bytes())
    assert refused.value.code == "not_a_trip"


def test_a_near_match_place_is_kept_and_flagged_for_review():
    text = _report("").replace("일본(도쿄)", "캐나다(벤쿠버)")
    x = _extract(text)
    assert [c.name_en for c in x.trip.cities] == ["Vancouver"]
    near = [f for f in x.flags if f.code == "place_near_match"]
    assert near and near[0].source_text == "벤쿠버" and near[0].entity == "trip"


_OSAKA_MEETING = (
    "## [1] 오사카 산업진흥센터 회의\n\n### □ 회의개요\n\n"
    "- (일시) 2024. 6. 25.(화) 10:00~11:00\n- (장소) 오사카 산업진흥센터 회의실\n- (참석자) 총 3명\n"
    "  - (대전시) 홍길동 과장\n  - (오사카 산업진흥센터) 다나카 히로시 센터장\n  - 김통역 통역사\n"
    "- (주요내용) 센터 소개 및 협력 방안 논의\n\n"
    "## □ 주요 회의 내용\n\n### ○ 오사카 산업진흥센터 소개\n\n"
    "- 2015년에 설립되었으며 현재 직원을 50명까지 늘릴 예정임\n"
    "- 창업 5년 이내 기업만 신청 가능하며, 사무공간 제공(최대 2년 입주 가능) 등 현지 정착을 위해 지원함\n"
    "- 본 프로그램은 오사카부와 오사카시 보조금으로 운영\n\n"
    "### ○ 협력 방안 논의\n\n"
    "- 대전시는 대전 기업의 오사카 진출 지원사업을 제안함\n"
    "- 센터는 내부 검토 후 8월까지 회신 예정\n"
    "- 양 기관은 청년 인턴십 교류를 추진하기로 합의함\n"
    "- 세부 사항은 후속 화상회의에서 논의\n"
    "- 향후 다른 도시와도 협력할 수 있을 것으로 기대함\n"
    "- 9월 중 후속 회의를 통해 인턴십 세부 조건을 계속 협의\n\n"
    "### ○ 청년 인턴십 교류 제안\n\n"
    "- 매년 2명씩 상호 파견하여 3개월간 근무\n"
    "- 숙박비는 초청 기관이 부담\n")


def test_promises_in_meeting_notes_become_follow_ups_of_that_meeting():
    x = _extract(_report(_OSAKA_MEETING))
    [meeting] = x.meetings
    lines = _report(_OSAKA_MEETING).splitlines()

    def line_of(words):
        return next(n for n, text in enumerate(lines, start=1) if words in text)

    got = [(f.line_start, f.line_end, f.stage, f.meeting_ref, [x.institution(r).name_ko for r in f.institution_refs])
           for f in x.follow_ups]
    center = ["오사카 산업진흥센터"]
    assert got == [
        # the proposal answered by '회신 예정' in the next point: one follow-up spanning both
        (line_of("지원사업을 제안함"), line_of("회신 예정"), "identified", meeting.ref, center),
        (line_of("추진하기로 합의함"), line_of("추진하기로 합의함"), "agreed", meeting.ref, center),
        # the same further discussion stated twice: one follow-up
        (line_of("후속 화상회의"), line_of("계속 협의"), "identified", meeting.ref, center),
    ]
    assert x.follow_ups[0].action == "대전시는 대전 기업의 오사카 진출 지원사업을 제안함 / 센터는 내부 검토 후 8월까지 회신 예정"
    # descriptions ('늘릴 예정임'), a hope ('기대함') and a proposal with no answer are not follow-ups
    assert not any(word in f.action for f in x.follow_ups for word in ("50명까지", "기대함"))
    assert x.follow_ups[2].action == "세부 사항은 후속 화상회의에서 논의 / 9월 중 후속 회의를 통해 인턴십 세부 조건을 계속 협의"
    contract = x.to_contract()["follow_ups"]
    assert contract[1] == {"action": "양 기관은 청년 인턴십 교류를 추진하기로 합의함",
                           "institution": "오사카 산업진흥센터", "stage": "agreed"}


def test_programs_described_in_prose_and_proposed_exchanges():
    x = _extract(_report(_OSAKA_MEETING))
    programs = {p.name: p for p in x.programs}
    assert set(programs) == {"오사카 산업진흥센터 지원 프로그램", "청년 인턴십 교류"}
    support = programs["오사카 산업진흥센터 지원 프로그램"]   # no name in the text: host + 지원 프로그램
    assert (support.type, support.eligibility, support.duration_text, support.funding_source) == (
        "soft_landing", "창업 5년 이내 기업", "최대 2년", "오사카부, 오사카시")
    assert x.institution(support.institution_ref).name_ko == "오사카 산업진흥센터"
    exchange = programs["청년 인턴십 교류"]
    assert (exchange.type, exchange.duration_text, exchange.eligibility) == ("staff_exchange", "3개월", None)
    text = _report(_OSAKA_MEETING).splitlines()
    assert "매년 2명씩" in text[exchange.line_start - 1] and "숙박비" in text[exchange.line_end - 1]


def test_a_program_the_host_names_elsewhere_in_the_meeting_gives_its_name():
    body = _OSAKA_MEETING.replace("- 2015년에 설립되었으며 현재 직원을 50명까지 늘릴 예정임\n",
                                  "- 지역 대학과 협업을 통해 해외 창업기업 정착 프로그램을 운영 중\n")
    x = _extract(_report(body))
    assert "해외 창업기업 정착 프로그램" in {p.name for p in x.programs}


def test_further_discussions_of_different_subsections_stay_apart():
    body = _OSAKA_MEETING.replace("### ○ 청년 인턴십 교류 제안\n\n", "### ○ 청년 인턴십 교류 제안\n\n"
                                  "- 파견 인원과 기간은 추가 논의가 필요함\n")
    x = _extract(_report(body))
    discussions = [f.action for f in x.follow_ups if "논의" in f.action or "협의" in f.action]
    assert discussions == ["세부 사항은 후속 화상회의에서 논의 / 9월 중 후속 회의를 통해 인턴십 세부 조건을 계속 협의",
                           "파견 인원과 기간은 추가 논의가 필요함"]
