"""The one filter state every page shares, and its mirror in the URL.

A pasted link must reproduce the view, so `Filters.to_query()` and `Filters.from_query()`
round-trip, and `from_query` forgives hand-edited URLs (bad values are dropped, never fatal).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from typing import Any, Iterable, Mapping

# URL parameter names. Plural, so that entity pages can use ?city=… / ?institution=… / ?trip=…
URL_KEYS = {
    "date_from": "from",
    "date_to": "to",
    "org_ids": "orgs",
    "dept_ids": "depts",
    "countries": "countries",
    "city_ids": "cities",
    "sectors": "sectors",
    "itypes": "itypes",
}


def _ints(values: Iterable[Any]) -> tuple[int, ...]:
    out = []
    for value in values:
        try:
            out.append(int(str(value).strip()))
        except ValueError:
            continue
    return tuple(dict.fromkeys(out))


def _codes(values: Iterable[Any], upper: bool = False) -> tuple[str, ...]:
    out = []
    for value in values:
        text = str(value).strip()
        if text and len(text) <= 64 and text.replace("_", "").replace("-", "").isalnum():
            out.append(text.upper() if upper else text)
    return tuple(dict.fromkeys(out))


def _date(value: Any) -> dt.date | None:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _split(value: Any) -> list[str]:
    """URL values arrive as 'a,b', ['a', 'b'] or ['a,b']."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    return [part for item in items for part in str(item).split(",") if part.strip()]


@dataclass(frozen=True)
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    org_ids: tuple[int, ...] = field(default_factory=tuple)
    dept_ids: tuple[int, ...] = field(default_factory=tuple)
    countries: tuple[str, ...] = field(default_factory=tuple)  # ISO2
    city_ids: tuple[int, ...] = field(default_factory=tuple)  # GeoNames ids
    sectors: tuple[str, ...] = field(default_factory=tuple)
    itypes: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self):
        if self.date_from and self.date_to and self.date_from > self.date_to:
            # A reversed range is a typo, not an empty result.
            start, end = self.date_to, self.date_from
            object.__setattr__(self, "date_from", start)
            object.__setattr__(self, "date_to", end)

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def params(self) -> dict[str, Any]:
        """Bound parameters for the filter macros: None means "not filtered"."""
        return {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "org_ids": list(self.org_ids) or None,
            "dept_ids": list(self.dept_ids) or None,
            "countries": list(self.countries) or None,
            "city_ids": list(self.city_ids) or None,
            "sectors": list(self.sectors) or None,
            "itypes": list(self.itypes) or None,
        }

    def to_query(self) -> dict[str, str]:
        """URL parameters for the active filters only (lists comma-joined)."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if not value:
                continue
            key = URL_KEYS[f.name]
            out[key] = value.isoformat() if isinstance(value, dt.date) else ",".join(str(v) for v in value)
        return out

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> "Filters":
        get = lambda name: query.get(URL_KEYS[name])  # noqa: E731
        return cls(
            date_from=_date(get("date_from")),
            date_to=_date(get("date_to")),
            org_ids=_ints(_split(get("org_ids"))),
            dept_ids=_ints(_split(get("dept_ids"))),
            countries=_codes(_split(get("countries")), upper=True),
            city_ids=_ints(_split(get("city_ids"))),
            sectors=_codes(_split(get("sectors"))),
            itypes=_codes(_split(get("itypes"))),
        )

    def with_(self, **changes) -> "Filters":
        return replace(self, **changes)


def describe(filters: Filters, lang: str, names: Mapping[str, Mapping[Any, str]] | None = None) -> str:
    """A short caption of the active filters for chart titles and memos, e.g.
    "2024. 1. 1. ~ 12. 31. · 미국 · 바이오". Empty string when nothing is filtered."""
    from atlas.i18n import format_period, label

    names = names or {}

    def named(kind: str, values: Iterable[Any]) -> str:
        lookup = names.get(kind, {})
        return ", ".join(lookup.get(v, str(v)) for v in values)

    parts = []
    if filters.date_from or filters.date_to:
        if filters.date_from and filters.date_to:
            parts.append(format_period(filters.date_from, filters.date_to, lang))
        elif filters.date_from:
            parts.append(format_period(filters.date_from, None, lang) + " ~")
        else:
            parts.append("~ " + format_period(None, filters.date_to, lang))
    for kind in ("org_ids", "dept_ids", "countries", "city_ids"):
        if getattr(filters, kind):
            parts.append(named(kind, getattr(filters, kind)))
    if filters.sectors:
        parts.append(", ".join(label("sector", s, lang) for s in filters.sectors))
    if filters.itypes:
        parts.append(", ".join(label("itype", s, lang) for s in filters.itypes))
    return " · ".join(parts)
