"""Small text readers shared by the extractors: cleaning cells, dates, times, durations."""

from __future__ import annotations

import datetime as dt
import html
from functools import lru_cache
import re
import unicodedata

WEEKDAYS_KO = "월화수목금토일"

# CJK fonts in PDFs often map the middle dot to its full-width look-alikes.
_LOOKALIKES = str.maketrans({"\u30fb": "\u00b7", "\uff65": "\u00b7", "\u2027": "\u00b7"})
_TAG = re.compile(r"<[^>]{0,300}>")
_NEXT_DAY_TAG = re.compile(r"<sup>\s*\+\s*(\d)\s*일?\s*</sup>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_BULLET = re.compile(r"^\s*(?:[-•·○□■◦▪◆◇▶►※*]|\\\*|①|②|③|④|⑤|⑥|⑦|⑧|⑨|⑩)\s*")


def has_html(text: str) -> bool:
    return bool(_TAG.search(text or ""))


def clean(text: str | None) -> str:
    """Cell or line text without HTML fragments, Markdown escapes and extra spaces."""
    if not text:
        return ""
    return _clean(text)


@lru_cache(maxsize=65536)
def _clean(text: str) -> str:
    text = _NEXT_DAY_TAG.sub(lambda m: f" +{m.group(1)}일", text)
    text = re.sub(r"</li>\s*<li[^>]*>", " ", text, flags=re.IGNORECASE)
    text = _TAG.sub(" ", text)
    text = html.unescape(text).replace("\\*", "*").replace("\\", "")
    text = text.translate(_LOOKALIKES)
    return _SPACES.sub(" ", text).strip()


def strip_bullet(text: str) -> str:
    return _strip_bullet(text) if text else ""


@lru_cache(maxsize=65536)
def _strip_bullet(text: str) -> str:
    previous = None
    text = text.strip()
    while previous != text:
        previous = text
        text = _BULLET.sub("", text).strip()
    return text


def bullet_depth(line: str) -> int:
    """Indentation of a bullet line in spaces (0 for a top-level bullet)."""
    return len(line) - len(line.lstrip(" \t\u3000"))


_NOT_WORD = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """Lookup key: NFKC, casefold, no spaces or punctuation."""
    return _squash(text) if text else ""


@lru_cache(maxsize=65536)
def _squash(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def has_hangul(text: str) -> bool:
    return any(is_hangul(ch) for ch in text or "")


def hangul_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if is_hangul(ch)) / len(letters) if letters else 0.0


# -- dates ---------------------------------------------------------------------------------------

_YMD = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[.년/-]\s*(?P<m>\d{1,2})\s*[.월/-]\s*(?P<d>\d{1,2})\s*[.일]?"
                  r"\s*(?:\((?P<w>[월화수목금토일])\))?")
_MD = re.compile(r"(?<![\d.])(?P<m>\d{1,2})\s*[.월]\s*(?P<d>\d{1,2})\s*[.일]?\s*(?:\((?P<w>[월화수목금토일])\))?")
_D_ONLY = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\s*일?\s*(?:\((?P<w>[월화수목금토일])\))?")
_NIGHTS_DAYS = re.compile(r"(\d{1,2})\s*박\s*(\d{1,2})\s*일")


def make_date(year: int | None, month: int | None, day: int | None) -> dt.date | None:
    if not (year and month and day):
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def weekday_ok(date: dt.date | None, weekday: str | None) -> bool:
    return date is None or not weekday or WEEKDAYS_KO[date.weekday()] == weekday


def parse_period(text: str, year_hint: int | None = None):
    """'2024. 6. 24.(월)~2024. 7. 1.(월) (6박 8일간)', '2024. 6. 24(월) ~ 7.1(월)',
    '2024년 6월 24일 ~ 7월 1일' -> (start, end, nights, days); missing parts are None."""
    text = clean(text)
    nights = days = None
    match = _NIGHTS_DAYS.search(text)
    if match:
        nights, days = int(match.group(1)), int(match.group(2))
    start = end = None
    parts = re.split(r"\s*[~∼〜–—]\s*|\s+-\s+", text, maxsplit=1)
    first = _YMD.search(parts[0])
    if first:
        start = make_date(first.group("y"), first.group("m"), first.group("d"))
    elif year_hint:
        md = _MD.search(parts[0])
        if md:
            start = make_date(year_hint, md.group("m"), md.group("d"))
    if len(parts) == 2:
        tail = parts[1]
        full = _YMD.match(tail.strip())
        if full:
            end = make_date(full.group("y"), full.group("m"), full.group("d"))
        else:
            md = _MD.match(tail.strip())
            year = start.year if start else year_hint
            if md and year:
                end = make_date(year, md.group("m"), md.group("d"))
                if end and start and end < start:
                    end = make_date(year + 1, md.group("m"), md.group("d"))
            elif start:
                d_only = _D_ONLY.match(tail.strip())
                if d_only:
                    end = make_date(start.year, start.month, d_only.group("d"))
    return start, end, nights, days


def parse_day(text: str, year: int | None) -> tuple[dt.date | None, str | None]:
    """A table date cell ('6.24. (월)', '6. 28. (금)', '2024. 6. 26.(수)') -> (date, weekday)."""
    text = clean(text)
    full = _YMD.search(text)
    if full:
        return make_date(full.group("y"), full.group("m"), full.group("d")), full.group("w")
    md = _MD.search(text)
    if md:
        return make_date(year, md.group("m"), md.group("d")), md.group("w")
    return None, None


def find_date(text: str) -> tuple[dt.date | None, str | None]:
    return parse_day(text, None)


# -- times and durations ---------------------------------------------------------------------------

_TIME_RANGE = re.compile(r"(?P<h1>\d{1,2})\s*:\s*(?P<m1>\d{2})\s*(?:[~∼〜–-]\s*(?P<h2>\d{1,2})\s*:\s*(?P<m2>\d{2}))?")
_PLUS_DAY = re.compile(r"\+\s*(\d)\s*일?")


def parse_time_range(text: str):
    """'16:50~19:40 <sup>+1일</sup>' -> ('16:50', '19:40', 1); no time -> (None, None, 0)."""
    raw = text or ""
    plus = 0
    tagged = _NEXT_DAY_TAG.search(raw)
    cleaned = clean(raw)
    match = _TIME_RANGE.search(cleaned)
    if not match:
        return None, None, 0
    after = cleaned[match.end():]
    extra = _PLUS_DAY.search(after)
    if tagged:
        plus = int(tagged.group(1))
    elif extra:
        plus = int(extra.group(1))
    start = _hhmm(match.group("h1"), match.group("m1"))
    end = _hhmm(match.group("h2"), match.group("m2")) if match.group("h2") else None
    return start, end, plus


def _hhmm(hours: str, minutes: str) -> str | None:
    h, m = int(hours), int(minutes)
    if h > 24 or m > 59:
        return None
    return f"{h:02d}:{m:02d}"


def minutes_of(hhmm: str | None) -> int | None:
    if not hhmm:
        return None
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


_DURATION = re.compile(r"^\s*(?:(?P<h>\d{1,2})\s*(?:h|시간))?\s*(?:(?P<m>\d{1,2})\s*(?:'|’|′|m|분))?\s*$",
                       re.IGNORECASE)


def parse_duration(text: str) -> int | None:
    """"2h50'", '3h', "30'", '1시간 30분' -> minutes; anything else -> None."""
    text = clean(text)
    if not text:
        return None
    match = _DURATION.match(text)
    if not match or not (match.group("h") or match.group("m")):
        return None
    return int(match.group("h") or 0) * 60 + int(match.group("m") or 0)


def format_minutes(minutes: int | None) -> str:
    if minutes is None:
        return ""
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{sign}{hours}시간 {rest}분"
    return f"{sign}{hours}시간" if hours else f"{sign}{rest}분"


def nights_days(text: str) -> tuple[int | None, int | None]:
    match = _NIGHTS_DAYS.search(text or "")
    return (int(match.group(1)), int(match.group(2))) if match else (None, None)
