"""Pure builders for the timeline pages (issue #5): trips over the years, one trip day by day,
and one institution's meetings over time. DataFrames from the named queries in, plotly figures
and display-ready tables out; no Streamlit here.

Times. An itinerary item's start is local to the city it starts in and its end to the city it
ends in (a flight leaves on one clock and lands on another); a meeting's times are local to
its city. Every dated item becomes a pair of UTC instants (zoneinfo, offline), so that
durations are true and any clock can be chosen for display:

* "local": each row of the day-by-day chart is one calendar day on the clock of the place the
  traveller was. A flight is drawn on the departure clock until midnight there, then on the
  arrival clock — so an eastbound crossing of the date line shows the same date twice, which
  is what the traveller lived.
* "korea": everything on Korea time (KST), split at KST midnights.

Partial knowledge is kept visible: a date without a time is a whole day (drawn as a light
band, never at midnight); a start without an end is a single moment; an undated item is
listed, not placed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from atlas import theme
from atlas.i18n import format_date, format_money, format_period, label, t

KOREA_TZ = "Asia/Seoul"
MODES = ("local", "korea")
UTC = dt.timezone.utc

# The kinds the day-by-day view tells apart, in legend order, and their colours (theme palette).
KINDS = ("flight", "transfer", "meeting", "visit", "event", "official", "free")
KIND_COLORS = {
    "flight": theme.CATEGORICAL[0],
    "transfer": theme.CATEGORICAL[4],
    "meeting": theme.CATEGORICAL[1],
    "visit": theme.CATEGORICAL[2],
    "event": theme.CATEGORICAL[3],
    "official": theme.CATEGORICAL[6],
    "free": theme.MUTED,
}
# Meetings (meetings.kind) shown among itinerary kinds.
MEETING_KINDS = {"meeting": "meeting", "courtesy_call": "meeting", "lecture": "event",
                 "site_visit": "visit", "event": "event"}
CONTINENT_ORDER = ("AS", "EU", "NA", "SA", "OC", "AF", "AN", "multi", "unknown")
CLOSED_STAGES = ("done", "dropped")
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


# -- small value helpers ---------------------------------------------------------------------

# timeline/trip_list with no cell and no page: every matching trip (what the chart of bars needs).
WHOLE_LIST = {"organization_id": None, "department_id": None, "cell_from": None, "cell_to": None,
              "limit": None, "offset": 0}

def is_missing(value) -> bool:
    """None, NaN, NaT and pandas NA (but not a list or array, which are values)."""
    if value is None:
        return True
    if isinstance(value, (list, tuple, dict)) or hasattr(value, "__len__") and not isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def as_date(value) -> dt.date | None:
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return pd.Timestamp(value).date()


def as_time(value) -> dt.time | None:
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        return dt.time.fromisoformat(value)
    if isinstance(value, (dt.timedelta, pd.Timedelta)):
        seconds = int(pd.Timedelta(value).total_seconds())
        return dt.time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
    raise TypeError(f"not a time of day: {value!r}")


def as_int(value) -> int | None:
    return None if is_missing(value) else int(value)


def as_text(value) -> str:
    return "" if is_missing(value) else str(value)


def as_list(value) -> list:
    if is_missing(value):
        return []
    return [v for v in list(value) if not is_missing(v)]


def parse_id(value) -> int | None:
    """An entity id from the URL (?trip=12); None for anything that is not a positive integer."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() and 0 < int(text) < 2**31 else None


def pick(row, base: str, lang: str) -> str:
    """row[base_ko] or row[base_en] for the reader, falling back to the other language."""
    first, second = (f"{base}_ko", f"{base}_en") if lang == "ko" else (f"{base}_en", f"{base}_ko")
    return as_text(row.get(first)) or as_text(row.get(second))


def escape(text) -> str:
    """Text for plotly labels and hovers, which read a little HTML: shown as written."""
    return html.escape(as_text(text), quote=False)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])")


def md_escape(text) -> str:
    """Text for Streamlit markdown (titles, captions, link labels): shown as written, never
    turned into links, images, formatting or LaTeX."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", as_text(text)).replace("\n", " ")


def markdown_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A table for st.table (which reads Markdown in every cell and header): all text escaped."""
    safe = frame.map(md_escape) if not frame.empty else frame.copy()
    safe.columns = [md_escape(c) for c in frame.columns]
    return safe


def table_style(frame: pd.DataFrame, nowrap: Sequence[int] = ()):
    """A pandas Styler for st.table: every cell escaped for Markdown, Korean words kept whole
    when a line wraps (break at spaces, not inside a word), and the short columns given by
    position (dates, times, kinds) on one line. The rules target the cell's contents, since
    the Markdown block inside each cell sets its own wrapping."""
    safe = markdown_safe(frame)
    rules = [{"selector": "td *, th *", "props": [("word-break", "keep-all")]}]
    rules += [{"selector": f"td.col{i} *", "props": [("white-space", "nowrap")]}
              for i in nowrap if i < len(safe.columns)]
    return safe.style.hide(axis="index").set_table_styles(rules)


def clip(text: str, limit: int) -> str:
    text = as_text(text)
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def link_params(url: str) -> dict[str, str]:
    """The query parameters of a link built by frame.entity_link, for st.page_link/switch_page."""
    return dict(parse_qsl(urlsplit(url).query))


@lru_cache(maxsize=256)
def zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def to_instant(day: dt.date, clock: dt.time | None, tz: str) -> dt.datetime:
    """The UTC instant of a local date and time (midnight when no time) in zone `tz`."""
    local = dt.datetime.combine(day, clock or dt.time(0), tzinfo=zone(tz) or zone(KOREA_TZ))
    return local.astimezone(UTC)


def local(instant: dt.datetime, tz: str) -> dt.datetime:
    return instant.astimezone(zone(tz) or zone(KOREA_TZ))


def zone_abbr(tz: str, when: dt.datetime | dt.date) -> str:
    """KST, PDT, MDT … as used on that day."""
    if not isinstance(when, dt.datetime):
        when = dt.datetime.combine(when, dt.time(12), tzinfo=zone(tz) or zone(KOREA_TZ))
    return local(when, tz).tzname() or tz


def _hours(moment: dt.datetime) -> float:
    return moment.hour + moment.minute / 60 + moment.second / 3600


def short_date(day: dt.date, lang: str, weekday: bool = True) -> str:
    """6. 24. (월) / Mon, Jun 24."""
    names = t("timeline.weekdays", lang).split(",")
    if lang == "ko":
        text = f"{day.month}. {day.day}."
        return f"{text} ({names[day.weekday()]})" if weekday else text
    text = format_date(day, "en").rsplit(",", 1)[0]
    return f"{names[day.weekday()]}, {text}" if weekday else text


def clock_text(instant: dt.datetime, tz: str, lang: str, with_date: bool = True, with_zone: bool = True) -> str:
    """'6. 24. 19:20 KST' / 'Jun 24 19:20 KST' on the clock of `tz`."""
    moment = local(instant, tz)
    parts = [short_date(moment.date(), lang, weekday=False)] if with_date else []
    parts.append(moment.strftime("%H:%M"))
    if with_zone:
        parts.append(zone_abbr(tz, instant))
    return " ".join(parts)


def duration_text(delta: dt.timedelta, lang: str) -> str:
    minutes = int(round(delta.total_seconds() / 60))
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return t("trip.hours_minutes", lang, h=hours, m=rest)
    if hours:
        return t("trip.hours", lang, h=hours)
    return t("trip.minutes", lang, m=rest)


# -- flags -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Flag:
    flag_id: int
    entity_type: str
    severity: str
    code: str
    message: str
    line_start: int | None = None
    line_end: int | None = None
    item_id: int | None = None
    meeting_id: int | None = None


def flags_from(frame: pd.DataFrame | None) -> list[Flag]:
    if frame is None or frame.empty:
        return []
    out = []
    for row in frame.to_dict("records"):
        out.append(Flag(
            flag_id=int(row["flag_id"]), entity_type=as_text(row.get("entity_type")),
            severity=as_text(row.get("severity")) or "info", code=as_text(row.get("code")),
            message=as_text(row.get("message")), line_start=as_int(row.get("line_start")),
            line_end=as_int(row.get("line_end")), item_id=as_int(row.get("item_id")),
            meeting_id=as_int(row.get("meeting_id")),
        ))
    return sorted(out, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.line_start or 0, f.flag_id))


def worst_severity(flags: Iterable[Flag]) -> str | None:
    ranked = sorted(flags, key=lambda f: SEVERITY_ORDER.get(f.severity, 3))
    return ranked[0].severity if ranked else None


def lines_text(start: int | None, end: int | None, lang: str) -> str:
    if start is None:
        return ""
    if end is None or end == start:
        return t("trip.line", lang, line=start)
    return t("trip.lines", lang, start=start, end=end)


# -- one trip: items on clocks ---------------------------------------------------------------

@dataclass
class TimelineItem:
    """One thing that happened on a trip: an itinerary row, or a meeting without one."""

    key: str                      # "item-12" or "meeting-5": stable id for selections
    kind: str                     # one of KINDS
    label: str                    # the description / title as written
    precision: str                # "time" (a span), "moment" (start only), "day", "undated"
    start: dt.datetime | None     # UTC; for "day" the local midnight the day starts
    end: dt.datetime | None       # UTC; None for a moment
    start_tz: str
    end_tz: str
    start_place: str = ""
    end_place: str = ""
    order: int = 0                # the source's order (itinerary seq, then meetings)
    seq: int | None = None        # itinerary seq
    item_id: int | None = None
    meeting_id: int | None = None
    meeting_kind: str | None = None
    stated_duration: str = ""
    tz_assumed: bool = False
    end_before_start: bool = False
    flags: list[Flag] = field(default_factory=list)

    @property
    def is_flight(self) -> bool:
        return self.start_tz != self.end_tz or self.kind == "flight"


def _item_times(start_date, start_time, end_date, end_time, start_tz: str, end_tz: str):
    """(precision, start, end, end_before_start) from local dates and times."""
    sd, st_, ed, et = as_date(start_date), as_time(start_time), as_date(end_date), as_time(end_time)
    if sd is None:
        return "undated", None, None, False
    ed = ed or sd
    if st_ is None:  # a date without a time: the whole local day (or days)
        return "day", to_instant(sd, None, start_tz), to_instant(ed + dt.timedelta(days=1), None, end_tz), False
    start = to_instant(sd, st_, start_tz)
    if et is None:
        return "moment", start, None, False
    end = to_instant(ed, et, end_tz)
    if end < start:
        return "moment", start, None, True
    return "time", start, end, False


def build_items(itinerary: pd.DataFrame | None, meetings: pd.DataFrame | None,
                flags: pd.DataFrame | None, lang: str) -> list[TimelineItem]:
    """Itinerary rows and the meetings no itinerary row points at, in time order (undated
    last), each carrying the data-quality flags that concern it."""
    itinerary = itinerary if itinerary is not None else pd.DataFrame()
    meetings = meetings if meetings is not None else pd.DataFrame()
    meeting_rows = {int(r["meeting_id"]): r for r in meetings.to_dict("records")} if not meetings.empty else {}
    linked: set[int] = set()
    items: list[TimelineItem] = []

    for row in (itinerary.to_dict("records") if not itinerary.empty else []):
        start_tz, end_tz = as_text(row.get("start_tz")), as_text(row.get("end_tz"))
        assumed = not (zone(start_tz) and zone(end_tz))
        start_tz = start_tz if zone(start_tz) else KOREA_TZ
        end_tz = end_tz if zone(end_tz) else start_tz
        precision, start, end, backwards = _item_times(row.get("start_date"), row.get("start_time"),
                                                       row.get("end_date"), row.get("end_time"), start_tz, end_tz)
        kind = as_text(row.get("kind")) or "official"
        city = pick(row, "city", lang)
        flight = kind == "flight"
        meeting_id = as_int(row.get("meeting_id"))
        if meeting_id is not None:
            linked.add(meeting_id)
        meeting = meeting_rows.get(meeting_id, {}) if meeting_id is not None else {}
        items.append(TimelineItem(
            key=f"item-{int(row['item_id'])}", kind=kind if kind in KINDS else "official",
            label=as_text(row.get("description")), precision=precision, start=start, end=end,
            start_tz=start_tz, end_tz=end_tz,
            start_place=(pick(row, "from", lang) or city) if flight else (city or pick(row, "from", lang)),
            end_place=(pick(row, "to", lang) or city) if flight else (city or pick(row, "to", lang)),
            order=as_int(row.get("seq")) or 0, seq=as_int(row.get("seq")), item_id=int(row["item_id"]),
            meeting_id=meeting_id, meeting_kind=as_text(meeting.get("kind")) or None,
            stated_duration=as_text(row.get("stated_duration_text")), tz_assumed=assumed,
            end_before_start=backwards,
        ))

    base = max([i.order for i in items], default=0) + 1
    for position, (meeting_id, row) in enumerate(meeting_rows.items()):
        if meeting_id in linked:
            continue
        tz = as_text(row.get("timezone"))
        assumed = not zone(tz)
        tz = tz if zone(tz) else KOREA_TZ
        precision, start, end, backwards = _item_times(row.get("meeting_date"), row.get("start_time"),
                                                       row.get("meeting_date"), row.get("end_time"), tz, tz)
        kind = as_text(row.get("kind"))
        place = pick(row, "city", lang)
        items.append(TimelineItem(
            key=f"meeting-{meeting_id}", kind=MEETING_KINDS.get(kind, "meeting"), label=as_text(row.get("title")),
            precision=precision, start=start, end=end, start_tz=tz, end_tz=tz, start_place=place, end_place=place,
            order=base + (as_int(row.get("seq")) or position), meeting_id=meeting_id, meeting_kind=kind or None,
            tz_assumed=assumed, end_before_start=backwards,
        ))

    for flag in flags_from(flags):
        for item in items:
            if (flag.item_id is not None and flag.item_id == item.item_id) or (
                    flag.meeting_id is not None and flag.meeting_id == item.meeting_id):
                item.flags.append(flag)

    far = dt.datetime.max.replace(tzinfo=UTC)
    items.sort(key=lambda i: (i.start is None, i.start or far, i.order))
    return items


@dataclass(frozen=True)
class Piece:
    """The part of an item drawn on one row (one local day on one clock)."""

    item: TimelineItem
    day: dt.date
    tz: str
    start_hour: float
    end_hour: float
    place: str
    continues_before: bool = False
    continues_after: bool = False


def _clock(item_tz: str, mode: str) -> str:
    return KOREA_TZ if mode == "korea" else item_tz


def day_pieces(items: Sequence[TimelineItem], mode: str = "local") -> list[Piece]:
    """Split every dated item into per-day pieces on the chosen clock (see the module doc)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    pieces: list[Piece] = []
    for item in items:
        if item.start is None:
            continue
        tz = _clock(item.start_tz, mode)
        if item.end is None:
            moment = local(item.start, tz)
            hour = _hours(moment)
            pieces.append(Piece(item, moment.date(), tz, hour, hour, item.start_place))
            continue
        arrival_tz, place = _clock(item.end_tz, mode), item.start_place
        cursor, first = item.start, True
        for _ in range(3660):  # ten years of days: a bound, never reached by a real item
            if cursor >= item.end:
                break
            here = local(cursor, tz)
            midnight = dt.datetime.combine(here.date() + dt.timedelta(days=1), dt.time(0), tzinfo=zone(tz))
            stop = min(item.end, midnight.astimezone(UTC))
            end_hour = 24.0 if stop == midnight.astimezone(UTC) else _hours(local(stop, tz))
            pieces.append(Piece(item, here.date(), tz, _hours(here), end_hour, place,
                                continues_before=not first, continues_after=stop < item.end))
            cursor, first = stop, False
            if tz != arrival_tz:  # past the departure clock's midnight: the arrival clock takes over
                tz, place = arrival_tz, item.end_place
    return pieces


@dataclass(frozen=True)
class DayRow:
    day: dt.date
    tz: str
    label: str
    places: tuple[str, ...]


def day_rows(pieces: Sequence[Piece], lang: str) -> list[DayRow]:
    """One row per (local day, clock), in the order the traveller lived them."""
    places: dict[tuple[dt.date, str], list[str]] = {}
    for piece in pieces:
        names = places.setdefault((piece.day, piece.tz), [])
        if piece.place and piece.place not in names:
            names.append(piece.place)
    keys = sorted(places, key=lambda k: to_instant(k[0], None, k[1]))
    rows = []
    for day, tz in keys:
        parts = [short_date(day, lang)]
        if places[(day, tz)]:
            parts.append(", ".join(places[(day, tz)]))
        parts.append(zone_abbr(tz, day))
        rows.append(DayRow(day, tz, " · ".join(parts), tuple(places[(day, tz)])))
    return rows


def _row_label(rows: Sequence[DayRow], piece: Piece) -> str:
    for row in rows:
        if row.day == piece.day and row.tz == piece.tz:
            return row.label
    raise KeyError((piece.day, piece.tz))


def when_text(item: TimelineItem, mode: str, lang: str) -> str:
    """The item's time as a reader wants it in the table: '13:30 → 16:20 KST',
    '19:20 KST → 14:00 PDT', '16:50 MDT → 7. 1. 19:40 KST', 'all day · no time given',
    'from 17:40 · no end time'. On Korea time the zone is left out (the column says KST)."""
    if item.start is None:
        return t("trip.no_date", lang)
    start_tz, end_tz = _clock(item.start_tz, mode), _clock(item.end_tz, mode)
    show_zone = mode == "local"
    if item.precision == "day":
        if mode == "local" or item.start_tz == KOREA_TZ:
            return t("trip.all_day", lang)
        begin = clock_text(item.start, KOREA_TZ, lang, with_date=False, with_zone=False)
        finish = clock_text(item.end, KOREA_TZ, lang, with_zone=False)
        return f"{t('trip.all_day', lang)} ({begin} → {finish})"
    if item.end is None:
        begin = clock_text(item.start, start_tz, lang, with_date=False, with_zone=show_zone)
        text = t("trip.from_time", lang, time=begin)
        return f"{text} ({t('trip.end_before_start', lang)})" if item.end_before_start else text
    same_zone = start_tz == end_tz
    begin = clock_text(item.start, start_tz, lang, with_date=False, with_zone=show_zone and not same_zone)
    other_day = local(item.end, end_tz).date() != local(item.start, start_tz).date()
    finish = clock_text(item.end, end_tz, lang, with_date=other_day, with_zone=show_zone)
    return f"{begin} → {finish}"


def hover_text(item: TimelineItem, lang: str, extra: Sequence[str] = ()) -> str:
    """The hover box of an item (plotly pseudo-HTML; every value escaped)."""
    kind = label("itinerary_kind", item.kind, lang)
    if item.meeting_kind:
        kind += f" · {label('meeting_kind', item.meeting_kind, lang)}"
    lines = [f"<b>{escape(clip(item.label, 70))}</b>", escape(kind)]
    if item.start is not None:
        lines.append(escape(_local_span(item, lang)))
        if item.precision in ("time", "moment") and (item.start_tz != KOREA_TZ or item.end_tz != KOREA_TZ):
            lines.append(escape(t("trip.in_korea_time", lang, value=_korea_span(item, lang))))
        if item.precision == "time":
            elapsed = t("trip.elapsed", lang, value=duration_text(item.end - item.start, lang))
            if item.stated_duration:
                elapsed += f" ({t('trip.stated', lang, text=item.stated_duration)})"
            lines.append(escape(elapsed))
    if item.tz_assumed:
        lines.append(escape(t("trip.tz_assumed", lang)))
    lines.extend(escape(clip(line, 80)) for line in extra)
    for flag in item.flags[:4]:
        lines.append(f"▲ {escape(label('flag_severity', flag.severity, lang))}: {escape(clip(flag.message, 80))}")
    if len(item.flags) > 4:
        lines.append(escape(t("trip.more", lang, n=len(item.flags) - 4)))
    return "<br>".join(lines)


def _local_span(item: TimelineItem, lang: str) -> str:
    start_place = f" {item.start_place}" if item.start_place else ""
    if item.precision == "day":
        day = local(item.start, item.start_tz).date()
        return f"{short_date(day, lang)}{start_place} · {t('trip.all_day', lang)}"
    begin = clock_text(item.start, item.start_tz, lang) + start_place
    if item.end is None:
        return t("trip.from_time", lang, time=begin)
    end_place = f" {item.end_place}" if item.end_place and item.end_place != item.start_place else ""
    return f"{begin} → {clock_text(item.end, item.end_tz, lang)}{end_place}"


def _korea_span(item: TimelineItem, lang: str) -> str:
    begin = clock_text(item.start, KOREA_TZ, lang, with_zone=False)
    if item.end is None:
        return begin
    return f"{begin} → {clock_text(item.end, KOREA_TZ, lang, with_zone=False)}"


def bar_label(item: TimelineItem) -> str:
    """The text written on a bar: a flight's route (short enough to fit), else its description."""
    if item.kind == "flight" and item.start_place and item.end_place and item.start_place != item.end_place:
        return f"{item.start_place} → {item.end_place}"
    return item.label


def _text_color(hex_color: str) -> str:
    """White or dark text, whichever reads better on the bar colour."""
    red, green, blue = (int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return theme.TEXT if luminance > 0.55 else "#FFFFFF"


def meeting_hover_lines(meeting_id: int | None, attendees: pd.DataFrame | None,
                        agenda: pd.DataFrame | None, meetings: pd.DataFrame | None, lang: str) -> list[str]:
    """Short lines for a meeting's hover: who came, the agenda, the first key points."""
    if meeting_id is None:
        return []
    lines = []
    if attendees is not None and not attendees.empty:
        theirs = attendees[(attendees["meeting_id"] == meeting_id) & (attendees["side"] == "theirs")]
        named = [" ".join(p for p in (as_text(r["name"]), as_text(r["title"])) if p)
                 for r in theirs.to_dict("records") if as_text(r["name"])]
        unnamed = int(theirs.loc[theirs["name"].isna(), "headcount"].sum()) if not theirs.empty else 0
        if named or unnamed:
            text = ", ".join(named[:3])
            more = len(named) - 3 + unnamed if len(named) > 3 else unnamed
            if more:
                text = f"{text} {t('trip.unnamed', lang, n=more)}".strip()
            lines.append(f"{t('trip.attendees', lang)}: {text}")
    if agenda is not None and not agenda.empty:
        topics = agenda.loc[agenda["meeting_id"] == meeting_id, "topic"].map(as_text).tolist()
        if topics:
            lines.append(f"{t('trip.agenda', lang)}: {' / '.join(clip(x, 24) for x in topics[:4])}")
    if meetings is not None and not meetings.empty:
        row = meetings.loc[meetings["meeting_id"] == meeting_id]
        if not row.empty:
            for point in as_list(row.iloc[0]["key_points"])[:3]:
                lines.append(f"· {clip(point, 60)}")
    return lines


def trip_day_figure(items: Sequence[TimelineItem], mode: str, lang: str, title: str = "",
                    hover_extra: dict[str, list[str]] | None = None) -> go.Figure:
    """The day-by-day chart: one row per local day (on the chosen clock), 0–24 h across."""
    pieces = day_pieces(items, mode)
    rows = day_rows(pieces, lang)
    labels = [r.label for r in rows]
    hover_extra = hover_extra or {}
    figure = go.Figure()

    def hover(item: TimelineItem) -> str:
        return hover_text(item, lang, hover_extra.get(item.key, ()))

    for kind in KINDS:
        color = KIND_COLORS[kind]
        name = label("itinerary_kind", kind, lang)
        whole_days = [p for p in pieces if p.item.kind == kind and p.item.precision == "day"]
        spans = [p for p in pieces if p.item.kind == kind and p.item.precision == "time"]
        moments = [p for p in pieces if p.item.kind == kind and p.item.precision == "moment"]
        if whole_days:
            figure.add_trace(go.Bar(
                orientation="h", y=[_row_label(rows, p) for p in whole_days],
                base=[p.start_hour for p in whole_days], x=[p.end_hour - p.start_hour for p in whole_days],
                width=0.78, marker=dict(color=color, opacity=0.28, line=dict(color=color, width=1),
                                        pattern=dict(shape="/", fgcolor=color, solidity=0.15)),
                text=[escape(clip(p.item.label, 60)) for p in whole_days], textposition="inside",
                insidetextanchor="middle", textfont=dict(color=theme.TEXT),
                hovertext=[hover(p.item) for p in whole_days], hoverinfo="text",
                customdata=[[p.item.key] for p in whole_days], name=name, legendgroup=kind,
                showlegend=not spans and not moments,
            ))
        if spans:
            figure.add_trace(go.Bar(
                orientation="h", y=[_row_label(rows, p) for p in spans],
                base=[p.start_hour for p in spans], x=[max(p.end_hour - p.start_hour, 0.05) for p in spans],
                width=0.56, marker=dict(color=color, line=dict(color="#FFFFFF", width=1)),
                text=[escape(clip(bar_label(p.item), 40)) for p in spans], textposition="inside",
                insidetextanchor="start", textfont=dict(color=_text_color(color)), constraintext="inside",
                hovertext=[hover(p.item) for p in spans], hoverinfo="text",
                customdata=[[p.item.key] for p in spans], name=name, legendgroup=kind,
            ))
        if moments:
            figure.add_trace(go.Scatter(
                mode="markers", y=[_row_label(rows, p) for p in moments], x=[p.start_hour for p in moments],
                marker=dict(symbol="diamond", size=15, color=color, line=dict(color="#FFFFFF", width=1)),
                hovertext=[hover(p.item) for p in moments], hoverinfo="text",
                customdata=[[p.item.key] for p in moments], name=name, legendgroup=kind,
                showlegend=not spans,
            ))

    continued = [(p, p.end_hour) for p in pieces if p.continues_after] + \
                [(p, p.start_hour) for p in pieces if p.continues_before]
    if continued:
        figure.add_trace(go.Scatter(
            mode="markers", y=[_row_label(rows, p) for p, _ in continued], x=[x for _, x in continued],
            marker=dict(symbol=["triangle-right" if p.continues_after and x == p.end_hour else "triangle-left"
                                for p, x in continued],
                        size=11, color=[KIND_COLORS[p.item.kind] for p, _ in continued]),
            hovertext=[escape(t("timeline.continues", lang)) for _ in continued], hoverinfo="text",
            showlegend=False, customdata=[[p.item.key] for p, _ in continued],
        ))

    flagged = {}
    for piece in pieces:
        if piece.item.flags:
            flagged[piece.item.key] = piece  # the last piece of each flagged item
    if flagged:
        marks = list(flagged.values())
        figure.add_trace(go.Scatter(
            mode="markers", y=[_row_label(rows, p) for p in marks],
            x=[min(p.end_hour + 0.35, 23.8) if p.end_hour < 23.6 else max(p.start_hour - 0.35, 0.2) for p in marks],
            marker=dict(symbol="triangle-up", size=13, line=dict(color="#FFFFFF", width=1),
                        color=[theme.SEVERITY_COLORS.get(worst_severity(p.item.flags), theme.MUTED) for p in marks]),
            hovertext=[hover(p.item) for p in marks], hoverinfo="text",
            customdata=[[p.item.key] for p in marks], name=t("timeline.flag_legend", lang),
        ))

    figure.update_layout(
        title=dict(text=escape(title), x=0, xanchor="left") if title else None,
        barmode="overlay", height=max(300, 130 + 46 * len(rows)),
        margin=dict(l=10, r=20, t=70 if title else 30, b=40),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1, title=None),
        hoverlabel=dict(align="left"), bargap=0.2, clickmode="event+select", dragmode=False,
        uniformtext=dict(minsize=11, mode="hide"), plot_bgcolor=theme.BACKGROUND, font=dict(size=13),
    )
    figure.update_xaxes(range=[0, 24], tickvals=list(range(0, 25, 3)),
                        ticktext=[f"{h:02d}:00" for h in range(0, 25, 3)], gridcolor=theme.GRID,
                        zeroline=False, fixedrange=True, showline=True, linecolor=theme.GRID)
    figure.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed",
                        fixedrange=True, gridcolor=theme.GRID, automargin=True, title=None,
                        tickfont=dict(size=14, color=theme.TEXT))
    return figure


def selected_keys(points: Iterable[dict] | None) -> list[str]:
    """Item keys (or trip ids) of the points a plotly selection reports, first seen first."""
    keys: list = []
    for point in points or []:
        data = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(data, (list, tuple)) and data:
            data = data[0]
        if data is not None and data not in keys:
            keys.append(data)
    return keys


def schedule_table(items: Sequence[TimelineItem], mode: str, lang: str) -> pd.DataFrame:
    """The day-by-day list under the chart: dated items on the chosen clock, with their flags."""
    columns = [t(f"timeline.col.{c}", lang) for c in ("day", "time", "kind", "item", "place", "flags")]
    rows = []
    for item in items:
        if item.start is None:
            continue
        tz = _clock(item.start_tz, mode)
        day = local(item.start, tz).date()
        place = item.start_place if item.start_place == item.end_place or not item.end_place \
            else f"{item.start_place} → {item.end_place}"
        rows.append([
            short_date(day, lang), when_text(item, mode, lang),
            label("itinerary_kind", item.kind, lang), item.label, place, flags_summary(item.flags, lang),
        ])
    return pd.DataFrame(rows, columns=columns)


def undated_table(items: Sequence[TimelineItem], lang: str) -> pd.DataFrame:
    columns = [t(f"timeline.col.{c}", lang) for c in ("kind", "item", "place", "flags")]
    rows = [[label("itinerary_kind", i.kind, lang), i.label, i.start_place, flags_summary(i.flags, lang)]
            for i in items if i.start is None]
    return pd.DataFrame(rows, columns=columns)


def flags_summary(flags: Sequence[Flag], lang: str) -> str:
    return " / ".join(f"▲ {label('flag_severity', f.severity, lang)}: {f.message}" for f in flags)


# -- one trip: facts, meetings, flags --------------------------------------------------------

def nights_days_text(facts: dict, lang: str) -> str:
    """'6박 8일 (달력상 7박 8일)': the stated length, and the calendar's when it differs."""
    start, end = as_date(facts.get("start_date")), as_date(facts.get("end_date"))
    nights, days = as_int(facts.get("nights_stated")), as_int(facts.get("days_stated"))
    calendar = None
    if start and end:
        calendar = ((end - start).days, (end - start).days + 1)
    if nights is not None and days is not None:
        text = t("trip.nights_days", lang, nights=nights, days=days)
        if calendar and calendar != (nights, days):
            text += f" ({t('trip.calendar', lang, nights=calendar[0], days=calendar[1])})"
        return text
    if calendar:
        return t("trip.calendar", lang, nights=calendar[0], days=calendar[1])
    return ""


def traveller_text(row: dict, lang: str) -> str:
    name = " ".join(p for p in (as_text(row.get("name")), as_text(row.get("title"))) if p)
    where = " ".join(p for p in (as_text(row.get("organization_name")), as_text(row.get("department_name"))) if p)
    role = as_text(row.get("role"))
    text = name or where
    if name and where:
        text += f" ({where})"
    if role == "head":
        text += f" · {label('timeline.role', role, lang)}"
    return text


def trip_facts(facts: dict, travellers: pd.DataFrame | None, lang: str) -> list[tuple[str, str]]:
    """(label, value) pairs for the trip's key facts, in reading order."""
    period = format_period(as_date(facts.get("start_date")), as_date(facts.get("end_date")), lang)
    length = nights_days_text(facts, lang)
    people = [traveller_text(r, lang) for r in travellers.to_dict("records")] if travellers is not None else []
    source = as_text(facts.get("source_file"))
    if source:
        span = lines_text(as_int(facts.get("line_start")), as_int(facts.get("line_end")), lang)
        source = f"{source} · {span}" if span else source
    elif as_text(facts.get("entered_by")):
        source = t("trip.entered_by", lang, user=as_text(facts.get("entered_by")))
    pairs = [
        (t("trip.organization", lang), pick(facts, "organization", lang)),
        (t("trip.department", lang), pick(facts, "department", lang)),
        (t("trip.period", lang), " · ".join(p for p in (period, length) if p) or t("timeline.no_dates", lang)),
        (t("trip.status", lang), t(f"status.{facts.get('status')}", lang) if facts.get("status") in
         ("planned", "ongoing", "completed") else as_text(facts.get("status"))),
        (t("trip.travellers", lang), ", ".join(p for p in people if p) or t("trip.no_travellers", lang)),
        (t("trip.purpose", lang), as_text(facts.get("purpose"))),
        (t("trip.source", lang), source),
    ]
    return [(k, v) for k, v in pairs if v]


def attendees_table(attendees: pd.DataFrame | None, meeting_id: int | None, lang: str) -> pd.DataFrame:
    columns = [t(f"timeline.col.{c}", lang) for c in ("side", "name", "title", "affiliation")]
    if attendees is None or attendees.empty:
        return pd.DataFrame(columns=columns)
    chosen = attendees if meeting_id is None else attendees[attendees["meeting_id"] == meeting_id]
    rows = []
    for row in chosen.to_dict("records"):
        count = as_int(row.get("headcount")) or 1
        name = as_text(row.get("name"))
        if not name:
            name = t("trip.unnamed", lang, n=count)
        elif count > 1:
            name += f" ({t('trip.people', lang, n=count)})"
        rows.append([label("attendee_side", as_text(row.get("side")), lang), name,
                     as_text(row.get("title")), as_text(row.get("organization_name"))])
    return pd.DataFrame(rows, columns=columns)


def attendee_count_text(attendees: pd.DataFrame | None, meeting_id: int, stated, lang: str) -> str:
    """'명단 합계 23명 · 보고서 표기 20명' (the stated number only when the report gives one)."""
    listed = 0
    if attendees is not None and not attendees.empty:
        listed = int(attendees.loc[attendees["meeting_id"] == meeting_id, "headcount"].fillna(1).sum())
    parts = [t("trip.attendee_total", lang, listed=listed)] if listed else []
    if as_int(stated) is not None:
        parts.append(t("trip.attendee_stated", lang, stated=as_int(stated)))
    return " · ".join(parts)


def agenda_table(agenda: pd.DataFrame | None, meeting_id: int | None, lang: str) -> pd.DataFrame:
    columns = [t(f"timeline.col.{c}", lang) for c in ("time", "topic", "lead")]
    if agenda is None or agenda.empty:
        return pd.DataFrame(columns=columns)
    chosen = agenda if meeting_id is None else agenda[agenda["meeting_id"] == meeting_id]
    rows = []
    for row in chosen.to_dict("records"):
        start, end = as_time(row.get("start_time")), as_time(row.get("end_time"))
        when = "–".join(x.strftime("%H:%M") for x in (start, end) if x)
        rows.append([when, as_text(row.get("topic")), as_text(row.get("lead"))])
    return pd.DataFrame(rows, columns=columns)


def meeting_when(row: dict, lang: str) -> str:
    """'2024. 6. 26. 09:30–10:30 PDT · 한국 시각 6. 27. 01:30–02:30' for one meeting row."""
    day = as_date(row.get("meeting_date"))
    if day is None:
        return t("trip.no_date", lang)
    tz = as_text(row.get("timezone"))
    tz = tz if zone(tz) else KOREA_TZ
    start, end = as_time(row.get("start_time")), as_time(row.get("end_time"))
    text = format_date(day, lang)
    if start is None:
        return f"{text} · {t('trip.all_day', lang)}"
    begin = to_instant(day, start, tz)
    text += " " + start.strftime("%H:%M")
    finish = to_instant(day, end, tz) if end else None
    if finish is not None and finish >= begin:
        text += "–" + end.strftime("%H:%M")
    text += " " + zone_abbr(tz, begin)
    if tz != KOREA_TZ:
        korea = clock_text(begin, KOREA_TZ, lang, with_zone=False)
        if finish is not None and finish >= begin:
            korea += "–" + local(finish, KOREA_TZ).strftime("%H:%M")
        text += " · " + t("trip.in_korea_time", lang, value=korea)
    return text


def meeting_heading(row: dict, lang: str) -> str:
    """The expander label of a meeting: date (or 'no date') · title."""
    day = as_date(row.get("meeting_date"))
    when = short_date(day, lang) if day else t("trip.no_date", lang)
    return f"{when} · {as_text(row.get('title'))}"


def flag_target(flag: Flag, items: Sequence[TimelineItem], meetings: pd.DataFrame | None, lang: str) -> str:
    if flag.entity_type == "trip":
        return t("trip.flag_target_trip", lang)
    if flag.entity_type == "document":
        return t("trip.flag_target_document", lang)
    if flag.entity_type == "follow_up":
        return t("trip.flag_target_follow_up", lang)
    if flag.item_id is not None:
        for item in items:
            if item.item_id == flag.item_id:
                return t("trip.flag_target_item", lang, seq=item.seq, text=clip(item.label, 40))
    if flag.meeting_id is not None and meetings is not None and not meetings.empty:
        row = meetings.loc[meetings["meeting_id"] == flag.meeting_id]
        if not row.empty:
            return t("trip.flag_target_meeting", lang, text=clip(as_text(row.iloc[0]["title"]), 40))
    return flag.entity_type


def flags_table(flags: pd.DataFrame | None, items: Sequence[TimelineItem], meetings: pd.DataFrame | None,
                lang: str) -> pd.DataFrame:
    columns = [t(f"timeline.col.{c}", lang) for c in ("severity", "target", "message", "lines")]
    rows = [[f"▲ {label('flag_severity', f.severity, lang)}" if f.severity != "info"
             else label("flag_severity", f.severity, lang),
             flag_target(f, items, meetings, lang), f.message, lines_text(f.line_start, f.line_end, lang)]
            for f in flags_from(flags)]
    return pd.DataFrame(rows, columns=columns)


# -- trips over the years ----------------------------------------------------------------------

def date_tick_formats(lang: str) -> list[dict]:
    """Plotly tick formats for date axes by zoom level, in the reader's convention
    (Korean 6. 24. / 2024. 6.; English Jun 24 / Jun 2024)."""
    day_ms, month_ms = 86_400_000, 30 * 86_400_000
    if lang == "ko":
        formats = ("%-m. %-d.", "%Y. %-m.", "%Y")
    else:
        formats = ("%b %-d", "%b %Y", "%Y")
    return [dict(dtickrange=[None, month_ms - day_ms], value=formats[0]),
            dict(dtickrange=[month_ms - day_ms, 365 * day_ms - day_ms], value=formats[1]),
            dict(dtickrange=[365 * day_ms - day_ms, None], value=formats[2])]


def trip_region(continents) -> str:
    """The region a trip is coloured by: its continent, 'multi' for several, 'unknown' for none."""
    seen = list(dict.fromkeys(as_list(continents)))
    if not seen:
        return "unknown"
    return seen[0] if len(seen) == 1 else "multi"


def region_colors(regions: Iterable[str]) -> dict[str, str]:
    """Stable colours per region from the theme palette (the same region, the same colour)."""
    colors = {code: theme.categorical(i) for i, code in enumerate(CONTINENT_ORDER[:-2])}
    colors["multi"] = theme.CATEGORICAL[7]
    colors["unknown"] = theme.MUTED
    return {r: colors.get(r, theme.MUTED) for r in regions}


def group_label(row: dict, lang: str) -> str:
    org = pick(row, "organization", lang)
    dept = pick(row, "department", lang)
    return f"{org} · {dept}" if dept else org


def trip_summary(row: dict, lang: str) -> str:
    """One line per trip for lists: title · period · cities · meetings. A link shows one line,
    so a very long title or list of cities is shortened (…) to keep the meetings in view."""
    period = format_period(as_date(row.get("start_date")), as_date(row.get("end_date")), lang)
    cities = ", ".join(as_list(row.get("cities_ko" if lang == "ko" else "cities_en")))
    parts = [clip(as_text(row.get("title")), 56), period or t("timeline.no_dates", lang),
             clip(cities, 36) or t("timeline.no_cities", lang),
             t("timeline.meetings_count", lang, n=as_int(row.get("meetings")) or 0)]
    return " · ".join(parts)


def dated_trips(trips: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(trips that have at least one date, trips that have none)."""
    if trips.empty:
        return trips, trips
    has = trips["start_date"].notna() | trips["end_date"].notna()
    return trips[has], trips[~has]


def _label_side(day: dt.date, first: dt.date, last: dt.date) -> str:
    """Write a trip's name on the side of its dot that has room (the axis spans whole years)."""
    lower, upper = dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)
    share = (day - lower).days / max((upper - lower).days, 1)
    return "top left" if share > 0.6 else "top right"


def row_pitch(rows: int) -> int:
    """Pixels per organization/department row of the trips-over-time chart: roomy for a few
    rows, tighter (never below 36) when there are many, so the chart stays a readable height."""
    return 90 if rows <= 8 else max(36, 720 // rows)


def trips_over_time_figure(trips: pd.DataFrame, lang: str, title: str = "") -> go.Figure:
    """One bar per trip from its first to its last day, a row per organization/department,
    coloured by region; a dot on each trip keeps short trips visible on a years-long axis.
    Meant for at most BAR_LIMIT trips (see trips_by_month_figure above that)."""
    dated, _ = dated_trips(trips)
    figure = go.Figure()
    records = []
    for row in dated.to_dict("records"):
        start = as_date(row.get("start_date")) or as_date(row.get("end_date"))
        end = as_date(row.get("end_date")) or start
        records.append({**row, "_start": start, "_end": end, "_group": group_label(row, lang),
                        "_region": trip_region(row.get("continents"))})
    groups = list(dict.fromkeys(r["_group"] for r in sorted(records, key=lambda r: (r["_group"]))))
    first_day = min((r["_start"] for r in records), default=None)
    last_day = max((r["_end"] for r in records), default=None)
    regions = [r for r in CONTINENT_ORDER if any(x["_region"] == r for x in records)]
    colors = region_colors(regions)
    pitch = row_pitch(len(groups))
    dot = 18 if pitch >= 60 else 12

    def hover(r: dict) -> str:
        cities = ", ".join(as_list(r.get("cities_ko" if lang == "ko" else "cities_en"))) or t("timeline.no_cities", lang)
        lines = [f"<b>{escape(clip(r.get('title'), 70))}</b>", escape(r["_group"]),
                 escape(format_period(r["_start"], r["_end"], lang)),
                 escape(clip(cities, 80)),
                 escape(t("timeline.meetings_count", lang, n=as_int(r.get("meetings")) or 0)),
                 escape(f"{label('timeline.continent', r['_region'], lang)} · {t('status.' + r['status'], lang)}"
                        if r.get("status") in ("planned", "ongoing", "completed")
                        else label("timeline.continent", r["_region"], lang))]
        return "<br>".join(lines)

    for region in regions:
        chosen = [r for r in records if r["_region"] == region]
        name = label("timeline.continent", region, lang)
        figure.add_trace(go.Bar(
            orientation="h", y=[escape(r["_group"]) for r in chosen],
            base=[r["_start"].isoformat() for r in chosen],
            x=[((r["_end"] - r["_start"]).days + 1) * 86_400_000 for r in chosen],
            width=0.34, marker=dict(color=colors[region], line=dict(color=colors[region], width=2)),
            hovertext=[hover(r) for r in chosen], hoverinfo="text", customdata=[[int(r["trip_id"])] for r in chosen],
            name=name, legendgroup=region,
        ))
        figure.add_trace(go.Scatter(
            mode="markers+text" if len(records) <= 12 else "markers", y=[escape(r["_group"]) for r in chosen],
            x=[(dt.datetime.combine(r["_start"], dt.time(0)) +
                (dt.datetime.combine(r["_end"], dt.time(0)) - dt.datetime.combine(r["_start"], dt.time(0)) +
                 dt.timedelta(days=1)) / 2).isoformat() for r in chosen],
            marker=dict(size=dot, color=[colors[region] if r.get("status") != "planned" else "#FFFFFF" for r in chosen],
                        line=dict(color=colors[region], width=4 if dot > 12 else 3), symbol="circle"),
            text=[escape(clip(r.get("title"), 30)) for r in chosen],
            textposition=[_label_side(r["_start"], first_day, last_day) for r in chosen],
            textfont=dict(color=theme.TEXT, size=13),
            hovertext=[hover(r) for r in chosen], hoverinfo="text", customdata=[[int(r["trip_id"])] for r in chosen],
            name=name, legendgroup=region, showlegend=False,
        ))

    if records:
        first = min(r["_start"] for r in records)
        last = max(r["_end"] for r in records)
        lower, upper = dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)
        figure.update_xaxes(range=[(lower - dt.timedelta(days=20)).isoformat(), (upper + dt.timedelta(days=20)).isoformat()])
        if last.year - first.year >= 1:
            figure.update_xaxes(dtick="M12", tickformat="%Y", ticklabelmode="period")
        else:
            figure.update_xaxes(tickformatstops=date_tick_formats(lang))
    figure.update_layout(
        title=dict(text=escape(title), x=0, xanchor="left") if title else None,
        barmode="overlay", height=max(300, 170 + pitch * len(groups)),
        margin=dict(l=10, r=20, t=80 if title else 40, b=40), plot_bgcolor=theme.BACKGROUND,
        font=dict(size=14),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1,
                    title=dict(text=escape(t("timeline.region", lang)))),
        hoverlabel=dict(align="left"), clickmode="event+select", dragmode="pan",
    )
    figure.update_xaxes(type="date", gridcolor=theme.GRID, showline=True, linecolor=theme.GRID)
    figure.update_yaxes(categoryorder="array", categoryarray=[escape(g) for g in groups], autorange="reversed",
                        gridcolor=theme.GRID, automargin=True, title=None,
                        tickfont=dict(size=14, color=theme.TEXT))
    return figure


# -- trips over the years, at any number of trips ---------------------------------------------------
#
# One bar per trip reads well for a few hundred trips; at 20,000 (100× synthetic data) it is an
# unreadable 11-second page. Above BAR_LIMIT dated trips the chart counts trips per month of
# departure instead (timeline/trips_by_month, aggregated in SQL), in the same layout: a row per
# organization (and department), the years across. A cell can be picked to list its trips. The
# list under the chart is paged (LIST_PAGE_SIZE per page, timeline/trip_list) at any size.

BAR_LIMIT = 400        # dated trips drawn one bar each at most
LIST_PAGE_SIZE = 50    # trips listed per page under the chart
ROW_LIMIT = 30         # organization·department rows on the monthly chart before it groups by organization
NO_DEPARTMENT = 0      # department key of trips without a department (timeline/trip_list's $department_id)
_WHOLE_ORGANIZATION = -1  # department key of a row that stands for a whole organization


@dataclass(frozen=True)
class TripCounts:
    total: int   # trips matching the filters
    dated: int   # of which have at least one date (the ones a chart can place)

    @property
    def undated(self) -> int:
        return self.total - self.dated

    @property
    def each_trip(self) -> bool:
        """Whether the chart draws every trip as its own bar (else it counts them per month)."""
        return self.dated <= BAR_LIMIT


def trip_counts(monthly: pd.DataFrame) -> TripCounts:
    """Totals from timeline/trips_by_month (a NULL month holds the trips without dates)."""
    if monthly.empty:
        return TripCounts(0, 0)
    trips = monthly["trips"].astype("int64")
    return TripCounts(int(trips.sum()), int(trips[monthly["month"].notna()].sum()))


@dataclass(frozen=True)
class Cell:
    """A cell of the monthly chart: one row (a whole organization, or one of its departments)
    and one month, [start, end)."""

    organization_id: int
    department_key: int | None  # None: the whole organization; NO_DEPARTMENT: trips without one
    start: dt.date
    end: dt.date


class Narrowing(NamedTuple):
    """timeline/trip_list's narrowing parameters (all None: no narrowing)."""

    organization_id: int | None = None
    department_id: int | None = None
    cell_from: dt.date | None = None
    cell_to: dt.date | None = None


def narrowing(cell: Cell | None) -> Narrowing:
    if cell is None:
        return Narrowing()
    return Narrowing(cell.organization_id, cell.department_key, cell.start, cell.end)


def _month_end(month: dt.date) -> dt.date:
    return dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def month_text(month: dt.date, lang: str) -> str:
    """2019. 8. / Aug 2019."""
    if lang == "ko":
        return f"{month.year}. {month.month}."
    return f"{format_date(month, 'en').split(' ')[0]} {month.year}"


@dataclass(frozen=True)
class MonthlyView:
    """What the monthly chart draws: `cells` has one row per chart row and month with trips
    (columns row, organization_id, department_key, month, trips, planned, meetings), in row
    label order then month; `by_organization` when its rows are whole organizations (there were
    more than ROW_LIMIT organization·department rows, counted in `groups`)."""

    cells: pd.DataFrame
    by_organization: bool
    groups: int

    @property
    def rows(self) -> list[str]:
        return list(dict.fromkeys(self.cells["row"]))


_CELL_COLUMNS = ["row", "organization_id", "department_key", "month", "trips", "planned", "meetings"]


def monthly_view(monthly: pd.DataFrame, lang: str) -> MonthlyView:
    """The cells of the monthly chart from timeline/trips_by_month (trips without dates left out)."""
    dated = monthly[monthly["month"].notna()] if not monthly.empty else monthly
    if dated.empty:
        return MonthlyView(pd.DataFrame(columns=_CELL_COLUMNS), False, 0)
    frame = pd.DataFrame({
        "organization_id": dated["organization_id"].astype("int64").to_numpy(),
        "department_key": dated["department_id"].fillna(NO_DEPARTMENT).astype("int64").to_numpy(),
        "month": pd.to_datetime(dated["month"]).dt.date.to_numpy(),
        "trips": dated["trips"].astype("int64").to_numpy(),
        "planned": dated["planned"].fillna(0).astype("int64").to_numpy(),
        "meetings": dated["meetings"].fillna(0).astype("int64").to_numpy(),
    })
    # Row labels are worked out once per organization·department, not once per month.
    names = dated.assign(organization_id=frame["organization_id"].to_numpy(),
                         department_key=frame["department_key"].to_numpy())
    names = names.drop_duplicates(["organization_id", "department_key"])
    groups = len(names)
    by_organization = groups > ROW_LIMIT
    if by_organization:
        labels = {(o, _WHOLE_ORGANIZATION): pick(r, "organization", lang)
                  for o, r in zip(names["organization_id"], names.to_dict("records"))}
        frame["department_key"] = _WHOLE_ORGANIZATION
    else:
        labels = {(o, d): group_label(r, lang)
                  for o, d, r in zip(names["organization_id"], names["department_key"], names.to_dict("records"))}
    frame["row"] = [labels[key] for key in zip(frame["organization_id"], frame["department_key"])]
    cells = (frame.groupby(["row", "organization_id", "department_key", "month"], sort=True, as_index=False)
             [["trips", "planned", "meetings"]].sum())
    return MonthlyView(cells[_CELL_COLUMNS].reset_index(drop=True), by_organization, groups)


def _tint(color: str, share: float) -> str:
    """`color` mixed with the theme background (share 0: the colour, 1: the background)."""
    ours = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    back = [int(theme.BACKGROUND[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (b - c) * share):02X}" for c, b in zip(ours, back))


def monthly_colorscale() -> list[list]:
    """Few trips: a light tint of the primary colour; many: the primary colour itself."""
    return [[0.0, _tint(theme.PRIMARY, 0.8)], [0.5, _tint(theme.PRIMARY, 0.4)], [1.0, theme.PRIMARY]]


def _months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of every month from `first`'s to `last`'s, both included."""
    months, month = [], dt.date(first.year, first.month, 1)
    while month <= last:
        months.append(month)
        month = _month_end(month)
    return months


def trips_by_month_figure(view: MonthlyView, lang: str, title: str = "") -> go.Figure:
    """Trips per month of departure, a row per organization/department (per organization above
    ROW_LIMIT rows), on the same years-long axis as trips_over_time_figure: each month is a
    cell, the darker the more trips, empty months left blank.

    Drawn as a heatmap (one image, quick to draw in the browser: 3,000 bars took seconds at
    100× data) under a layer of invisible points, one per cell with trips, which carry the
    hover text and the cell (organization, department key, month start, month end) for
    selections; a chosen cell shows as an outlined square."""
    cells = view.cells
    figure = go.Figure()
    rows = view.rows
    labels = [escape(r) for r in rows]
    if not cells.empty:
        months = _months_between(min(cells["month"]), max(cells["month"]))
        column = {month: i for i, month in enumerate(months)}
        line = {row: i for i, row in enumerate(rows)}
        counts = np.full((len(rows), len(months)), np.nan)
        starts = list(cells["month"])
        ends = [_month_end(m) for m in starts]
        middles = [(m + (e - m) / 2).isoformat() for m, e in zip(starts, ends)]
        hovers = []
        for cell in cells.to_dict("records"):
            counts[line[cell["row"]], column[cell["month"]]] = cell["trips"]
            lines = [f"<b>{escape(clip(cell['row'], 70))}</b>", escape(month_text(cell["month"], lang)),
                     escape(t("timeline.cell_trips", lang, n=f"{cell['trips']:,}") + " · "
                            + t("timeline.meetings_count", lang, n=f"{cell['meetings']:,}"))]
            if cell["planned"]:
                lines.append(escape(t("timeline.cell_planned", lang, n=f"{cell['planned']:,}")))
            hovers.append("<br>".join(lines))
        top = max(int(np.nanmax(counts)), 2)
        figure.add_trace(go.Heatmap(
            z=counts, y=labels, x=[(m + (_month_end(m) - m) / 2).isoformat() for m in months],
            colorscale=monthly_colorscale(), zmin=1, zmax=top, ygap=10, hoverinfo="skip",
            colorbar=dict(title=dict(text=escape(t("timeline.colorbar", lang)), side="top"), thickness=14,
                          len=min(1.0, max(0.3, 240 / (160 + 40 * len(rows)))), y=1, yanchor="top",
                          outlinewidth=0, tickfont=dict(color=theme.TEXT)),
            name=escape(t("timeline.colorbar", lang)),
        ))
        keys = np.empty((len(cells), 4), dtype=object)
        keys[:, 0] = cells["organization_id"].to_numpy(dtype="int64")
        keys[:, 1] = cells["department_key"].to_numpy(dtype="int64")
        keys[:, 2] = [m.isoformat() for m in starts]
        keys[:, 3] = [e.isoformat() for e in ends]
        figure.add_trace(go.Scatter(
            x=np.array(middles, dtype=object), y=np.array([escape(r) for r in cells["row"]], dtype=object),
            mode="markers", customdata=keys, hovertext=np.array(hovers, dtype=object), hoverinfo="text",
            marker=dict(symbol="square", size=14, opacity=0, color=theme.BACKGROUND,
                        line=dict(color=theme.CATEGORICAL[1], width=3)),
            selected=dict(marker=dict(opacity=1)), unselected=dict(marker=dict(opacity=0)),
            hoverlabel=dict(bgcolor=theme.BACKGROUND, bordercolor=theme.PRIMARY, font=dict(color=theme.TEXT)),
            showlegend=False, name=escape(t("timeline.colorbar", lang)),
        ))
        lower, upper = dt.date(months[0].year, 1, 1), dt.date(months[-1].year, 12, 31)
        figure.update_xaxes(range=[(lower - dt.timedelta(days=20)).isoformat(),
                                   (upper + dt.timedelta(days=20)).isoformat()],
                            dtick="M12", tickformat="%Y", ticklabelmode="period")
    figure.update_layout(
        title=dict(text=escape(title), x=0, xanchor="left") if title else None,
        height=max(320, 160 + 40 * len(rows)),
        margin=dict(l=10, r=20, t=80 if title else 40, b=40), plot_bgcolor=theme.BACKGROUND,
        font=dict(size=14), hoverlabel=dict(align="left"), clickmode="event+select", dragmode="pan",
        hovermode="closest",
    )
    figure.update_xaxes(type="date", gridcolor=theme.GRID, showline=True, linecolor=theme.GRID, showgrid=False)
    figure.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed",
                        gridcolor=theme.GRID, automargin=True, title=None, showgrid=False,
                        tickfont=dict(size=14, color=theme.TEXT))
    return figure


def monthly_note(counts: TripCounts, view: MonthlyView, lang: str) -> str:
    """What the monthly chart shows instead of one bar per trip, and how to see each trip."""
    parts = [t("timeline.monthly_note", lang, dated=f"{counts.dated:,}", limit=f"{BAR_LIMIT:,}")]
    if view.by_organization:
        parts.append(t("timeline.monthly_by_org", lang, groups=f"{view.groups:,}", rows=f"{len(view.rows):,}"))
    if counts.undated:
        parts.append(t("timeline.monthly_undated", lang, n=f"{counts.undated:,}"))
    return " ".join(parts)


def selection_points(event) -> list:
    """The selected points of st.plotly_chart's return value (an attribute dictionary; a plain
    dictionary works too), [] when there is none."""
    try:
        return list(event["selection"]["points"] or [])
    except (KeyError, TypeError):
        return []


def chosen_cell(points: Iterable[dict] | None) -> Cell | None:
    """The monthly-chart cell of the first selected point, or None (nothing or something else
    selected). Selections come back from the browser: anything malformed is no cell."""
    for point in points or []:
        data = point.get("customdata") if isinstance(point, dict) else None
        if not isinstance(data, (list, tuple)) or len(data) != 4:
            continue
        try:
            organization, department = int(data[0]), int(data[1])
            start, end = dt.date.fromisoformat(str(data[2])[:10]), dt.date.fromisoformat(str(data[3])[:10])
        except (TypeError, ValueError):
            continue
        if end <= start:
            continue
        return Cell(organization, None if department == _WHOLE_ORGANIZATION else department, start, end)
    return None


def describe_cell(cell: Cell, view: MonthlyView, lang: str) -> tuple[str, int] | None:
    """(what the list shows, trips in it) for a chosen cell, from the same data the chart was
    drawn from; None when the cell is not on the chart (the filters changed since it was picked)."""
    cells = view.cells
    if cells.empty:
        return None
    department = _WHOLE_ORGANIZATION if cell.department_key is None else cell.department_key
    found = cells[(cells["organization_id"] == cell.organization_id) & (cells["department_key"] == department)
                  & (cells["month"] == cell.start)]
    if found.empty or _month_end(cell.start) != cell.end:
        return None
    row = found.iloc[0]
    return t("timeline.cell_chosen", lang, row=row["row"], month=month_text(cell.start, lang),
             n=f"{int(row['trips']):,}"), int(row["trips"])


@dataclass(frozen=True)
class ListWindow:
    page: int     # 1-based, clamped to the pages there are
    pages: int
    offset: int   # rows to skip
    first: int    # 1-based number of the first trip shown (0 when none)
    last: int


def list_window(total: int, page: int | None, size: int = LIST_PAGE_SIZE) -> ListWindow:
    """Which trips of `total` page `page` of the list shows."""
    pages = max(1, -(-max(total, 0) // size))
    page = min(max(1, int(page or 1)), pages)
    offset = (page - 1) * size
    return ListWindow(page, pages, offset, offset + 1 if total else 0, min(total, offset + size))


def list_window_text(window: ListWindow, total: int, lang: str, size: int = LIST_PAGE_SIZE) -> str:
    return t("timeline.list_window", lang, total=f"{total:,}", first=f"{window.first:,}",
             last=f"{window.last:,}", size=size)


def is_undated(row: dict) -> bool:
    return as_date(row.get("start_date")) is None and as_date(row.get("end_date")) is None


def list_key(query: dict, cell: Cell | None) -> str:
    """A key for the list's pager that changes with the filters and the chosen cell, so a new
    view starts at its first page."""
    text = repr((sorted(query.items()), cell))
    return "timeline_page_" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


# -- one institution -------------------------------------------------------------------------

def institution_facts(facts: dict, lang: str) -> list[tuple[str, str]]:
    sectors = ", ".join(label("sector", s, lang) for s in as_list(facts.get("sectors")))
    where = ", ".join(p for p in (pick(facts, "city", lang), pick(facts, "country", lang)) if p)
    source = as_text(facts.get("source_file"))
    if source:
        span = lines_text(as_int(facts.get("line_start")), as_int(facts.get("line_end")), lang)
        source = f"{source} · {span}" if span else source
    elif as_text(facts.get("entered_by")):
        source = t("trip.entered_by", lang, user=as_text(facts.get("entered_by")))
    pairs = [
        (t("institution.type", lang), label("itype", as_text(facts.get("type")), lang)),
        (t("institution.sectors", lang), sectors),
        (t("institution.location", lang), where),
        (t("institution.description", lang), as_text(facts.get("description"))),
        (t("institution.website", lang), as_text(facts.get("website"))),
        (t("trip.source", lang), source),
    ]
    return [(k, v) for k, v in pairs if v]


def institution_name(facts: dict, lang: str) -> str:
    return pick(facts, "name", lang)


def institution_figure(meetings: pd.DataFrame, follow_ups: pd.DataFrame | None, today: dt.date,
                       lang: str, title: str = "") -> go.Figure:
    """Every dated meeting with the institution on one date axis, one row per trip; a meeting
    with a date but no time is a day-long band; follow-ups with a due date on their own row,
    with today marked."""
    figure = go.Figure()
    dated = meetings[meetings["meeting_date"].notna()] if not meetings.empty else meetings
    trip_ids = list(dict.fromkeys(int(x) for x in dated["trip_id"])) if not dated.empty else []
    colors = theme.color_map(trip_ids)
    lanes: list[str] = []
    dates: list[dt.date] = []

    def lane_of(row: dict) -> str:
        return clip(as_text(row.get("trip_title")), 36)

    for trip_id in trip_ids:
        rows = dated[dated["trip_id"] == trip_id].to_dict("records")
        lane = lane_of(rows[0])
        lanes.append(lane)
        hovers, xs, days, keys = [], [], [], []
        for row in rows:
            day = as_date(row["meeting_date"])
            dates.append(day)
            clock = as_time(row.get("start_time"))
            when = meeting_when(row, lang)
            lines = [f"<b>{escape(clip(row.get('title'), 70))}</b>", escape(when),
                     escape(clip(as_text(row.get("trip_title")), 70))]
            place = ", ".join(p for p in (as_text(row.get("place")), pick(row, "city", lang)) if p)
            if place:
                lines.append(escape(clip(place, 70)))
            hovers.append("<br>".join(lines))
            # a timed meeting sits at its local time; a date without a time at the middle of its day band
            xs.append(dt.datetime.combine(day, clock or dt.time(12)).isoformat())
            days.append(clock is None)
            keys.append([int(row["meeting_id"])])
        trip_start = as_date(rows[0].get("trip_start"))
        trip_end = as_date(rows[0].get("trip_end")) or trip_start
        if trip_start is not None:
            dates.extend([trip_start, trip_end])
            figure.add_trace(go.Bar(
                orientation="h", y=[lane], base=[trip_start.isoformat()],
                x=[((trip_end - trip_start).days + 1) * 86_400_000], width=0.5, showlegend=False,
                marker=dict(color=colors[trip_id], opacity=0.14, line=dict(width=0)),
                hovertext=[escape(f"{as_text(rows[0].get('trip_title'))} · {format_period(trip_start, trip_end, lang)}")],
                hoverinfo="text",
            ))
        day_rows_ = [i for i, whole in enumerate(days) if whole]
        if day_rows_:
            figure.add_trace(go.Bar(
                orientation="h", y=[lane] * len(day_rows_),
                base=[dt.datetime.combine(as_date(rows[i]["meeting_date"]), dt.time(0)).isoformat() for i in day_rows_],
                x=[86_400_000] * len(day_rows_), width=0.6, hoverinfo="skip", showlegend=False,
                marker=dict(color=colors[trip_id], opacity=0.3, pattern=dict(shape="/", fgcolor=colors[trip_id])),
            ))
        figure.add_trace(go.Scatter(
            mode="markers", y=[lane] * len(rows), x=xs,
            marker=dict(size=15, color=[("#FFFFFF" if whole else colors[trip_id]) for whole in days],
                        line=dict(color=colors[trip_id], width=3), symbol="circle"),
            hovertext=hovers, hoverinfo="text", customdata=keys, name=escape(lane),
        ))

    due = pd.DataFrame()
    if follow_ups is not None and not follow_ups.empty:
        due = follow_ups[follow_ups["due_date"].notna()]
    if not due.empty:
        lane = t("institution.follow_up_lane", lang)
        lanes.append(lane)
        rows = due.to_dict("records")
        for row in rows:
            dates.append(as_date(row["due_date"]))
        figure.add_trace(go.Scatter(
            mode="markers", y=[lane] * len(rows), x=[as_date(r["due_date"]).isoformat() for r in rows],
            marker=dict(symbol="diamond", size=15,
                        color=[theme.STAGE_COLORS.get(as_text(r["stage"]), theme.MUTED) for r in rows],
                        line=dict(color="#FFFFFF", width=1)),
            hovertext=["<br>".join([f"<b>{escape(clip(r['action'], 70))}</b>",
                                    escape(f"{t('timeline.col.due', lang)} {format_date(as_date(r['due_date']), lang)}"),
                                    escape(label("stage", as_text(r["stage"]), lang))]) for r in rows],
            hoverinfo="text", name=escape(lane),
        ))
        dates.append(today)
        figure.add_shape(type="line", x0=today.isoformat(), x1=today.isoformat(), y0=0, y1=1, yref="paper",
                         line=dict(color=theme.MUTED, dash="dot"))
        figure.add_annotation(x=today.isoformat(), y=1, yref="paper", text=escape(t("institution.today", lang)),
                              showarrow=False, yanchor="bottom", font=dict(color=theme.MUTED))

    if dates:
        first, last = min(dates), max(dates)
        pad = max(dt.timedelta(days=10), (last - first) / 12)
        figure.update_xaxes(range=[(first - pad).isoformat(), (last + pad + dt.timedelta(days=1)).isoformat()])
    figure.update_layout(
        title=dict(text=escape(title), x=0, xanchor="left") if title else None,
        height=max(260, 150 + 70 * len(lanes)), margin=dict(l=10, r=20, t=70 if title else 30, b=40),
        plot_bgcolor=theme.BACKGROUND, hoverlabel=dict(align="left"), showlegend=False, dragmode="pan",
        font=dict(size=13),
    )
    figure.update_xaxes(type="date", gridcolor=theme.GRID, showline=True, linecolor=theme.GRID,
                        tickformatstops=date_tick_formats(lang))
    figure.update_yaxes(categoryorder="array", categoryarray=lanes, autorange="reversed",
                        gridcolor=theme.GRID, automargin=True, title=None,
                        tickfont=dict(size=14, color=theme.TEXT))
    return figure


def due_state(row: dict, today: dt.date) -> str:
    """'closed' (done or dropped), 'overdue', 'upcoming' or 'none' (open without a due date)."""
    if as_text(row.get("stage")) in CLOSED_STAGES:
        return "closed"
    due = as_date(row.get("due_date"))
    if due is None:
        return "none"
    return "overdue" if due < today else "upcoming"


def split_follow_ups(follow_ups: pd.DataFrame, today: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(open: overdue first, then upcoming by due date, then those without one; past: closed,
    latest due or update first)."""
    if follow_ups.empty:
        return follow_ups, follow_ups
    frame = follow_ups.copy()
    frame["_state"] = [due_state(r, today) for r in frame.to_dict("records")]
    frame["_due"] = [as_date(v) or dt.date.max for v in frame["due_date"]]
    rank = {"overdue": 0, "upcoming": 1, "none": 2}
    open_ = frame[frame["_state"] != "closed"].copy()
    open_["_rank"] = open_["_state"].map(rank)
    open_ = open_.sort_values(["_rank", "_due", "follow_up_id"]).drop(columns=["_rank"])
    past = frame[frame["_state"] == "closed"].copy()
    past["_past"] = [as_date(r.get("due_date")) or as_date(r.get("updated_at")) or dt.date.min
                     for r in past.to_dict("records")]
    past = past.sort_values(["_past", "follow_up_id"], ascending=[False, False]).drop(columns=["_past"])
    return open_, past


def follow_up_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Display table of follow-ups already split by split_follow_ups (uses its _state column)."""
    keys = ("due_state", "action", "stage", "priority", "due", "owner", "next_action", "trip")
    columns = [t(f"timeline.col.{c}", lang) for c in keys]
    rows = []
    for row in frame.to_dict("records"):
        state = row.get("_state") or "none"
        rows.append([
            t(f"institution.due_{state}", lang), as_text(row.get("action")),
            label("stage", as_text(row.get("stage")), lang), label("priority", as_text(row.get("priority")), lang),
            format_date(as_date(row.get("due_date")), lang), as_text(row.get("owner")),
            as_text(row.get("next_action")), as_text(row.get("trip_title")),
        ])
    return pd.DataFrame(rows, columns=columns)


def programs_table(programs: pd.DataFrame, lang: str) -> pd.DataFrame:
    keys = ("program", "program_type", "cost", "duration", "eligibility")
    columns = [t(f"timeline.col.{c}", lang) for c in keys]
    rows = []
    for row in programs.to_dict("records"):
        name = as_text(row.get("name"))
        other = as_text(row.get("name_en"))
        if lang == "en" and other:
            name, other = other, name
        if other and other != name:
            name += f" ({other})"
        amount = row.get("cost_amount")
        cost = format_money(None if is_missing(amount) else amount, as_text(row.get("cost_currency")) or None, lang)
        if as_text(row.get("cost_note")):
            cost = f"{cost} · {as_text(row.get('cost_note'))}" if cost else as_text(row.get("cost_note"))
        rows.append([name, label("program_type", as_text(row.get("type")), lang), cost,
                     as_text(row.get("duration_text")), as_text(row.get("eligibility"))])
    return pd.DataFrame(rows, columns=columns)


def institution_summary(row: dict, lang: str) -> str:
    parts = [pick(row, "name", lang), label("itype", as_text(row.get("type")), lang), pick(row, "city", lang),
             t("institution.meeting_count", lang, n=as_int(row.get("meetings")) or 0)]
    return " · ".join(p for p in parts if p)

