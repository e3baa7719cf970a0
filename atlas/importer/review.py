"""Pure builders for the import page: an extraction as editable tables, the user's edits back
into the extraction, and the sentences that say what happened. No Streamlit here."""

from __future__ import annotations

import copy
import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from atlas.i18n import format_date, format_number, format_period, label, t
from atlas.importer.errors import ImportRefused
from atlas.importer.extraction import Extraction
from atlas.importer.writer import Outcome

ITINERARY_KINDS = ("flight", "transfer", "meeting", "visit", "event", "official", "free")
MEETING_KINDS = ("meeting", "courtesy_call", "site_visit", "event", "lecture")
INSTITUTION_TYPES = ("government", "economic_development_agency", "university", "tech_transfer_office",
                     "incubator_accelerator", "nonprofit", "company", "investor", "think_tank", "association",
                     "public_agency", "research_institute", "event", "other")
PROGRAM_TYPES = ("pitching_event", "gap_funding", "seed_funding", "customer_discovery", "soft_landing", "incubation",
                 "office_space", "lab_access", "staff_exchange", "mentoring", "networking", "technology_transfer",
                 "other")
STAGES = ("identified", "proposed", "in_discussion", "agreed", "in_progress", "done", "on_hold", "dropped")
TRIP_STATUSES = ("planned", "ongoing", "completed")
SIDES = ("ours", "theirs", "interpreter")

# The tables of the review, in the order the page shows them.
TABLES = ("trip", "itinerary", "meetings", "attendees", "institutions", "programs", "follow_ups", "flags")
# Which columns the user may edit in each table (the rest are shown for context).
EDITABLE = {
    "trip": ("title", "start_date", "end_date", "status", "purpose"),
    "itinerary": ("date", "start", "end", "kind", "description"),
    "meetings": ("title", "date", "start", "end", "place", "kind"),
    "attendees": ("name", "title", "organization", "side"),
    "institutions": ("name_ko", "name_en", "type"),
    "programs": ("name", "type", "cost_amount", "cost_currency", "duration_text", "eligibility", "funding_source"),
    "follow_ups": ("action", "stage"),
    "flags": (),
}


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    value: int
    text: str


def counts(x: Extraction, lang: str) -> list[Count]:
    values = {
        "itinerary": len(x.itinerary), "meetings": len(x.meetings), "institutions": len(x.institutions),
        "programs": len(x.programs), "follow_ups": len(x.follow_ups),
        "flags": sum(1 for f in x.flags if f.severity != "info"),
    }
    return [Count(k, t(f"import.count.{k}", lang), v, format_number(v, lang)) for k, v in values.items()]


def headline(x: Extraction, lang: str) -> str:
    """'미국·캐나다 공무국외출장 · 2024. 6. 24. ~ 7. 1. · 시애틀, 캘거리' (plain text, never HTML)."""
    trip = x.trip
    if trip is None:
        return x.file_name
    cities = ", ".join((c.name_ko if lang == "ko" else c.name_en) or c.text for c in trip.cities)
    parts = [trip.title or x.title or x.file_name, format_period(trip.start_date, trip.end_date, lang), cities]
    return " · ".join(p for p in parts if p)


def document_line(x: Extraction, lang: str) -> str:
    kind = label("document_kind", x.kind, lang)
    if x.published is None:
        published = t("import.unknown", lang)
    elif x.published_precision == "month":
        published = (f"{x.published.year}. {x.published.month}." if lang == "ko"
                     else x.published.strftime("%b %Y"))
    elif x.published_precision == "year":
        published = str(x.published.year)
    else:
        published = format_date(x.published, lang)
    return t("import.document_line", lang, file=x.file_name, format=x.format.upper(), kind=kind, published=published,
             publisher=x.publisher or t("import.unknown", lang))


def _place(place, lang: str) -> str | None:
    if place is None:
        return None
    return (place.name_ko if lang == "ko" else place.name_en) or place.text


def _lines(a, b) -> str:
    if a is None:
        return ""
    return str(a) if b in (None, a) else f"{a}–{b}"


def _time(value: str | None) -> dt.time | None:
    if not value:
        return None
    hours, minutes = value.split(":")
    return dt.time(int(hours) % 24, int(minutes))


def frames(x: Extraction, lang: str) -> dict[str, pd.DataFrame]:
    """Every review table. Column names are stable codes; the page labels them with `column_labels`."""
    inst = {i.ref: i.name for i in x.institutions}
    meeting_titles = {m.ref: m.title for m in x.meetings}
    trip = x.trip
    out: dict[str, pd.DataFrame] = {}
    out["trip"] = pd.DataFrame([{
        "title": trip.title, "organization": trip.organization, "start_date": trip.start_date,
        "end_date": trip.end_date, "nights_days": (f"{trip.nights_stated}박 {trip.days_stated}일"
                                                  if trip.nights_stated is not None else ""),
        "countries": ", ".join(trip.countries),
        "cities": ", ".join(_place(c, lang) or "" for c in trip.cities),
        "travellers": ", ".join(" ".join(p for p in (tr.name, tr.title) if p) for tr in trip.travellers),
        "status": trip.status, "purpose": trip.purpose, "lines": _lines(trip.line_start, trip.line_end),
    }] if trip else [])
    out["itinerary"] = pd.DataFrame([{
        "date": i.date, "start": _time(i.start), "end": _time(i.end),
        "end_date": i.end_date if i.end_date != i.date else None, "city": _place(i.city, lang),
        "route": " → ".join(p for p in (_place(i.from_city, lang), _place(i.to_city, lang)) if p)
        if i.from_city or i.to_city else "",
        "kind": i.kind, "description": i.description, "stated": i.stated_duration_text or "",
        "meeting": meeting_titles.get(i.meeting_ref, ""), "lines": _lines(i.line_start, i.line_end),
    } for i in x.itinerary], columns=["date", "start", "end", "end_date", "city", "route", "kind", "description",
                                     "stated", "meeting", "lines"])
    out["meetings"] = pd.DataFrame([{
        "title": m.title, "institution": inst.get(m.institution_ref, ""), "date": m.date,
        "start": _time(m.start), "end": _time(m.end), "city": _place(m.city, lang), "place": m.place,
        "kind": m.kind, "attendees": sum(p.headcount for p in m.attendees),
        "stated": m.attendee_count_stated, "lines": _lines(m.line_start, m.line_end),
    } for m in x.meetings], columns=["title", "institution", "date", "start", "end", "city", "place", "kind",
                                    "attendees", "stated", "lines"])
    out["attendees"] = pd.DataFrame([{
        "meeting": m.title, "name": p.name, "title": p.title, "organization": p.organization, "side": p.side,
        "headcount": p.headcount, "lines": _lines(p.line, p.line),
    } for m in x.meetings for p in m.attendees],
        columns=["meeting", "name", "title", "organization", "side", "headcount", "lines"])
    out["institutions"] = pd.DataFrame([{
        "name_ko": i.name_ko, "name_en": i.name_en, "aliases": ", ".join(i.aliases),
        "city": _place(i.city, lang), "type": i.type,
        "sectors": ", ".join(label("sector", s, lang) for s in i.sectors),
        "known": i.existing_id is not None, "lines": _lines(i.line_start, i.line_end),
    } for i in x.institutions], columns=["name_ko", "name_en", "aliases", "city", "type", "sectors", "known", "lines"])
    out["programs"] = pd.DataFrame([{
        "name": p.name, "institution": inst.get(p.institution_ref, ""), "type": p.type,
        "cost_amount": p.cost_amount, "cost_currency": p.cost_currency, "duration_text": p.duration_text,
        "eligibility": p.eligibility, "funding_source": p.funding_source, "lines": _lines(p.line_start, p.line_end),
    } for p in x.programs], columns=frames_columns("programs"))
    out["follow_ups"] = pd.DataFrame([{
        "action": f.action, "institutions": ", ".join(inst.get(r, "") for r in f.institution_refs),
        "meeting": meeting_titles.get(f.meeting_ref, ""), "stage": f.stage,
        "lines": _lines(f.line_start, f.line_end),
    } for f in x.follow_ups], columns=["action", "institutions", "meeting", "stage", "lines"])
    out["flags"] = pd.DataFrame([{
        "severity": f.severity, "code": f.code, "message": f.message, "lines": _lines(f.line_start, f.line_end),
    } for f in sorted(x.flags, key=lambda f: ({"error": 0, "warning": 1, "info": 2}[f.severity], f.line_start or 0))],
        columns=["severity", "code", "message", "lines"])
    return out


def column_labels(table: str, lang: str) -> dict[str, str]:
    return {column: t(f"import.col.{column}", lang) for column in frames_columns(table)}


def frames_columns(table: str) -> list[str]:
    return {
        "trip": ["title", "organization", "start_date", "end_date", "nights_days", "countries", "cities",
                 "travellers", "status", "purpose", "lines"],
        "itinerary": ["date", "start", "end", "end_date", "city", "route", "kind", "description", "stated", "meeting",
                      "lines"],
        "meetings": ["title", "institution", "date", "start", "end", "city", "place", "kind", "attendees", "stated",
                     "lines"],
        "attendees": ["meeting", "name", "title", "organization", "side", "headcount", "lines"],
        "institutions": ["name_ko", "name_en", "aliases", "city", "type", "sectors", "known", "lines"],
        "programs": ["name", "institution", "type", "cost_amount", "cost_currency", "duration_text", "eligibility",
                     "funding_source", "lines"],
        "follow_ups": ["action", "institutions", "meeting", "stage", "lines"],
        "flags": ["severity", "code", "message", "lines"],
    }[table]


def choices(table: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Columns edited by choosing a code: column -> (label kind, codes)."""
    return {
        "trip": {"status": ("trip_status", TRIP_STATUSES)},
        "itinerary": {"kind": ("itinerary_kind", ITINERARY_KINDS)},
        "meetings": {"kind": ("meeting_kind", MEETING_KINDS)},
        "attendees": {"side": ("attendee_side", SIDES)},
        "institutions": {"type": ("itype", INSTITUTION_TYPES)},
        "programs": {"type": ("program_type", PROGRAM_TYPES)},
        "follow_ups": {"stage": ("stage", STAGES)},
        "flags": {"severity": ("flag_severity", ("error", "warning", "info"))},
    }[table]


# -- edits back into the extraction ---------------------------------------------------------------------

def _value(value):
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def _text(value) -> str | None:
    value = _value(value)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _hhmm(value) -> str | None:
    value = _value(value)
    if value is None:
        return None
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    text = str(value).strip()
    return text[:5] if len(text) >= 4 else None


def _date(value) -> dt.date | None:
    value = _value(value)
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def apply_edits(x: Extraction, edited: dict[str, pd.DataFrame]) -> Extraction:
    """A copy of `x` with the edited cells of the review tables. Rows are matched by position
    (the tables have a fixed number of rows); only the EDITABLE columns are read back."""
    out = copy.deepcopy(x)
    if "trip" in edited and out.trip is not None and len(edited["trip"]):
        row = edited["trip"].iloc[0]
        out.trip.title = _text(row.get("title")) or out.trip.title
        out.trip.start_date = _date(row.get("start_date"))
        out.trip.end_date = _date(row.get("end_date"))
        out.trip.status = _text(row.get("status")) or out.trip.status
        out.trip.purpose = _text(row.get("purpose"))
    for item, (_, row) in zip(out.itinerary, edited.get("itinerary", pd.DataFrame()).iterrows()):
        item.date = _date(row.get("date"))
        item.start, item.end = _hhmm(row.get("start")), _hhmm(row.get("end"))
        if item.end_date is None or item.end_date == x.itinerary[item.seq - 1].date:
            item.end_date = item.date
        item.kind = _text(row.get("kind")) or item.kind
        item.description = _text(row.get("description")) or item.description
    for meeting, (_, row) in zip(out.meetings, edited.get("meetings", pd.DataFrame()).iterrows()):
        meeting.title = _text(row.get("title")) or meeting.title
        meeting.date = _date(row.get("date"))
        meeting.start, meeting.end = _hhmm(row.get("start")), _hhmm(row.get("end"))
        meeting.place = _text(row.get("place"))
        meeting.kind = _text(row.get("kind")) or meeting.kind
    people = [p for m in out.meetings for p in m.attendees]
    for person, (_, row) in zip(people, edited.get("attendees", pd.DataFrame()).iterrows()):
        person.name, person.title = _text(row.get("name")), _text(row.get("title"))
        person.organization = _text(row.get("organization"))
        person.side = _text(row.get("side")) or person.side
    for institution, (_, row) in zip(out.institutions, edited.get("institutions", pd.DataFrame()).iterrows()):
        institution.name_ko = _text(row.get("name_ko")) or institution.name_ko
        institution.name_en = _text(row.get("name_en"))
        institution.type = _text(row.get("type")) or institution.type
    for program, (_, row) in zip(out.programs, edited.get("programs", pd.DataFrame()).iterrows()):
        program.name = _text(row.get("name")) or program.name
        program.type = _text(row.get("type")) or program.type
        amount = _value(row.get("cost_amount"))
        program.cost_amount = float(amount) if amount is not None else None
        program.cost_currency = _text(row.get("cost_currency"))
        program.duration_text = _text(row.get("duration_text"))
        program.eligibility = _text(row.get("eligibility"))
        program.funding_source = _text(row.get("funding_source"))
    for follow_up, (_, row) in zip(out.follow_ups, edited.get("follow_ups", pd.DataFrame()).iterrows()):
        follow_up.action = _text(row.get("action")) or follow_up.action
        follow_up.stage = _text(row.get("stage")) or follow_up.stage
    return out


def problems(x: Extraction, lang: str) -> list[str]:
    """What must be fixed before the extraction can be stored (edits can break it)."""
    out = []
    trip = x.trip
    if trip and trip.start_date and trip.end_date and trip.end_date < trip.start_date:
        out.append(t("import.problem.period", lang))
    if trip and not (trip.title or x.title):
        out.append(t("import.problem.title", lang))
    return out


# -- sentences ------------------------------------------------------------------------------------------

def refusal_message(refused: ImportRefused, lang: str) -> str:
    return t("import.refused", lang, file=refused.file_name or "", reason=refused.message(lang))


def outcome_message(outcome: Outcome, lang: str) -> str:
    if outcome.status == "unchanged":
        return t("import.outcome.unchanged", lang, file=outcome.file_name, document=outcome.document_id)
    facts = ", ".join(t("import.outcome.fact", lang, what=t(f"import.table.{table}", lang), n=count)
                      for table, count in outcome.counts.items()
                      if count and table in ("trips", "meetings", "itinerary_items", "institutions", "programs",
                                             "follow_ups", "data_quality_flags"))
    if outcome.status == "replaced":
        return t("import.outcome.replaced", lang, file=outcome.file_name, document=outcome.document_id,
                 previous=outcome.replaced_document_id, kept=outcome.kept_follow_ups, facts=facts)
    return t("import.outcome.imported", lang, file=outcome.file_name, document=outcome.document_id, facts=facts)


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~$"})


def plain(text: str | None) -> str:
    """Document text for a Markdown-rendering element, with Markdown's special characters
    escaped (a file name or title is shown as written, never interpreted)."""
    return (text or "").translate(_MARKDOWN)


def display_flags(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The data-check table with severity and check names in words."""
    out = frame.copy()
    out["severity"] = [label("flag_severity", v, lang) for v in out["severity"]]
    out["code"] = [label("flag_code", v, lang) for v in out["code"]]
    return out


def link_params(url: str) -> dict[str, str]:
    """The query parameters of a link built by frame.entity_link, for st.page_link."""
    from urllib.parse import parse_qsl, urlsplit

    return dict(parse_qsl(urlsplit(url).query))
