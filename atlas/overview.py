"""Pure builders for the overview page: DataFrames in, display-ready values out."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from atlas import theme
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


def follow_up_summary(status: pd.DataFrame, lang: str) -> dict[str, str]:
    """Open / overdue / done counts and the completion rate (done among those not dropped)."""
    row = status.iloc[0] if not status.empty else {}
    done, committed = int(row.get("done", 0) or 0), int(row.get("committed", 0) or 0)
    rate = f"{done / committed:.0%}" if committed else "–"
    return {"open": format_number(int(row.get("open", 0) or 0), lang),
            "overdue": format_number(int(row.get("overdue", 0) or 0), lang),
            "done": format_number(done, lang), "completion": rate}


def _layout(figure: go.Figure, title: str, scope: str, height: int = 320) -> go.Figure:
    figure.update_layout(
        title={"text": f"{title}<br><sup>{html.escape(scope)}</sup>" if scope else title},
        template="plotly_white", height=height, margin={"l": 50, "r": 20, "t": 70, "b": 40},
        font={"family": "Pretendard, 'Malgun Gothic', sans-serif", "color": theme.TEXT}, showlegend=False,
    )
    return figure


def trend_figure(by_year: pd.DataFrame, lang: str, scope: str) -> go.Figure:
    """Trips per year (bars) with meetings per year (line, right axis); years without trips
    show as zero so the rhythm is not hidden."""
    if not by_year.empty:
        years = range(int(by_year["year"].min()), int(by_year["year"].max()) + 1)
        by_year = (by_year.assign(year=by_year["year"].astype(int)).set_index("year")
                   .reindex(years, fill_value=0).rename_axis("year").reset_index())
    figure = go.Figure()
    figure.add_trace(go.Bar(x=by_year["year"].astype(int), y=by_year["trips"], name=t("overview.trips", lang),
                            marker_color=theme.PRIMARY))
    figure.add_trace(go.Scatter(x=by_year["year"].astype(int), y=by_year["meetings"], yaxis="y2",
                                name=t("overview.meetings", lang), mode="lines+markers",
                                line={"color": theme.CATEGORICAL[1], "width": 3}))
    _layout(figure, t("overview.trend", lang), scope)
    figure.update_layout(
        showlegend=True, legend={"orientation": "h", "y": -0.18},
        xaxis={"dtick": 1, "tickformat": "d"},
        yaxis={"title": t("overview.trips", lang), "rangemode": "tozero", "tickformat": ",d",
               "dtick": 1 if by_year.empty or by_year["trips"].max() <= 8 else None},
        yaxis2={"title": t("overview.meetings", lang), "overlaying": "y", "side": "right", "rangemode": "tozero",
                "showgrid": False, "tickformat": ",d"},
        bargap=0.35,
    )
    return figure


def top_figure(frame: pd.DataFrame, names: list[str], values: str, title: str, lang: str, scope: str) -> go.Figure:
    """A horizontal bar chart of the top entries, largest on top."""
    figure = go.Figure(go.Bar(
        x=frame[values].tolist()[::-1], y=[html.escape(str(n)) for n in names][::-1], orientation="h",
        marker_color=theme.PRIMARY, text=frame[values].tolist()[::-1], textposition="outside",
    ))
    return _layout(figure, title, scope, height=60 + 36 * max(len(names), 1) + 60)
