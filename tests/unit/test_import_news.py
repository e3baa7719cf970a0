"""The news extractor: seed 000 against its answer key, relative dates, page furniture."""

from __future__ import annotations

import datetime as dt

import pytest

from atlas.importer import prepare
from tests.fixtures_import.keys import facts, load_key, seed_organizations

NEWS = "000_0ec3ef31fa67ca02.txt"


@pytest.fixture(scope="module")
def news_000():
    from tests.conftest import SHARED

    path = SHARED / "seeds" / NEWS
    if not path.is_file():
        pytest.skip(f"../shared is not beside the project ({SHARED}); a user's fresh clone has none")
    return prepare(NEWS, path.read_bytes(), seed_organizations()).extraction


@pytest.mark.parametrize("part", ["document", "trip", "itinerary", "meetings", "institutions", "programs",
                                  "follow_ups", "flags"])
def test_seed_000_matches_the_answer_key(news_000, part):
    got, key = facts(news_000), load_key("answer_000.json")
    if isinstance(key[part], list):
        assert len(got[part]) == len(key[part]), part
        for index, (mine, expected) in enumerate(zip(got[part], key[part])):
            assert mine == expected, f"{part}[{index}]"
    else:
        assert got[part] == key[part]


def test_headline_facts_of_000(news_000):
    x = news_000
    assert x.kind == "news"
    assert (x.published, x.published_precision, x.publisher) == (dt.date(2020, 1, 1), "month", "뉴시스")
    assert (x.trip.start_date, x.trip.end_date, x.trip.nights_stated, x.trip.days_stated) == (
        dt.date(2020, 1, 7), dt.date(2020, 1, 16), 7, 10)
    assert [c.name_en for c in x.trip.cities] == ["Las Vegas", "San Francisco", "Washington"]
    party = next(m for m in x.meetings if m.title == "CTA 멤버 파티")
    assert (party.date, party.start, party.place) == (dt.date(2020, 1, 7), "17:40", "베니션 호텔")
    # Nothing the article does not say: San Francisco and Washington meetings have no date.
    assert all(m.date is None for m in x.meetings if m.city and m.city.name_en != "Las Vegas")


def _article(body: str, head: str = "") -> str:
    return head + body + " [서울=뉴시스]"


def _extract(text: str):
    return prepare("news.txt", text.encode("utf-8"), seed_organizations()).extraction


def test_published_day_resolves_ineol_and_jinan_and_jeonnal():
    x = _extract(_article(
        "오세훈 시장이 3월 9일부터 3월 15일까지 5박7일 일정으로 프랑스 1개도시(파리) 출장길에 올랐다."
        "오 시장은 이날 오후 3시 파리 시청에서 ‘서울-파리 포럼’에 참석했다."
        "오 시장은 지난 8일 출국 전 ‘출국 브리핑’을 열었다.",
        head="기사입력 2024.03.10 09:30 최종수정 2024.03.11 10:00\n"))
    assert x.published == dt.date(2024, 3, 10) and x.published_precision == "day"
    assert (x.trip.start_date, x.trip.end_date) == (dt.date(2024, 3, 9), dt.date(2024, 3, 15))
    forum = next(m for m in x.meetings if "포럼" in m.title)
    assert (forum.date, forum.start) == (dt.date(2024, 3, 10), "15:00"), "'이날' is the publication day"
    briefing = next(m for m in x.meetings if "브리핑" in m.title)
    assert briefing.date == dt.date(2024, 3, 8), "'지난 8일' counts back from the publication day"
    assert x.trip.status == "completed"


def test_update_stamps_are_not_trip_dates():
    x = _extract(_article(
        "오세훈 시장이 3월 9일부터 3월 15일까지 프랑스 1개도시(파리) 순방에 나선다. 수정 2024.03.20 11:00",
        head="date 2024-03\n"))
    assert (x.trip.start_date, x.trip.end_date) == (dt.date(2024, 3, 9), dt.date(2024, 3, 15))
    assert x.published_precision == "month"


def test_without_a_publication_date_relative_dates_stay_empty():
    x = _extract(_article("오세훈 시장이 9일부터 15일까지 프랑스 1개도시(파리) 순방에 나선다."
                          "오 시장은 이날 ‘서울-파리 포럼’에 참석한다."))
    assert x.trip.start_date is None and x.trip.end_date is None
    forum = next(m for m in x.meetings if "포럼" in m.title)
    assert forum.date is None
    assert any(f.code == "year_unknown" for f in x.flags)


def test_people_with_english_names_and_institution_suffixes():
    x = _extract(_article(
        "오세훈 시장이 5월 1일부터 5월 3일까지 미국 1개도시(뉴욕) 출장길에 오른다."
        "오 시장은 뉴욕 맨해튼의 한인회관에서 ‘뉴욕 한인 간담회’에 참석한다."
        "오 시장은 뉴욕시립대학교의 제임스 밀리켄(James Milliken) 총장과도 만난다.",
        head="date 2023-05\n"))
    meeting = next(m for m in x.meetings if m.kind == "meeting")
    person = meeting.attendees[-1]
    assert (person.name, person.title, person.organization) == ("제임스 밀리켄", "총장", "뉴욕시립대학교")
    assert x.institution(meeting.institution_ref).type == "university"
