"""The follow-up pipeline (issue #6): stage rules, staleness cues, conflict-safe saving with a
history row per changed field, and pure builders for the board, the table, the charts and the
export. No Streamlit here: pages/follow_ups.py renders what these functions return.

Stages run 발굴 identified → 제안 proposed → 협의 in discussion → 합의 agreed → 이행 in progress →
완료 done; 보류 on hold and 중단 dropped are reachable from any stage. A follow-up may move forward
to any later stage (things sometimes go faster than the pipeline), back one stage at a time
(a deal that returns to discussion), and from on hold / dropped back into the pipeline.

No lost updates: every save names the version its editor started from, and the UPDATE only
touches the row while it still has that version — in the same transaction as its history
rows. When someone else saved first, nothing is written and `ConflictError` carries the
current values so the page can show them.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import duckdb
import pandas as pd
import plotly.graph_objects as go

from atlas import access, theme
from atlas.access import User
from atlas.db import Database
from atlas.i18n import format_date, format_period, label, t

PIPELINE = ("identified", "proposed", "in_discussion", "agreed", "in_progress", "done")
SIDE_STAGES = ("on_hold", "dropped")
STAGES = PIPELINE + SIDE_STAGES
CLOSED = frozenset({"done", "dropped"})
PRIORITIES = ("high", "normal", "low")
EDITABLE_FIELDS = ("action", "stage", "owner", "due_date", "next_action", "priority")

CUES = ("overdue", "due_soon", "no_next_action", "stale")
DUE_SOON_DAYS = 7
DEFAULT_STALE_DAYS = 30
STALE_DAYS_RANGE = (1, 365)
STALE_DAYS_SETTING = "follow_ups.stale_days"
BOARD_CARD_LIMIT = 20      # cards per board column; the rest are in the table (20,000 trips at 100×)
TABLE_ROW_LIMIT = 2000     # rows in the editable table (the most urgent first); the export has them all
CHART_ROW_LIMIT = 15       # institutions / cities per bar chart

FONT_FAMILY = "Pretendard, 'Malgun Gothic', 'Apple SD Gothic Neo', 'Noto Sans CJK KR', NanumGothic, sans-serif"


# -- values ------------------------------------------------------------------------------------

def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict)) else False
    except (TypeError, ValueError):
        return False


def to_date(value: Any) -> dt.date | None:
    """A date from what DuckDB, pandas, a widget or a user hands over (None when missing)."""
    if _missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as error:
        raise InvalidValue("follow_ups.invalid_value", field="due_date", value=text) from error


def to_datetime(value: Any) -> dt.datetime | None:
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return pd.Timestamp(str(value)).to_pydatetime()


def clean_value(name: str, value: Any) -> Any:
    """One editable field's value in its stored form: text stripped (blank is None), dates as
    dates, codes as plain strings."""
    if name not in EDITABLE_FIELDS:
        raise ValueError(f"not an editable follow-up field: {name!r}")
    if name == "due_date":
        return to_date(value)
    if _missing(value):
        return None
    text = str(value).strip()
    return text or None


def stored_text(value: Any) -> str | None:
    """How a value is written into follow_up_events (old_value / new_value)."""
    if _missing(value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def format_datetime(value: Any, lang: str) -> str:
    moment = to_datetime(value)
    if moment is None:
        return ""
    return f"{format_date(moment, lang)} {moment:%H:%M}"


def md_escape(text: Any) -> str:
    """User text made safe to show inside Markdown: every Markdown punctuation mark is
    backslash-escaped, so nothing the user typed becomes a link, a heading or markup (and
    Streamlit never renders HTML from st.markdown without unsafe_allow_html)."""
    if _missing(text):
        return ""
    out = []
    for char in str(text):
        if char in "\\`*_{}[]()<>#+-.!|~:$=\"'&":
            out.append("\\" + char)
        elif char in "\r\n":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


# -- errors ------------------------------------------------------------------------------------

class FollowUpError(ValueError):
    """A save that is refused; `message(lang)` says why in the reader's language."""

    key = "follow_ups.edit.gone"

    def message(self, lang: str) -> str:
        return t(self.key, lang)


class FollowUpGone(FollowUpError):
    key = "follow_ups.edit.gone"


class InvalidValue(FollowUpError):
    """A value the follow-up cannot take (blank action, unknown code, unreadable date…)."""

    def __init__(self, key: str, **values: Any):
        super().__init__(f"{key} {values}".strip())
        self.key = key
        self.values = values

    def message(self, lang: str) -> str:
        values = dict(self.values)
        if "field" in values:
            values["field"] = t(f"follow_ups.field.{values['field']}", lang)
        return t(self.key, lang, **values)


class TransitionError(FollowUpError):
    key = "follow_ups.transition.invalid"

    def __init__(self, old: str, new: str):
        super().__init__(f"cannot move a follow-up from {old} to {new}")
        self.old, self.new = old, new

    def message(self, lang: str) -> str:
        return t(self.key, lang, old=label("stage", self.old, lang), new=label("stage", self.new, lang))


class ConflictError(FollowUpError):
    """Someone saved the follow-up after this editor read it: nothing was written."""

    key = "follow_ups.conflict.body"

    def __init__(self, follow_up_id: int, expected_version: int, current: Mapping[str, Any],
                 attempted: Mapping[str, Any]):
        super().__init__(f"follow-up {follow_up_id} is at version {current.get('version')}, "
                         f"not {expected_version}: refused")
        self.follow_up_id = int(follow_up_id)
        self.expected_version = int(expected_version)
        self.current = dict(current)      # editable fields + version, updated_at, updated_by
        self.attempted = dict(attempted)  # the fields this editor wanted to change

    def message(self, lang: str) -> str:
        return t(self.key, lang, user=self.current.get("updated_by") or "?",
                 when=format_datetime(self.current.get("updated_at"), lang),
                 version=self.current.get("version"), expected=self.expected_version)


# -- stage rules -------------------------------------------------------------------------------

def can_move(old: str, new: str) -> bool:
    """Whether a follow-up at stage `old` may be saved at stage `new`."""
    if old not in STAGES or new not in STAGES:
        return False
    if old == new or new in SIDE_STAGES or old in SIDE_STAGES:
        return True
    before, after = PIPELINE.index(old), PIPELINE.index(new)
    return after > before or after == before - 1


def allowed_stages(current: str) -> tuple[str, ...]:
    """The stages a follow-up at `current` can be moved to (itself included), in board order."""
    return tuple(stage for stage in STAGES if can_move(current, stage))


def _validate(old_stage: str, values: Mapping[str, Any]) -> None:
    if not values.get("action"):
        raise InvalidValue("follow_ups.table.action_blank")
    if values.get("stage") not in STAGES:
        raise InvalidValue("follow_ups.invalid_value", field="stage", value=str(values.get("stage")))
    if values.get("priority") not in PRIORITIES:
        raise InvalidValue("follow_ups.invalid_value", field="priority", value=str(values.get("priority")))
    if not can_move(old_stage, values["stage"]):
        raise TransitionError(old_stage, values["stage"])


# -- saving ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SaveResult:
    follow_up_id: int
    version: int
    changed: dict[str, tuple[Any, Any]]  # field -> (old, new); empty when nothing differed


class _Refused(Exception):
    pass


def _current_values(frame: pd.DataFrame | None) -> dict[str, Any] | None:
    if frame is None or frame.empty:
        return None
    row = frame.iloc[0]
    values = {name: clean_value(name, row[name]) for name in EDITABLE_FIELDS}
    values.update(version=int(row["version"]), updated_at=to_datetime(row["updated_at"]),
                  updated_by=None if _missing(row["updated_by"]) else str(row["updated_by"]))
    return values


def current_values(database: Database, follow_up_id: int) -> dict[str, Any] | None:
    """One follow-up's editable values as stored now (None when it does not exist)."""
    return _current_values(database.query("follow_ups/current", {"follow_up_id": int(follow_up_id)}))


def update_follow_up(database: Database, follow_up_id: int, expected_version: int,
                     changes: Mapping[str, Any], user: User | str, now: dt.datetime | None = None) -> SaveResult:
    """Save `changes` (editable field -> new value) made by `user` to a follow-up read at
    `expected_version`. One transaction: the version-checked UPDATE and one history row per
    changed field. Raises ConflictError (someone saved first; nothing written), TransitionError,
    InvalidValue or FollowUpGone; PermissionDenied when the user may not edit it."""
    if not user:
        raise ValueError("a save needs the name of the user making it")
    actor = access.require(user, "edit")
    user = actor.username
    wanted = {name: clean_value(name, value) for name, value in changes.items()}
    now = now or dt.datetime.now()
    follow_up_id, expected_version = int(follow_up_id), int(expected_version)
    try:
        with database.transaction() as tx:
            current = _current_values(tx.run("follow_ups/current", {"follow_up_id": follow_up_id}))
            if current is None:
                raise FollowUpGone(f"follow-up {follow_up_id} does not exist")
            if actor.limited:
                owner_org = tx.scalar("follow_ups/organization_of", {"follow_up_id": follow_up_id})
                access.require_organization(actor, None if _missing(owner_org) else int(owner_org))
            if current["version"] != expected_version:
                raise _Refused()
            merged = {name: current[name] for name in EDITABLE_FIELDS} | wanted
            changed = {name: (current[name], merged[name]) for name in EDITABLE_FIELDS
                       if current[name] != merged[name]}
            if not changed:
                return SaveResult(follow_up_id, current["version"], {})
            _validate(current["stage"], merged)
            saved = tx.run("follow_ups/update", {
                "follow_up_id": follow_up_id, "expected_version": expected_version,
                "action": merged["action"], "stage": merged["stage"], "owner": merged["owner"],
                "due_date": merged["due_date"], "next_action": merged["next_action"],
                "priority": merged["priority"], "changed_at": now, "user": user,
            })
            if saved is None or saved.empty:
                raise _Refused()  # the row moved on between our read and the UPDATE
            for name, (old, new) in changed.items():
                tx.insert("follow_up_events", {
                    "follow_up_id": follow_up_id, "occurred_at": now, "by_user": user, "field": name,
                    "old_value": stored_text(old), "new_value": stored_text(new),
                })
            return SaveResult(follow_up_id, int(saved.iat[0, 0]), changed)
    except (_Refused, duckdb.TransactionException):
        latest = current_values(database, follow_up_id)
        if latest is None:
            raise FollowUpGone(f"follow-up {follow_up_id} does not exist") from None
        raise ConflictError(follow_up_id, expected_version, latest, wanted) from None


def add_follow_up(database: Database, *, action: str, user: User | str, trip_id: int | None = None,
                  meeting_id: int | None = None, institution_ids: Iterable[int] = (),
                  owner: str | None = None, due_date: Any = None, next_action: str | None = None,
                  priority: str = "normal", stage: str = "identified",
                  now: dt.datetime | None = None) -> int:
    """Add a follow-up by hand (entered_by = user) with its counterparts and a 'created' event.
    A meeting brings its trip and institution; at least one of trip, meeting, institution."""
    if not user:
        raise ValueError("adding a follow-up needs the name of the user")
    actor = access.require(user, "edit")
    user = actor.username
    action_text = clean_value("action", action)
    if not action_text:
        raise InvalidValue("follow_ups.new.action_required")
    if stage not in STAGES:
        raise InvalidValue("follow_ups.invalid_value", field="stage", value=str(stage))
    if priority not in PRIORITIES:
        raise InvalidValue("follow_ups.invalid_value", field="priority", value=str(priority))
    institutions = list(dict.fromkeys(int(i) for i in institution_ids))
    meeting_trip = meeting_institution = None
    if meeting_id is not None:
        meeting = database.query("follow_ups/meeting", {"meeting_id": int(meeting_id)})
        if meeting.empty:
            raise InvalidValue("follow_ups.new.meeting_missing")
        meeting_trip = int(meeting.iat[0, meeting.columns.get_loc("trip_id")])
        found = meeting.iat[0, meeting.columns.get_loc("institution_id")]
        meeting_institution = None if _missing(found) else int(found)
        if trip_id is not None and int(trip_id) != meeting_trip:
            raise InvalidValue("follow_ups.new.meeting_mismatch")
        trip_id = meeting_trip
        if meeting_institution is not None and meeting_institution not in institutions:
            institutions.append(meeting_institution)
    if trip_id is None and meeting_id is None and not institutions:
        raise InvalidValue("follow_ups.new.link_required")
    now = now or dt.datetime.now()
    with database.transaction() as tx:
        if actor.limited:  # a limited user adds follow-ups to their organizations' trips only
            trip_org = None if trip_id is None else tx.scalar("follow_ups/trip_organization", {"trip_id": int(trip_id)})
            access.require_organization(actor, None if _missing(trip_org) else int(trip_org))
        follow_up_id = tx.insert("follow_ups", {
            "action": action_text, "trip_id": None if trip_id is None else int(trip_id),
            "meeting_id": None if meeting_id is None else int(meeting_id),
            "institution_id": institutions[0] if institutions else None,
            "owner": clean_value("owner", owner), "stage": stage, "priority": priority,
            "due_date": to_date(due_date), "next_action": clean_value("next_action", next_action),
            "created_at": now, "updated_at": now, "updated_by": user, "version": 1,
            "edited_by_hand": True, "entered_by": user,
        }, returning="follow_up_id")
        for institution_id in institutions:
            tx.insert("follow_up_institutions", {"follow_up_id": follow_up_id, "institution_id": institution_id})
        tx.insert("follow_up_events", {"follow_up_id": follow_up_id, "occurred_at": now, "by_user": user,
                                       "field": "created", "old_value": None, "new_value": stage})
    return int(follow_up_id)


# -- staleness ---------------------------------------------------------------------------------

def parse_stale_days(value: Any) -> int:
    """The stored setting as a day count within range; the default when unset or unreadable."""
    try:
        days = int(str(value).strip())
    except (TypeError, ValueError):
        return DEFAULT_STALE_DAYS
    low, high = STALE_DAYS_RANGE
    return min(max(days, low), high)


def cues_for(stage: str, due_date: Any, next_action: Any, updated_at: Any, today: dt.date,
             stale_days: int) -> tuple[str, ...]:
    """The warnings a follow-up deserves today.

    - overdue: due before today; due_soon: due today or within the next 7 days;
    - no_next_action: nobody wrote down what happens next;
    - stale: nobody changed it for `stale_days` days or more.
    Done and dropped follow-ups get none; one on hold only the staleness warning (its due
    date and next step are paused, but a hold nobody revisits is worth seeing)."""
    if stage in CLOSED:
        return ()
    found = []
    if stage != "on_hold":
        due = to_date(due_date)
        if due is not None and due < today:
            found.append("overdue")
        elif due is not None and (due - today).days <= DUE_SOON_DAYS:
            found.append("due_soon")
        if clean_value("next_action", next_action) is None:
            found.append("no_next_action")
    updated = to_date(to_datetime(updated_at))
    if updated is not None and (today - updated).days >= stale_days:
        found.append("stale")
    return tuple(found)


def with_cues(frame: pd.DataFrame, today: dt.date, stale_days: int) -> pd.DataFrame:
    """The follow-ups with their warnings (`cues`, a tuple) and one boolean column per cue,
    sorted most urgent first: open before closed, overdue, due soon, by due date, high
    priority first. Column-wise (40,000 follow-ups at 100× data); the same rules as cues_for."""
    out = frame.copy()
    stage = out["stage"].astype("object")
    closed = stage.isin(CLOSED)
    active = ~closed & (stage != "on_hold")
    today_ts = pd.Timestamp(today)
    due = pd.to_datetime(out["due_date"], errors="coerce")
    days_left = (due - today_ts).dt.days
    updated = pd.to_datetime(out["updated_at"], errors="coerce").dt.normalize()
    idle_days = (today_ts - updated).dt.days
    blank_next = out["next_action"].astype("object").fillna("").astype(str).str.strip().eq("")
    flags = {
        "overdue": active & (days_left < 0),
        "due_soon": active & (days_left >= 0) & (days_left <= DUE_SOON_DAYS),
        "no_next_action": active & blank_next,
        "stale": ~closed & (idle_days >= stale_days),
    }
    for cue in CUES:
        out[cue] = flags[cue].fillna(False).astype(bool).to_numpy()
    # One small integer per row (a bit per cue), then the tuple for that combination.
    combos = {code: tuple(cue for bit, cue in enumerate(CUES) if code >> bit & 1) for code in range(1 << len(CUES))}
    codes = sum(out[cue].to_numpy().astype(int) * (1 << bit) for bit, cue in enumerate(CUES)) if len(out) else []
    out["cues"] = [combos[int(code)] for code in codes]
    if out.empty:
        return out
    out["_closed"] = closed.to_numpy()
    out["_due_missing"] = due.isna().to_numpy()
    out["_due"] = due.to_numpy()
    out["_priority"] = out["priority"].map({p: i for i, p in enumerate(PRIORITIES)}).fillna(1).to_numpy()
    out = out.sort_values(["_closed", "overdue", "due_soon", "_due_missing", "_due", "_priority", "follow_up_id"],
                          ascending=[True, False, False, True, True, True, True], kind="stable")
    return out.drop(columns=["_closed", "_due_missing", "_due", "_priority"]).reset_index(drop=True)


def filter_by_cues(frame: pd.DataFrame, chosen: Iterable[str]) -> pd.DataFrame:
    """Only the follow-ups with at least one of the chosen warnings (all when none is chosen)."""
    chosen = [cue for cue in chosen if cue in CUES]
    if not chosen or frame.empty:
        return frame
    mask = frame[chosen].any(axis=1)
    return frame[mask].reset_index(drop=True)


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    value: int


def summary_metrics(frame: pd.DataFrame, lang: str, stale_days: int) -> list[Metric]:
    """Headline counts: all, open, and one per warning."""
    total = len(frame)
    open_count = int((~frame["stage"].isin(CLOSED)).sum()) if total else 0
    metrics = [Metric("total", t("follow_ups.metric.total", lang), total),
               Metric("open", t("follow_ups.metric.open", lang), open_count)]
    for cue in CUES:
        value = int(frame[cue].sum()) if total and cue in frame else 0
        metrics.append(Metric(cue, cue_label(cue, lang, stale_days), value))
    return metrics


def cue_label(cue: str, lang: str, stale_days: int) -> str:
    return t(f"follow_ups.cue.{cue}", lang, days=stale_days) if cue == "stale" else t(f"follow_ups.cue.{cue}", lang)


# -- the board ----------------------------------------------------------------------------------

def _text_or_blank(value: Any) -> str:
    return "" if _missing(value) else str(value)


@dataclass(frozen=True)
class Card:
    follow_up_id: int
    version: int
    action: str
    stage: str
    priority: str
    institution: str     # the main counterpart, "+N more" when there are others
    city: str
    owner: str           # the owner or "no owner"
    has_owner: bool
    due: str             # the due date or "no due date"
    next_action: str
    cues: tuple[str, ...]
    events: int
    values: dict = field(default_factory=dict)  # editable values as stored (the edit form starts here)


@dataclass(frozen=True)
class BoardColumn:
    stage: str
    label: str
    color: str
    count: int
    cards: list[Card]
    hidden: int  # cards not drawn (see BOARD_CARD_LIMIT)


def card_values(row: Mapping[str, Any]) -> dict[str, Any]:
    """What an editor starts from: the editable values of a follow-up row, its version, and
    who changed it last."""
    values = {name: clean_value(name, row.get(name)) for name in EDITABLE_FIELDS}
    values["version"] = int(row.get("version"))
    values["updated_at"] = to_datetime(row.get("updated_at"))
    values["updated_by"] = None if _missing(row.get("updated_by")) else str(row.get("updated_by"))
    return values


def save_stale_days(database: Database, days: Any, user: User | str) -> int:
    """Store the staleness threshold for everyone (app_settings); returns the stored value."""
    access.require(user, "edit")
    value = parse_stale_days(days)
    with database.transaction() as tx:
        tx.run("settings/set", {"key": STALE_DAYS_SETTING, "value": str(value)})
    return value


def stale_days_setting(stored: pd.DataFrame) -> int:
    """The threshold from the settings/get result (the default when never set)."""
    return parse_stale_days(stored.iat[0, 0]) if not stored.empty else DEFAULT_STALE_DAYS


def make_card(row: Mapping[str, Any], lang: str) -> Card:
    ko = lang == "ko"
    main = _text_or_blank(row.get("institution_ko" if ko else "institution_en"))
    count = int(row.get("institution_count") or 0)
    institution = main or t("follow_ups.card.institution_none", lang)
    if count > 1:
        institution += " " + t("follow_ups.card.more_institutions", lang, count=count - 1)
    city = row.get("city_ko" if ko else "city_en")
    owner = clean_value("owner", row.get("owner"))
    due = to_date(row.get("due_date"))
    return Card(
        follow_up_id=int(row["follow_up_id"]), version=int(row["version"]),
        action=str(row["action"]), stage=str(row["stage"]), priority=str(row["priority"]),
        institution=institution, city="" if _missing(city) else str(city),
        owner=owner or t("follow_ups.card.owner_none", lang), has_owner=owner is not None,
        due=format_date(due, lang) if due else t("follow_ups.card.due_none", lang),
        next_action=clean_value("next_action", row.get("next_action")) or "",
        cues=tuple(row.get("cues") or ()), events=int(row.get("events") or 0),
        values=card_values(row),
    )


def board(frame: pd.DataFrame, lang: str, limit: int = BOARD_CARD_LIMIT) -> list[BoardColumn]:
    """One column per stage, in pipeline order then on hold and dropped; cards in the frame's
    order (with_cues sorts most urgent first), at most `limit` drawn per column."""
    columns = []
    for stage in STAGES:
        rows = frame[frame["stage"] == stage] if not frame.empty else frame
        cards = [make_card(row, lang) for row in rows.head(limit).to_dict("records")]
        columns.append(BoardColumn(stage, label("stage", stage, lang), theme.STAGE_COLORS[stage],
                                   len(rows), cards, max(len(rows) - limit, 0)))
    return columns


def card_context(frame: pd.DataFrame, follow_up_id: int, lang: str) -> tuple[str, ...]:
    """Where a follow-up comes from, for the edit form: trip, meeting, counterparts."""
    rows = frame[frame["follow_up_id"] == follow_up_id] if not frame.empty else frame
    if rows.empty:
        return ()
    row = rows.iloc[0]
    names = row["institutions_ko" if lang == "ko" else "institutions_en"]
    parts = [row.get("trip_title"), row.get("meeting_title"), names]
    return tuple(str(p) for p in parts if not _missing(p) and str(p))


def trip_choices(trips: pd.DataFrame, lang: str) -> dict[int, str]:
    """The add form's trip options: title and dates."""
    return {int(r["trip_id"]): f"{r['title']} ({format_period(to_date(r['start_date']), to_date(r['end_date']), lang)})"
            for r in trips.to_dict("records")}


def meeting_choices(meetings: pd.DataFrame, trip_id: int | None, lang: str) -> dict[int, str]:
    """The add form's meeting options (of the chosen trip, when one is): date · title · institution."""
    rows = meetings if trip_id is None else meetings[meetings["trip_id"] == trip_id]
    column = "institution_ko" if lang == "ko" else "institution_en"
    return {int(r["meeting_id"]): " · ".join(part for part in (
        format_date(to_date(r["meeting_date"]), lang), str(r["title"]), _text_or_blank(r[column])) if part)
        for r in rows.to_dict("records")}


def institution_choices(institutions: pd.DataFrame, lang: str) -> dict[int, str]:
    """The add form's counterpart options: name (city)."""
    ko = lang == "ko"
    out = {}
    for r in institutions.to_dict("records"):
        city = _text_or_blank(r["city_ko" if ko else "city_en"])
        name = _text_or_blank(r["name_ko" if ko else "name_en"])
        out[int(r["institution_id"])] = f"{name} ({city})" if city else name
    return out


def board_css() -> str:
    """The stage colour on top of each board column (keyed containers `fu_col_<stage>`), from
    the palette only: no data goes into this style sheet."""
    rules = [f".st-key-fu_col_{stage} {{ border-top: 6px solid {color}; padding-top: 0.4rem; }}"
             for stage, color in theme.STAGE_COLORS.items()]
    return "<style>\n" + "\n".join(rules) + "\n</style>"


# -- history -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class HistoryLine:
    when: str
    user: str
    text: str


def display_value(name: str, value: Any, lang: str) -> str:
    """A stored value (event text or field value) for reading: stage / priority labels, dates
    in the reader's format, '(none)' for blanks."""
    if _missing(value) or value == "":
        return t("follow_ups.history.blank", lang)
    if name in ("stage", "priority"):
        return label(name, str(value), lang)
    if name == "due_date":
        return format_date(to_date(value), lang)
    return str(value)


def describe_event(name: str, old: Any, new: Any, lang: str) -> str:
    if name == "created":
        return t("follow_ups.history.created", lang, stage=display_value("stage", new, lang))
    title = t(f"follow_ups.field.{name}", lang) if name in EDITABLE_FIELDS else name
    return f"{title}: {display_value(name, old, lang)} → {display_value(name, new, lang)}"


def events_for(events: pd.DataFrame, follow_up_ids: Iterable[int]) -> pd.DataFrame:
    """Only the events of the given follow-ups (the cards on screen)."""
    return events[events["follow_up_id"].isin(list(follow_up_ids))]


def history_lines(events: pd.DataFrame, lang: str) -> dict[int, list[HistoryLine]]:
    """Each follow-up's changes, newest first, ready to print."""
    out: dict[int, list[HistoryLine]] = {}
    for row in events.to_dict("records"):
        out.setdefault(int(row["follow_up_id"]), []).append(HistoryLine(
            when=format_datetime(row["occurred_at"], lang), user=str(row["by_user"]),
            text=describe_event(str(row["field"]), row["old_value"], row["new_value"], lang)))
    return out


# -- the table ----------------------------------------------------------------------------------

TABLE_COLUMNS = ("action", "stage", "owner", "due_date", "next_action", "priority",
                 "institutions", "cues", "updated", "version")


def _joined_names(frame: pd.DataFrame, lang: str) -> pd.Series:
    return _text(frame["institutions_ko" if lang == "ko" else "institutions_en"])


def _cue_text(frame: pd.DataFrame, lang: str, stale_days: int) -> pd.Series:
    names = {cue: cue_label(cue, lang, stale_days) for cue in CUES}
    return frame["cues"].map(lambda found: ", ".join(names[c] for c in (found or ()))).astype("object")


def _moments(frame: pd.DataFrame, lang: str) -> pd.Series:
    """updated_at in the reader's format, column-wise ("2024. 6. 24. 14:05" / "Jun 24, 2024 14:05")."""
    moments = pd.to_datetime(frame["updated_at"], errors="coerce")
    if lang == "ko":
        text = (moments.dt.year.astype("Int64").astype(str) + ". " + moments.dt.month.astype("Int64").astype(str)
                + ". " + moments.dt.day.astype("Int64").astype(str) + ". " + moments.dt.strftime("%H:%M"))
    else:
        text = (moments.dt.strftime("%b ") + moments.dt.day.astype("Int64").astype(str)
                + moments.dt.strftime(", %Y %H:%M"))
    return text.where(moments.notna(), "").astype("object")


def _text(series: pd.Series) -> pd.Series:
    return series.astype("object").map(lambda v: "" if _missing(v) else str(v).strip()).astype("object")


def table_frame(frame: pd.DataFrame, lang: str, stale_days: int, limit: int | None = None) -> pd.DataFrame:
    """The editable table: indexed by follow_up_id, stage / priority as codes (the editor shows
    their labels), due dates as dates, blank text as "" (not a "None" cell), read-only context
    columns as text. At most `limit` rows (the frame's first, i.e. most urgent)."""
    rows = frame.head(limit) if limit else frame
    due = pd.to_datetime(rows["due_date"], errors="coerce")
    updated_by = _text(rows["updated_by"])
    moments = _moments(rows, lang)
    table = pd.DataFrame({
        "action": rows["action"].astype("object").to_numpy(),
        "stage": rows["stage"].astype("object").to_numpy(),
        "owner": _text(rows["owner"]).to_numpy(),
        "due_date": pd.Series([None if pd.isna(d) else d.date() for d in due], dtype="object").to_numpy(),
        "next_action": _text(rows["next_action"]).to_numpy(),
        "priority": rows["priority"].astype("object").to_numpy(),
        "institutions": _joined_names(rows, lang).to_numpy(),
        "cues": _cue_text(rows, lang, stale_days).to_numpy(),
        "updated": [f"{m} · {u}".strip(" ·") for m, u in zip(moments, updated_by)],
        "version": rows["version"].astype("int64").to_numpy(),
    }, columns=list(TABLE_COLUMNS))
    table.index = pd.Index(rows["follow_up_id"].astype("int64").to_numpy(), name="follow_up_id")
    return table


def _comparable(series: pd.Series, name: str) -> pd.Series:
    """A cheap key per cell that is equal when clean_value would be equal."""
    if name == "due_date":
        def key(value: Any) -> str:
            try:
                day = to_date(value)
            except InvalidValue:
                return f"?{value}"
            return day.isoformat() if day else ""
        return series.astype("object").map(key)
    return _text(series)


def table_changes(base: pd.DataFrame, edited: pd.DataFrame) -> dict[int, dict[str, Any]]:
    """Per follow-up, the editable fields whose value in the edited table differs from the
    table the editor was given (values in their stored form)."""
    common = base.index.intersection(edited.index)
    if common.empty:
        return {}
    before, after = base.loc[common], edited.loc[common]
    differing = pd.Series(False, index=common)
    for name in EDITABLE_FIELDS:
        differing |= _comparable(before[name], name).to_numpy() != _comparable(after[name], name).to_numpy()
    changes: dict[int, dict[str, Any]] = {}
    for follow_up_id in common[differing.to_numpy()]:
        fields_changed = {}
        for name in EDITABLE_FIELDS:
            old = clean_value(name, before.at[follow_up_id, name])
            try:
                new = clean_value(name, after.at[follow_up_id, name])
            except InvalidValue:
                new = after.at[follow_up_id, name]
            if old != new:
                fields_changed[name] = new
        if fields_changed:
            changes[int(follow_up_id)] = fields_changed
    return changes


@dataclass
class TableSave:
    saved: list[int] = field(default_factory=list)
    conflicts: list[ConflictError] = field(default_factory=list)
    refused: list[tuple[int, FollowUpError]] = field(default_factory=list)


def save_table_changes(database: Database, base: pd.DataFrame, changes: Mapping[int, Mapping[str, Any]],
                       user: User | str, now: dt.datetime | None = None) -> TableSave:
    """Save each edited row against the version the table showed; a row someone else saved
    meanwhile is refused (ConflictError), the others are saved. PermissionDenied (nothing
    saved) when the user may not edit."""
    access.require(user, "edit")
    outcome = TableSave()
    for follow_up_id, fields_changed in changes.items():
        try:
            update_follow_up(database, follow_up_id, int(base.at[follow_up_id, "version"]), fields_changed,
                             user, now=now)
        except ConflictError as conflict:
            outcome.conflicts.append(conflict)
        except FollowUpError as error:
            outcome.refused.append((int(follow_up_id), error))
        else:
            outcome.saved.append(int(follow_up_id))
    return outcome


def conflict_table(conflict: ConflictError, lang: str, markdown: bool = False) -> pd.DataFrame:
    """Field by field: the value saved now, and what this editor tried to save. With
    `markdown`, values are escaped for a table that renders Markdown (st.table)."""
    show = md_escape if markdown else (lambda text: text)
    rows = []
    for name in EDITABLE_FIELDS:
        yours = display_value(name, conflict.attempted[name], lang) if name in conflict.attempted else ""
        rows.append({t("follow_ups.conflict.field", lang): t(f"follow_ups.field.{name}", lang),
                     t("follow_ups.conflict.current", lang):
                         show(display_value(name, conflict.current.get(name), lang)),
                     t("follow_ups.conflict.yours", lang): show(yours)})
    return pd.DataFrame(rows)


# -- statistics -----------------------------------------------------------------------------------

def stage_reach(reach: pd.DataFrame) -> dict[str, int]:
    """For each pipeline stage, how many follow-ups reached it (or went beyond) according to
    their current stage and every stage their history shows."""
    furthest = []
    for stage, held in zip(reach["stage"], reach["stages_held"]):
        indexes = [PIPELINE.index(s) for s in [stage, *_text_or_blank(held).split(",")] if s in PIPELINE]
        furthest.append(max(indexes) if indexes else -1)
    return {stage: sum(1 for f in furthest if f >= i) for i, stage in enumerate(PIPELINE)}


def _layout(fig: go.Figure, title: str, scope: str, height: int) -> go.Figure:
    full_title = f"{title}<br><sup>{_plotly_text(scope)}</sup>" if scope else title
    fig.update_layout(
        title={"text": full_title, "x": 0, "xanchor": "left"}, height=height,
        font={"family": FONT_FAMILY, "color": theme.TEXT, "size": 14},
        paper_bgcolor=theme.BACKGROUND, plot_bgcolor=theme.BACKGROUND,
        margin={"l": 10, "r": 10, "t": 70 if scope else 50, "b": 10},
    )
    return fig


def _plotly_text(text: Any) -> str:
    """Plotly reads a small HTML subset in labels: escape what came from data."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def funnel_figure(reach: pd.DataFrame, lang: str, scope: str = "") -> go.Figure:
    counts = stage_reach(reach)
    labels = [label("stage", s, lang) for s in PIPELINE]
    fig = go.Figure(go.Funnel(
        y=labels, x=[counts[s] for s in PIPELINE], textinfo="value+percent initial",
        marker={"color": [theme.STAGE_COLORS[s] for s in PIPELINE]},
        connector={"line": {"color": theme.GRID}, "fillcolor": theme.SURFACE},
        hovertemplate="%{y}: %{x}<extra></extra>",
    ))
    return _layout(fig, t("follow_ups.funnel.title", lang), scope, 380)


def counts_frame(counts: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    """Institution (or city) × stage counts as a wide table, largest total first."""
    ko = lang == "ko"
    if counts.empty:
        return pd.DataFrame(columns=["name", *STAGES, "total"])
    names = counts["name_ko" if ko else "name_en"].astype("object")
    if kind == "city":
        names = [t("follow_ups.city_unknown", lang) if _missing(n) else str(n) for n in names]
    key = "institution_id" if kind == "institution" else "city_id"
    frame = pd.DataFrame({"key": counts[key].astype("object").where(counts[key].notna(), -1),
                          "name": names, "stage": counts["stage"],
                          "n": counts["follow_ups"].astype(int)})
    wide = frame.pivot_table(index=["key", "name"], columns="stage", values="n", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=list(STAGES), fill_value=0)
    wide["total"] = wide.sum(axis=1)
    wide = wide.reset_index().drop(columns="key")
    return wide.sort_values(["total", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def counts_figure(counts: pd.DataFrame, kind: str, lang: str, scope: str = "",
                  limit: int = CHART_ROW_LIMIT) -> go.Figure:
    """Stacked horizontal bars: follow-ups per institution (or city), coloured by stage."""
    wide = counts_frame(counts, kind, lang).head(limit)
    rows = wide.iloc[::-1]  # largest on top
    fig = go.Figure()
    for stage in STAGES:
        if rows.empty or not rows[stage].any():
            continue
        fig.add_trace(go.Bar(
            y=[_plotly_text(n) for n in rows["name"]], x=rows[stage], orientation="h",
            name=label("stage", stage, lang), marker={"color": theme.STAGE_COLORS[stage]},
            hovertemplate="%{y} · " + _plotly_text(label("stage", stage, lang)) + ": %{x}<extra></extra>",
        ))
    fig.update_layout(barmode="stack", showlegend=True, legend={"orientation": "h", "y": -0.2, "x": 0},
                      xaxis={"title": t("follow_ups.axis.count", lang), "gridcolor": theme.GRID, "dtick": 1
                             if (wide["total"].max() if not wide.empty else 0) <= 10 else None},
                      yaxis={"automargin": True})
    title = t("follow_ups.by_institution" if kind == "institution" else "follow_ups.by_city", lang)
    return _layout(fig, title, scope, 140 + 34 * max(len(rows), 1))


# -- export ----------------------------------------------------------------------------------------

def _source(row: Mapping[str, Any], lang: str) -> str:
    file_name = row.get("source_file")
    if not _missing(file_name):
        start, end = row.get("line_start"), row.get("line_end")
        if _missing(start):
            return str(file_name)
        if _missing(end) or int(end) == int(start):
            return t("follow_ups.source.line", lang, file=file_name, line=int(start))
        return t("follow_ups.source.lines", lang, file=file_name, start=int(start), end=int(end))
    user = row.get("entered_by")
    return t("follow_ups.source.hand", lang, user=user) if not _missing(user) else ""


def export_frame(frame: pd.DataFrame, lang: str, stale_days: int) -> pd.DataFrame:
    """The current view for CSV / Excel: localized headers, labels for codes, ISO dates."""
    ko = lang == "ko"
    header = lambda key: t(f"follow_ups.field.{key}", lang)  # noqa: E731
    stage_names = {s: label("stage", s, lang) for s in STAGES}
    priority_names = {p: label("priority", p, lang) for p in PRIORITIES}
    due = pd.to_datetime(frame["due_date"], errors="coerce")
    updated = pd.to_datetime(frame["updated_at"], errors="coerce")
    sources = [_source(row, lang) for row in
               frame[["source_file", "line_start", "line_end", "entered_by"]].to_dict("records")]
    table = pd.DataFrame({
        header("id"): frame["follow_up_id"].astype("int64").to_numpy(),
        header("action"): frame["action"].astype("object").to_numpy(),
        header("stage"): frame["stage"].map(stage_names).astype("object").to_numpy(),
        header("priority"): frame["priority"].map(priority_names).astype("object").to_numpy(),
        header("owner"): _text(frame["owner"]).to_numpy(),
        header("due_date"): due.dt.strftime("%Y-%m-%d").fillna("").astype("object").to_numpy(),
        header("next_action"): _text(frame["next_action"]).to_numpy(),
        header("institutions"): _joined_names(frame, lang).to_numpy(),
        header("city"): _text(frame["city_ko" if ko else "city_en"]).to_numpy(),
        header("trip"): _text(frame["trip_title"]).to_numpy(),
        header("meeting"): _text(frame["meeting_title"]).to_numpy(),
        header("cues"): _cue_text(frame, lang, stale_days).to_numpy(),
        header("updated_at"): updated.dt.strftime("%Y-%m-%d %H:%M").fillna("").astype("object").to_numpy(),
        header("updated_by"): _text(frame["updated_by"]).to_numpy(),
        header("version"): frame["version"].astype("int64").to_numpy(),
        header("source"): sources,
    })
    return table


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens Korean text correctly."""
    return table.to_csv(index=False).encode("utf-8-sig")


_FORMULA_START = ("=", "+", "-", "@")


def _cell_text(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is written as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_xlsx_bytes(table: pd.DataFrame, sheet: str) -> bytes:
    """One sheet, header row bold and frozen, columns sized to their content. Written in
    openpyxl's streaming mode (40,000 rows at 100× data)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    ws.freeze_panes = "A2"
    for index, column in enumerate(table.columns, start=1):
        longest = max([len(str(column))] + [len(str(v)) for v in table.iloc[:500, index - 1]])
        ws.column_dimensions[get_column_letter(index)].width = min(max(8, longest * 1.6), 60)
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(ws, value=str(column))
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    cells = table.astype("object").where(table.notna(), None)
    for row in cells.itertuples(index=False, name=None):
        ws.append([_cell_text(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_file_name(extension: str, today: dt.date) -> str:
    return f"follow-ups-{today:%Y%m%d}.{extension}"
