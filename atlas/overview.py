"""Pure builders for the overview page: DataFrames in, display-ready values out."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from atlas.i18n import format_number, format_period, t

METRICS = ("trips", "countries", "cities", "institutions", "meetings", "open_follow_ups")


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    value: int
    text: str


def headline_metrics(counts: pd.DataFrame, lang: str) -> list[Metric]:
    """One Metric per headline count, in the overview's order."""
    row = counts.iloc[0] if not counts.empty else {}
    metrics = []
    for key in METRICS:
        value = int(row.get(key, 0) or 0)
        metrics.append(Metric(key, t(f"overview.{key}", lang), value, format_number(value, lang)))
    return metrics


def recent_trips_table(trips: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The recent-trips table with localized headers, dates and city names."""
    ko = lang == "ko"
    columns = {
        "trip": t("col.trip", lang), "organization": t("col.organization", lang),
        "period": t("col.period", lang), "cities": t("col.cities", lang),
        "meetings": t("col.meetings", lang), "status": t("col.status", lang),
    }
    if trips.empty:
        return pd.DataFrame(columns=list(columns.values()))
    table = pd.DataFrame({
        "trip": trips["title"],
        "organization": trips["organization_ko" if ko else "organization_en"],
        "period": [format_period(_d(s), _d(e), lang) for s, e in zip(trips["start_date"], trips["end_date"])],
        "cities": [", ".join(c) for c in trips["cities_ko" if ko else "cities_en"]],
        "meetings": trips["meetings"].astype(int),
        "status": [t(f"status.{s}", lang) for s in trips["status"]],
    })
    return table.rename(columns=columns)


def _d(value):
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()
