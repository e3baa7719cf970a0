"""Pure builders for the cooperation-program catalogue and comparison (issue #7)."""

from __future__ import annotations

import html
import math
from typing import Mapping

import pandas as pd
import plotly.graph_objects as go

from atlas import theme
from atlas.i18n import format_krw, format_money, format_number, label, t

# Starting values only, changed on the Programs page and stored in app_settings ('fx.USD' …).
# They are not live rates: the app works offline.
DEFAULT_KRW_RATES = {"USD": 1380.0, "CAD": 1000.0, "EUR": 1480.0, "GBP": 1750.0, "JPY": 9.3, "CNY": 190.0}

COMPARED_ATTRIBUTES = ("institution", "city", "type", "cost", "cost_krw", "duration", "eligibility",
                       "provides", "sectors", "funding_source", "source")


def krw_rates(stored: pd.DataFrame) -> dict[str, float]:
    """Defaults overlaid with the rates the user saved."""
    rates = dict(DEFAULT_KRW_RATES)
    for row in stored.itertuples():
        rates[str(row.currency).upper()] = float(row.krw_per_unit)
    return rates


def save_exchange_rates(database, rates: Mapping[str, float], user) -> None:
    """Store the KRW rates (currency code -> won per unit) in one transaction; editors only."""
    from atlas import access

    access.require(user, "edit")
    with database.transaction() as tx:
        for code, value in rates.items():
            tx.run("settings/set", {"key": f"fx.{str(code).upper()}", "value": str(float(value))})


def cost_in_krw(amount, currency, rates: Mapping[str, float]) -> float | None:
    if amount is None or _missing(amount):
        return None
    code = (currency or "").upper()
    if code == "KRW":
        return float(amount)
    rate = rates.get(code)
    return float(amount) * rate if rate else None


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _list(value) -> list:
    if value is None or (not isinstance(value, (list, tuple)) and _missing(value)):
        return []
    return list(value)


def _text(value) -> str:
    return "" if _missing(value) else str(value)


def _row_values(row, lang: str, rates: Mapping[str, float]) -> dict[str, str]:
    ko = lang == "ko"
    krw = cost_in_krw(row.cost_amount, row.cost_currency, rates)
    cost = format_money(None if _missing(row.cost_amount) else row.cost_amount, row.cost_currency, lang)
    if _text(row.cost_note):
        cost = f"{cost} ({row.cost_note})" if cost else _text(row.cost_note)
    duration = _text(row.duration_text)
    if not duration and not _missing(row.duration_days):
        duration = t("programs.days", lang, days=format_number(int(row.duration_days), lang))
    source = _text(row.source_file)
    if source and not _missing(row.line_start):
        source = f"{source} ({t('programs.lines', lang, start=int(row.line_start), end=int(row.line_end))})"
    elif not source and _text(row.entered_by):
        source = t("programs.entered_by", lang, user=row.entered_by)
    return {
        "name": _text(row.name if ko or _missing(row.name_en) else row.name_en),
        "institution": _text(row.institution_ko if ko else row.institution_en),
        "city": _text(row.city_ko if ko else row.city_en),
        "type": label("program_type", row.type, lang),
        "cost": cost,
        "cost_krw": format_krw(krw, lang) if krw is not None else "",
        "duration": duration,
        "eligibility": _text(row.eligibility),
        "provides": ", ".join(label("provides", p, lang) for p in _list(row.provides)),
        "sectors": ", ".join(label("sector", s, lang) for s in _list(row.sectors)),
        "funding_source": _text(row.funding_source),
        "source": source,
    }


def catalogue_table(programs: pd.DataFrame, lang: str, rates: Mapping[str, float]) -> pd.DataFrame:
    """One row per program with localized headers; index = program_id."""
    columns = ("name", "institution", "city", "type", "cost", "cost_krw", "duration", "eligibility",
               "provides", "funding_source", "source")
    rows = [_row_values(row, lang, rates) for row in programs.itertuples()]
    table = pd.DataFrame(rows, columns=list(columns), index=programs["program_id"].tolist() if len(programs) else [])
    return table.rename(columns={c: t(f"programs.col.{c}", lang) for c in columns})


def comparison_table(programs: pd.DataFrame, program_ids: list[int], lang: str,
                     rates: Mapping[str, float]) -> tuple[pd.DataFrame, list[str]]:
    """Attributes as rows, the chosen programs as columns, and the attribute labels whose values
    differ between them (to highlight)."""
    chosen = programs.set_index("program_id").loc[[p for p in program_ids if p in set(programs["program_id"])]]
    columns = {}
    for program_id, row in zip(chosen.index, chosen.reset_index().itertuples()):
        values = _row_values(row, lang, rates)
        header = values["name"]
        if header in columns:  # two programs with the same name stay apart
            header = f"{header} ({values['institution']})"
        columns[header] = [values[a] for a in COMPARED_ATTRIBUTES]
    index = [t(f"programs.col.{a}", lang) for a in COMPARED_ATTRIBUTES]
    table = pd.DataFrame(columns, index=index)
    differing = [attr for attr, values in table.iterrows() if len(set(values)) > 1]
    return table, differing


def cost_duration_figure(programs: pd.DataFrame, lang: str, rates: Mapping[str, float], scope: str) -> tuple[go.Figure, int]:
    """Programs placed by duration (days) and cost in KRW, coloured by type; also returns how
    many programs could not be placed for want of a cost or a duration."""
    ko = lang == "ko"
    types = sorted(set(programs["type"])) if len(programs) else []
    colours = theme.color_map(types)
    figure = go.Figure()
    unplaced = 0
    for kind in types:
        subset = programs[programs["type"] == kind]
        xs, ys, texts = [], [], []
        for row in subset.itertuples():
            krw = cost_in_krw(row.cost_amount, row.cost_currency, rates)
            if krw is None or _missing(row.duration_days):
                unplaced += 1
                continue
            xs.append(int(row.duration_days))
            ys.append(krw)
            name = row.name if ko or _missing(row.name_en) else row.name_en
            host = row.institution_ko if ko else row.institution_en
            # Plotly reads a subset of HTML in hover text and titles: names are escaped.
            texts.append(f"{html.escape(str(name))}<br>{html.escape(str(host))}<br>{format_krw(krw, lang)}")
        if xs:
            figure.add_trace(go.Scatter(
                x=xs, y=ys, mode="markers", name=label("program_type", kind, lang), hovertext=texts,
                hoverinfo="text", marker={"size": 16, "color": colours[kind], "line": {"width": 1, "color": "white"}},
            ))
    title = t("programs.chart.cost_duration", lang)
    figure.update_layout(
        title={"text": f"{title}<br><sup>{html.escape(scope)}</sup>" if scope else title},
        xaxis={"title": t("programs.axis.duration", lang), "rangemode": "tozero", "tickformat": ",d"},
        yaxis={"title": t("programs.axis.cost", lang), "rangemode": "tozero", "tickformat": ",.0f"},
        template="plotly_white", font={"family": "Pretendard, 'Malgun Gothic', sans-serif", "color": theme.TEXT},
        height=420, margin={"l": 60, "r": 20, "t": 70, "b": 50}, legend={"orientation": "h", "y": -0.2},
    )
    return figure, unplaced


def provides_matrix(programs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Programs × what they provide, as ✓ marks (for the 'what they provide' view)."""
    ko = lang == "ko"
    services = sorted({p for value in programs["provides"] for p in _list(value)}) if len(programs) else []
    rows = {}
    for row in programs.itertuples():
        name = row.name if ko or _missing(row.name_en) else row.name_en
        provided = set(_list(row.provides))
        rows[name] = ["✓" if s in provided else "" for s in services]
    return pd.DataFrame.from_dict(rows, orient="index", columns=[label("provides", s, lang) for s in services])
