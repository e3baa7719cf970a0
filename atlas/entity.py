"""Pure builders shared by the entity pages (a city, an institution, a trip; issue #7): the
city's key facts and its clock against Korea's, the rows of the sections every entity page
shows the same way (programs, follow-ups, source documents, data-quality notes) and the data
of the small maps. DataFrames from the named queries in, display-ready values out; no
Streamlit here (atlas/ui/entity.py renders them)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import folium
import pandas as pd

from atlas import timeline as tl
from atlas.filters import Filters, describe
from atlas.i18n import format_date, format_number, format_period, label, t
from atlas.maps import MapView

KOREA_TZ = tl.KOREA_TZ
SEED_USER = "seed"  # atlas.seed.SEED_USER: who "imported" the built-in documents
# How many rows a section draws before it says "the first N of M" (a city at 100× data has
# thousands of meetings; the filters narrow them).
SECTION_LIMIT = 50
CHART_LIMIT = 400  # trips drawn one bar each on the city's timeline; above, the timeline page counts them by month
DOCUMENT_LIMIT = 20
FACT_KINDS = ("trips", "itinerary", "meetings", "institutions", "programs", "follow_ups")


# -- text for Markdown -------------------------------------------------------------------------------

# Streamlit's Markdown turns bare web and e-mail addresses into links (GFM autolinks) even when
# every special character is escaped. A word joiner (U+2060, invisible) inside the address keeps
# it text: "http:\u2060//…", "www\u2060.…", "name\u2060@…".
_WORD_JOINER = "\u2060"
_AUTOLINKS = (
    (re.compile(r"(?i)\b(https?|ftp|mailto):"), "\\1:" + _WORD_JOINER),
    (re.compile(r"(?i)\bwww\."), "www" + _WORD_JOINER + "."),
    (re.compile(r"(?<=[\w.+-])@(?=\w)"), _WORD_JOINER + "@"),
)


def unlink(value) -> str:
    """Data text with its web and e-mail addresses kept from becoming links."""
    text = tl.as_text(value)
    for pattern, replacement in _AUTOLINKS:
        text = pattern.sub(replacement, text)
    return text


def md_text(value) -> str:
    """Data text for Streamlit Markdown (titles, captions, labels, expanders): shown as written,
    never a link, image, HTML or formatting (timeline.md_escape, plus no autolinks)."""
    return tl.md_escape(unlink(value))


def table_style(frame: pd.DataFrame, nowrap: Sequence[int] = ()):
    """timeline.table_style (every cell escaped, short columns on one line) with no autolinks."""
    return tl.table_style(frame.map(unlink) if not frame.empty else frame, nowrap=nowrap)


# -- a display table with its short columns -----------------------------------------------------

@dataclass(frozen=True)
class Table:
    """A table ready for st.table: the frame (headers translated) and which columns (by
    position) hold short values that should stay on one line."""

    frame: pd.DataFrame
    nowrap: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return self.frame.empty

    def __len__(self) -> int:
        return len(self.frame)


# -- a city's clock -------------------------------------------------------------------------------

def utc_offset_hours(tz: str, when: dt.datetime) -> float | None:
    """The zone's offset from UTC at that instant, in hours (None for an unknown zone)."""
    zone = tl.zone(tz)
    if zone is None:
        return None
    instant = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    offset = instant.astimezone(zone).utcoffset()
    return None if offset is None else offset.total_seconds() / 3600


def offset_from_korea(tz: str, when: dt.datetime) -> float | None:
    """Hours the city's clock is ahead of (positive) or behind (negative) Korea's at `when`;
    daylight saving is taken into account, so Calgary is 15 h behind in June, 16 h in January."""
    here, korea = utc_offset_hours(tz, when), utc_offset_hours(KOREA_TZ, when)
    return None if here is None or korea is None else here - korea


def _hours_text(hours: float) -> str:
    whole = abs(hours)
    if whole == int(whole):
        return str(int(whole))
    minutes = round((whole - int(whole)) * 60)
    return f"{int(whole)}:{minutes:02d}"


def offset_text(hours: float | None, lang: str) -> str:
    """'한국보다 15시간 늦음' / '15 h behind Korea' (30- and 45-minute zones as 9:30)."""
    if hours is None:
        return ""
    if abs(hours) < 1e-9:
        return t("city.offset_same", lang)
    key = "city.offset_ahead" if hours > 0 else "city.offset_behind"
    return t(key, lang, hours=_hours_text(hours))


def utc_text(hours: float | None) -> str:
    if hours is None:
        return ""
    sign = "+" if hours >= 0 else "−"
    return f"UTC{sign}{_hours_text(hours)}"


def local_time_text(tz: str, when: dt.datetime, lang: str) -> str:
    """The city's current date and time with its zone's abbreviation: '6. 24. (월) 19:20 MDT'."""
    if tl.zone(tz) is None:
        return ""
    instant = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    moment = tl.local(instant, tz)
    return f"{tl.short_date(moment.date(), lang)} {moment:%H:%M} {tl.zone_abbr(tz, instant)}"


def coordinates_text(lat, lon, lang: str) -> str:
    """'북위 51.0501°, 서경 114.0853°' / '51.0501° N, 114.0853° W' (hemispheres named, never a
    signed number)."""
    if tl.is_missing(lat) or tl.is_missing(lon):
        return ""
    ns = t("city.north", lang) if float(lat) >= 0 else t("city.south", lang)
    ew = t("city.east", lang) if float(lon) >= 0 else t("city.west", lang)
    if lang == "ko":  # 북위 51.0501°, 서경 114.0853°
        return f"{ns} {abs(float(lat)):.4f}°, {ew} {abs(float(lon)):.4f}°"
    return f"{abs(float(lat)):.4f}° {ns}, {abs(float(lon)):.4f}° {ew}"


def population_text(value, lang: str) -> str:
    if tl.is_missing(value) or int(value) <= 0:
        return ""
    return t("city.population_value", lang, n=format_number(int(value), lang))


def city_name(row: Mapping, lang: str) -> str:
    return tl.pick(row, "name", lang)


def city_subtitle(facts: Mapping, lang: str) -> str:
    """The other language's name and the country: 'Calgary · 캐나다' / '캘거리 · Canada'."""
    name = city_name(facts, lang)
    other = tl.pick(facts, "name", "en" if lang == "ko" else "ko")
    country = tl.pick(facts, "country", lang) or tl.as_text(facts.get("country_iso2"))
    return " · ".join(p for p in (other if other != name else "", country) if p)


def city_facts(facts: Mapping, lang: str, now: dt.datetime) -> list[tuple[str, str]]:
    """(label, value) pairs of a city's key facts, in reading order; empty values left out."""
    tz = tl.as_text(facts.get("timezone"))
    offset = offset_from_korea(tz, now) if tz else None
    zone_parts = [tz]
    if tz and tl.zone(tz) is not None:
        zone_parts[0] = f"{tz} ({tl.zone_abbr(tz, now if now.tzinfo else now.replace(tzinfo=dt.timezone.utc))}, " \
                        f"{utc_text(utc_offset_hours(tz, now))})"
    aliases = ", ".join(dict.fromkeys(a for a in tl.as_list(facts.get("aliases")) if tl.as_text(a)))
    pairs = [
        (t("city.name_ko", lang), tl.as_text(facts.get("name_ko"))),
        (t("city.name_en", lang), tl.as_text(facts.get("name_en"))),
        (t("city.country", lang), tl.pick(facts, "country", lang) or tl.as_text(facts.get("country_iso2"))),
        (t("city.timezone", lang), zone_parts[0] if tz else ""),
        (t("city.korea_offset", lang), offset_text(offset, lang)),
        (t("city.local_now", lang), local_time_text(tz, now, lang) if tz else ""),
        (t("city.population", lang), population_text(facts.get("population"), lang)),
        (t("city.coordinates", lang), coordinates_text(facts.get("lat"), facts.get("lon"), lang)),
        (t("city.aliases", lang), aliases),
    ]
    return [(k, v) for k, v in pairs if v]


def city_summary(row: Mapping, lang: str) -> str:
    """One line per city for the picker: name · country · trips · meetings."""
    parts = [city_name(row, lang), tl.pick(row, "country", lang),
             t("city.trip_count", lang, n=tl.as_int(row.get("trips")) or 0),
             t("city.meeting_count", lang, n=tl.as_int(row.get("meetings")) or 0)]
    return " · ".join(p for p in parts if p)


def city_trip_label(row: Mapping, lang: str) -> str:
    """A trip that went to the city: title · its dates · organization · when it was here and
    how many meetings it held here."""
    period = format_period(tl.as_date(row.get("start_date")), tl.as_date(row.get("end_date")), lang)
    stay = format_period(tl.as_date(row.get("stay_start")), tl.as_date(row.get("stay_end")), lang)
    parts = [tl.as_text(row.get("title")), period or t("timeline.no_dates", lang), tl.group_label(row, lang)]
    if stay and stay != period:
        parts.append(t("city.stay", lang, period=stay))
    parts.append(t("city.meetings_here", lang, n=tl.as_int(row.get("meetings_here")) or 0))
    return " · ".join(p for p in parts if p)


def city_institution_label(row: Mapping, city_id: int, lang: str) -> str:
    """An institution of the city: name · type · where it is based when elsewhere · meetings
    here · programs."""
    parts = [tl.pick(row, "name", lang), label("itype", tl.as_text(row.get("type")), lang)]
    based = tl.as_int(row.get("city_id"))
    if based != city_id:
        where = tl.pick(row, "city", lang)
        parts.append(t("city.based_in", lang, city=where) if where else t("city.based_unknown", lang))
    parts.append(t("city.meetings_here", lang, n=tl.as_int(row.get("meetings_here")) or 0))
    programs = tl.as_int(row.get("programs")) or 0
    if programs:
        parts.append(t("city.program_count", lang, n=programs))
    return " · ".join(p for p in parts if p)


def without_places(filters: Filters) -> Filters:
    """The filters as a page about one place applies them: no country or city filter."""
    return filters.with_(countries=(), city_ids=())


def scope_text(filters: Filters, lang: str, organizations: pd.DataFrame | None = None,
               departments: pd.DataFrame | None = None) -> str:
    """The active filters other than places, in words ('2024. 1. 1. ~ 12. 31. · 대전과학산업진흥원'),
    naming organizations and departments from the filter bar's lists (filters/organizations,
    filters/departments)."""
    names: dict[str, dict] = {}
    column = "name_ko" if lang == "ko" else "name_en"
    for kind, frame, key in (("org_ids", organizations, "organization_id"), ("dept_ids", departments, "department_id")):
        if frame is not None and not frame.empty:
            names[kind] = {int(k): tl.as_text(v) or tl.as_text(ko)
                           for k, v, ko in zip(frame[key], frame[column], frame["name_ko"])}
    return describe(without_places(filters), lang, names)


def timeline_params(filters: Filters, city_id: int, lang: str) -> dict[str, str]:
    """URL parameters of the timeline page showing the trips to one city under the other filters."""
    params = without_places(filters).with_(city_ids=(int(city_id),)).to_query()
    return params | ({"lang": lang} if lang != "ko" else {})


def scope_note(scope: str, place_filtered: bool, lang: str) -> str:
    """What the city page's lists follow: the active filters (place filters do not apply to a
    page about one place), or all records."""
    text = t("city.filtered", lang, scope=scope) if scope else t("city.unfiltered", lang)
    return f"{text} {t('city.place_filters_ignored', lang)}" if place_filtered else text


def in_time_order(meetings: pd.DataFrame) -> pd.DataFrame:
    """Meetings by date and start time (undated, then untimed, last), then in source order."""
    if meetings.empty:
        return meetings
    keys = [(tl.as_date(r.get("meeting_date")) is None, tl.as_date(r.get("meeting_date")) or dt.date.max,
             tl.as_time(r.get("start_time")) is None, tl.as_time(r.get("start_time")) or dt.time.max,
             tl.as_int(r.get("seq")) or 0) for r in meetings.to_dict("records")]
    order = sorted(range(len(meetings)), key=lambda i: keys[i])
    return meetings.iloc[order].reset_index(drop=True)


# -- programs -------------------------------------------------------------------------------------

def programs_table(programs: pd.DataFrame, lang: str, with_host: bool = True) -> Table:
    """The programs section's table: the timeline module's program columns, with the host
    institution first when the page is not the host's own."""
    base = tl.programs_table(programs, lang)
    if not with_host:
        return Table(base, nowrap=(1,))
    hosts = [tl.pick(row, "institution", lang) for row in programs.to_dict("records")]
    base.insert(0, t("entity.col.host", lang), hosts)
    return Table(base, nowrap=(2,))


# -- follow-ups -----------------------------------------------------------------------------------

def follow_ups_table(frame: pd.DataFrame, lang: str, show_trip: bool = True,
                     show_counterparts: bool = True) -> Table:
    """Follow-ups already split by timeline.split_follow_ups (its _state column): due status,
    action, counterparts, stage, priority, due date, owner, next action, trip."""
    keys = ["due_state", "action"] + (["counterparts"] if show_counterparts else []) + \
           ["stage", "priority", "due", "owner", "next_action"] + (["trip"] if show_trip else [])
    headers = {"counterparts": t("entity.col.counterparts", lang)}
    columns = [headers.get(k) or t(f"timeline.col.{k}", lang) for k in keys]
    rows = []
    for row in frame.to_dict("records"):
        state = tl.as_text(row.get("_state")) or "none"
        values = {
            "due_state": t(f"institution.due_{state}", lang), "action": tl.as_text(row.get("action")),
            "counterparts": tl.pick(row, "counterparts", lang),
            "stage": label("stage", tl.as_text(row.get("stage")), lang),
            "priority": label("priority", tl.as_text(row.get("priority")), lang),
            "due": format_date(tl.as_date(row.get("due_date")), lang), "owner": tl.as_text(row.get("owner")),
            "next_action": tl.as_text(row.get("next_action")), "trip": tl.as_text(row.get("trip_title")),
        }
        rows.append([values[k] for k in keys])
    short = {"due_state", "stage", "priority", "due"}
    return Table(pd.DataFrame(rows, columns=columns), tuple(i for i, k in enumerate(keys) if k in short))


# -- source documents -------------------------------------------------------------------------------

@dataclass(frozen=True)
class DocumentCard:
    """One source document as the documents section shows it."""

    document_id: int
    heading: str                  # the title as published, else the file name
    file_name: str
    format: str
    details: str                  # kind · format · published · publisher
    imported: str                 # when and by whom it was imported
    facts: str                    # what on this page came from it
    download: str | None          # "file" (the kept original), "text" (the text read from it) or None
    synthetic: bool = False


def _timestamp_text(value, lang: str) -> str:
    if tl.is_missing(value):
        return ""
    moment = pd.Timestamp(value).to_pydatetime()
    return f"{format_date(moment.date(), lang)} {moment:%H:%M}"


def published_text(day, precision: str, lang: str) -> str:
    """A publication date as precise as it is known: 2024. 7. 31. / 2020. 1. / 2020."""
    day = tl.as_date(day)
    if day is None:
        return ""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{day.year}. {day.month}." if lang == "ko" else format_date(day, "en").replace(f" {day.day},", "")
    return format_date(day, lang)


def facts_text(row: Mapping, lang: str) -> str:
    """'출장 1 · 면담·방문 6 · 기관 5' — what on this page came from the document."""
    parts = []
    for kind in FACT_KINDS:
        count = tl.as_int(row.get(kind)) or 0
        if count:
            parts.append(t(f"entity.fact.{kind}", lang, n=format_number(count, lang)))
    return " · ".join(parts)


def _yes(value) -> bool:
    return not tl.is_missing(value) and bool(value)


def document_cards(documents: pd.DataFrame, lang: str) -> list[DocumentCard]:
    cards = []
    for row in documents.to_dict("records"):
        file_name = tl.as_text(row.get("file_name"))
        kind = tl.as_text(row.get("kind"))
        fmt = tl.as_text(row.get("format"))
        published = published_text(row.get("published_date"), tl.as_text(row.get("published_precision")), lang)
        details = [label("document_kind", kind, lang) if kind else "", fmt.upper(),
                   t("entity.document_published", lang, date=published) if published else "",
                   tl.as_text(row.get("publisher"))]
        by = tl.as_text(row.get("imported_by"))
        imported = t("entity.document_imported", lang, at=_timestamp_text(row.get("imported_at"), lang),
                     by=t("entity.document_seed_user", lang) if by == SEED_USER else by)
        if _yes(row.get("has_file")):
            download = "file"
        elif _yes(row.get("has_text")):
            download = "text"
        else:
            download = None
        cards.append(DocumentCard(
            document_id=int(row["document_id"]), heading=tl.as_text(row.get("title")) or file_name,
            file_name=file_name, format=fmt, details=" · ".join(p for p in details if p), imported=imported,
            facts=facts_text(row, lang), download=download, synthetic=_yes(row.get("is_synthetic")),
        ))
    return cards


MIME_TYPES = {"txt": "text/plain", "md": "text/markdown", "pdf": "application/pdf", "hwp": "application/x-hwp",
              "hwpx": "application/hwp+zip",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def download_name(file_name: str, wanted: str) -> str:
    """The name a download is saved under: the file's own for the original, <stem>.txt for the
    text read from it."""
    name = tl.as_text(file_name) or "document"
    if wanted == "file":
        return name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem}.txt"


def download_mime(fmt: str, wanted: str) -> str:
    if wanted != "file":
        return "text/plain"
    return MIME_TYPES.get(tl.as_text(fmt).lower(), "application/octet-stream")


def download_bytes(record: Mapping | None, wanted: str) -> bytes | None:
    """The bytes of a document's download (entity/document_file's row): the kept original as
    uploaded ("file"), or the text read from it as UTF-8 ("text"). None when the database keeps
    neither."""
    if not record:
        return None
    if wanted == "file":
        content = record.get("content")
        if isinstance(content, (bytes, bytearray, memoryview)):
            return bytes(content)
        return None
    text = record.get("raw_text")
    return None if tl.is_missing(text) else str(text).encode("utf-8")


# -- data-quality notes -------------------------------------------------------------------------------

def flag_names(meetings: pd.DataFrame | None = None, programs: pd.DataFrame | None = None,
               itinerary: pd.DataFrame | None = None) -> dict[tuple[str, int], str]:
    """What each flag may concern, by (entity type, id): meeting titles, program names and
    itinerary rows ('3. description'), from the frames the page already has."""
    names: dict[tuple[str, int], str] = {}
    if meetings is not None and not meetings.empty:
        for row in meetings.to_dict("records"):
            names[("meeting", int(row["meeting_id"]))] = tl.as_text(row.get("title"))
    if programs is not None and not programs.empty:
        for row in programs.to_dict("records"):
            names[("program", int(row["program_id"]))] = tl.as_text(row.get("name"))
    if itinerary is not None and not itinerary.empty:
        for row in itinerary.to_dict("records"):
            names[("itinerary_item", int(row["item_id"]))] = \
                f"{tl.as_int(row.get('seq')) or ''}. {tl.as_text(row.get('description'))}".strip(". ")
    return names


def merge_flags(*frames: pd.DataFrame | None) -> pd.DataFrame:
    """Several flag frames as one (each flag once), most severe first, then in source order."""
    present = [f for f in frames if f is not None and not f.empty]
    if not present:
        return next((f for f in frames if f is not None), pd.DataFrame())
    merged = pd.concat(present, ignore_index=True).drop_duplicates(subset=["flag_id"])
    merged["_rank"] = merged["severity"].map(tl.SEVERITY_ORDER).fillna(3)
    merged["_line"] = merged["line_start"].fillna(10**9)
    return merged.sort_values(["_rank", "_line", "flag_id"]).drop(columns=["_rank", "_line"]).reset_index(drop=True)


def program_flag_notes(flags: pd.DataFrame | None, programs: pd.DataFrame,
                       lang: str) -> list[tuple[str, str, str]]:
    """(severity, program name, note) of the flags on the programs shown, most severe first,
    for the line under the programs table."""
    if flags is None or flags.empty or programs.empty or "program_id" not in flags:
        return []
    names = flag_names(programs=programs)
    notes = []
    for row in merge_flags(flags).to_dict("records"):
        program_id = tl.as_int(row.get("program_id"))
        if tl.as_text(row.get("entity_type")) == "program" and ("program", program_id) in names:
            notes.append((tl.as_text(row.get("severity")) or "info", names[("program", program_id)],
                          tl.as_text(row.get("message"))))
    return notes


def flag_target(row: Mapping, names: Mapping[tuple[str, int], str], lang: str) -> str:
    """'면담: 캘거리 부시장 면담' — the kind of thing a flag concerns and its name when known
    (from `names`, else the query's target_ko / target_en columns)."""
    entity = tl.as_text(row.get("entity_type"))
    kind = label("flag_entity", entity, lang)
    key_id = tl.as_int(row.get("meeting_id")) if entity == "attendee" else tl.as_int(row.get("entity_id"))
    lookup = "meeting" if entity == "attendee" else entity
    name = names.get((lookup, key_id), "") if key_id is not None else ""
    if not name:
        first, second = ("target_en", "target_ko") if lang == "en" else ("target_ko", "target_en")
        name = tl.as_text(row.get(first)) or tl.as_text(row.get(second))
    return f"{kind}: {tl.clip(name, 50)}" if name else kind


def flags_table(flags: pd.DataFrame | None, lang: str,
                names: Mapping[tuple[str, int], str] | None = None) -> Table:
    """The data-quality section's table: severity, what was checked, what it concerns, the
    note and the source lines; most severe first."""
    keys = ("severity", "check", "target", "message", "lines")
    columns = [t(f"entity.col.{k}", lang) for k in keys]
    rows = []
    if flags is not None and not flags.empty:
        for row in merge_flags(flags).to_dict("records"):
            severity = tl.as_text(row.get("severity")) or "info"
            rows.append([
                f"▲ {label('flag_severity', severity, lang)}" if severity != "info" else label("flag_severity", severity, lang),
                label("flag_code", tl.as_text(row.get("code")), lang),
                flag_target(row, names or {}, lang), tl.as_text(row.get("message")),
                tl.lines_text(tl.as_int(row.get("line_start")), tl.as_int(row.get("line_end")), lang),
            ])
    return Table(pd.DataFrame(rows, columns=columns), nowrap=(0, 1, 4))


# -- small maps ------------------------------------------------------------------------------------------

def homes_from_route(route: pd.DataFrame | None) -> pd.DataFrame:
    """The home city a route starts and ends at, as rows for the map's home layer (the columns
    of map/homes), from a route frame (map/trip_routes or trip/route)."""
    columns = ["city_id", "name_ko", "name_en", "lat", "lon", "trips"]
    if route is None or route.empty or "home_city_id" not in route:
        return pd.DataFrame(columns=columns)
    homes = route.dropna(subset=["home_city_id", "home_lat", "home_lon"])
    if homes.empty:
        return pd.DataFrame(columns=columns)
    grouped = homes.groupby("home_city_id", sort=True).agg(
        name_ko=("home_ko", "first"), name_en=("home_en", "first"), lat=("home_lat", "first"),
        lon=("home_lon", "first"), trips=("trip_id", "nunique")).reset_index()
    return grouped.rename(columns={"home_city_id": "city_id"})[columns]


# A small map has no room for the legend box and the layer switch (the section's caption says
# what the circles and lines mean). Fixed text with no data in it.
COMPACT_MAP_CSS = "<style>.atlas-legend, .leaflet-control-layers { display: none !important; }</style>"


def compact_map(view: MapView) -> MapView:
    """The map without its legend box and layer switch, for the entity pages' small maps."""
    view.map.get_root().header.add_child(folium.Element(COMPACT_MAP_CSS), name="atlas_compact")
    return view


def unvisited(city: pd.DataFrame) -> pd.DataFrame:
    """A city row for the map (entity/map_city) with its counts set to zero: on a page whose
    filters no trip to the city matches, the circle is an empty ring and its popup says 0."""
    frame = city.copy()
    for column in ("trips", "visits", "meetings", "institutions"):
        if column in frame:
            frame[column] = 0
    return frame


# -- bounding long lists ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bounded:
    rows: list = field(default_factory=list)
    total: int = 0

    @property
    def cut(self) -> bool:
        return self.total > len(self.rows)


def bounded(rows: Sequence | pd.DataFrame, limit: int = SECTION_LIMIT, total: int | None = None) -> Bounded:
    """The first `limit` rows and how many there are in all (`total` when the query already
    cut the list and counted the rest)."""
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    return Bounded(records[:limit], max(total or 0, len(records)))


def total_of(frame: pd.DataFrame, column: str = "total") -> int:
    """The count a query reports in a window column (city/meetings' total), or its row count."""
    if frame.empty:
        return 0
    if column in frame:
        return int(frame[column].iloc[0])
    return len(frame)


def ids(frame: pd.DataFrame | None, column: str) -> list[int]:
    """Distinct ids of a column, in order (for queries that take a list of ids)."""
    if frame is None or frame.empty or column not in frame:
        return []
    return list(dict.fromkeys(int(v) for v in frame[column] if not tl.is_missing(v)))


def count_open(follow_ups: pd.DataFrame, today: dt.date) -> int:
    if follow_ups is None or follow_ups.empty:
        return 0
    return sum(1 for row in follow_ups.to_dict("records") if tl.due_state(row, today) != "closed")
