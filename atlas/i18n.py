"""Every user-visible string, in Korean (default) and English, and locale-aware formatting.

`t("key", lang)` looks a string up; `label(kind, value, lang)` names a stored code (a stage,
an institution type, a sector). Numbers and dates follow the reader's convention:
Korean "2024. 6. 24." and amounts in 천원, English "Jun 24, 2024" and full amounts.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from atlas.strings import collect

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}
# Written in both languages so that a reader of either can find the switch.
LANGUAGE_SWITCH_LABEL = "언어 · Language"

STRINGS, LABELS = collect()

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
