"""The one template of the entity pages (a city, an institution, a trip; issue #7).

Every entity page draws the same sections, in this order and with the same look, each through
one function here:

    header        title, subtitle, what the figures follow, the metrics row
    key_facts     | small_map      side by side (facts_and_map gives the two columns)
    section       the timeline, drawn by the page (its chart differs per kind)
    meetings_section
    programs_section
    follow_ups_section
    documents_section
    flags_section

A section always shows its heading; when it has nothing to show it says so in one translated
line ("이 도시에서 열린 면담이 없습니다"), so a reader never wonders whether it failed to load.
Long lists are cut at atlas.entity.SECTION_LIMIT rows with "the first N of M".

Also here: what an entity page shows when its id is missing or unknown (missing_entity_picker).
All data text goes through atlas.entity.md_text (Markdown: escaped, and addresses kept from
becoming links) or atlas.entity.table_style; nothing is rendered as HTML.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Sequence

import pandas as pd
import streamlit as st

from atlas import entity
from atlas import maps
from atlas import timeline as tl
from atlas.i18n import label
from atlas.ui.frame import PageContext, entity_link

PICK_LIMIT = 50  # links drawn at most: at 100× data there are 20,000 trips to choose from
MAP_HEIGHT = 380
md = entity.md_text
LinkQuery = Callable[[str, int], dict]


def missing_entity_picker(context: PageContext, *, kind: str, entity_id: int | None, page_file: str,
                          icon: str, choices: pd.DataFrame, id_column: str,
                          label_of: Callable[[dict], str], link_query: Callable[[str, int], dict],
                          empty_key: str) -> None:
    """Render the 'no such <kind>' state with a list to pick from, then stop the page."""
    st.title(context.t(f"nav.{kind}"), anchor=False)
    if entity_id is None:
        st.info(context.t(f"{kind}.missing"), icon=":material/travel_explore:")
    else:
        st.warning(context.t(f"{kind}.unknown", id=entity_id), icon=":material/search_off:")
    st.subheader(context.t(f"{kind}.pick"), anchor=False)
    if choices.empty:
        st.info(context.t(empty_key), icon=":material/search_off:")
    for row in choices.head(PICK_LIMIT).to_dict("records"):
        st.page_link(page_file, label=label_of(row), icon=icon, query_params=link_query(kind, int(row[id_column])))
    if len(choices) > PICK_LIMIT:
        st.caption(context.t("entity.more", shown=PICK_LIMIT, total=f"{len(choices):,}"))
    st.stop()


def link_query_for(context: PageContext) -> LinkQuery:
    """Query parameters of a link to another entity page that keeps the filters and language."""
    def link_query(kind: str, entity_id: int) -> dict:
        return tl.link_params(entity_link(kind, entity_id, context.filters, context.lang))
    return link_query


# -- header, facts, map ----------------------------------------------------------------------------

def header(context: PageContext, title: str, subtitle: str, metrics: Sequence[tuple[str, object]],
           note: str = "") -> None:
    """The page title (data, shown as written), a subtitle, an optional note on what the figures
    follow, and the metrics row."""
    st.title(md(title), anchor=False)
    if subtitle:
        st.caption(md(subtitle))
    if note:
        st.caption(md(note))
    with st.container(horizontal=True):
        for name, value in metrics:
            st.metric(name, value, border=True)


def facts_and_map():
    """The two columns of the key facts (left) and the small map (right)."""
    return st.columns([2, 3], gap="large")


def section(title: str) -> None:
    """A section heading (a translated string, never data)."""
    st.subheader(title, anchor=False)


def empty(text: str) -> None:
    """A section's one-line empty state (a translated string)."""
    st.caption(text)


def key_facts(context: PageContext, pairs: Sequence[tuple[str, str]], empty_text: str = "") -> None:
    section(context.t("entity.facts"))
    if not pairs and empty_text:
        empty(empty_text)
    for name, value in pairs:
        st.markdown(f"**{md(name)}** · {md(value)}")


def map_options(context: PageContext) -> maps.MapOptions:
    """The small maps' options: the reader's language, circles sized by meetings, links to the
    entity pages with the current filters; the app's own basemap, never online tiles."""
    return maps.MapOptions(lang=context.lang, size_by="meetings", color_by="country", show_routes=True,
                           link=lambda kind, entity_id: entity_link(kind, entity_id, context.filters, context.lang))


def small_map(context: PageContext, view: maps.MapView | None, *, key: str, caption: str, empty_text: str,
              notes: Sequence[str] = ()) -> None:
    """The map section: a small Leaflet map (offline: Leaflet and the basemap are the app's own)."""
    from streamlit_folium import st_folium

    section(context.t("entity.map"))
    if view is None or not (view.markers or view.routes):
        empty(empty_text)
        return
    if not view.basemap:
        st.caption(context.t("entity.map_no_basemap"))
    st_folium(entity.compact_map(view).map, key=key, height=MAP_HEIGHT, width=None, returned_objects=[])
    st.caption(caption)
    for note in notes:
        st.caption(note)


# -- lists ------------------------------------------------------------------------------------------

def cut_note(context: PageContext, shown: int, total: int) -> None:
    if total > shown:
        st.caption(context.t("entity.more", shown=shown, total=f"{total:,}"))


def link_list(context: PageContext, rows: Sequence[dict], *, page_file: str, kind: str, id_column: str,
              icon: str, label_of: Callable[[dict], str], link_query: LinkQuery,
              limit: int = entity.SECTION_LIMIT) -> None:
    """One link per row to an entity page, at most `limit` of them."""
    part = entity.bounded(list(rows), limit)
    for row in part.rows:
        st.page_link(page_file, label=md(label_of(row)), icon=icon,
                     query_params=link_query(kind, int(row[id_column])))
    cut_note(context, len(part.rows), part.total)


def show_table(context: PageContext, table: entity.Table, limit: int = entity.SECTION_LIMIT) -> None:
    shown = entity.Table(table.frame.head(limit), table.nowrap)
    st.table(entity.table_style(shown.frame, nowrap=shown.nowrap))
    cut_note(context, len(shown), len(table))


# -- meetings -----------------------------------------------------------------------------------------

def inline_flags(context: PageContext, found: Sequence[tl.Flag]) -> None:
    """Data-quality notes beside the item they concern."""
    for flag in found:
        text = f"**{md(label('flag_severity', flag.severity, context.lang))}** · {md(flag.message)}"
        span = tl.lines_text(flag.line_start, flag.line_end, context.lang)
        if span:
            text += f" ({md(span)})"
        if flag.severity == "info":
            st.info(text, icon=":material/info:")
        else:
            st.warning(text, icon=":material/warning:")


def meeting_details(context: PageContext, row: dict, *, attendees: pd.DataFrame | None,
                    agenda: pd.DataFrame | None, flags: pd.DataFrame | None, link_query: LinkQuery,
                    links: Sequence[str] = ("institution", "city"), source_file: str | None = None) -> None:
    """One meeting: when (local and Korea time), where, why, links to its institution, city and
    trip pages, who came, the agenda, the key points and its data-quality notes."""
    lang = context.lang
    meeting_id = int(row["meeting_id"])
    st.markdown(f"**{md(context.t('trip.when'))}** · {md(tl.meeting_when(row, lang))}")
    place = ", ".join(p for p in (tl.as_text(row.get("place")), tl.pick(row, "city", lang)) if p)
    if place:
        st.markdown(f"**{md(context.t('trip.place'))}** · {md(place)}")
    if tl.as_text(row.get("purpose")):
        st.markdown(f"**{md(context.t('trip.purpose'))}** · {md(row['purpose'])}")
    with st.container(horizontal=True):
        if "institution" in links and tl.as_int(row.get("institution_id")) is not None:
            st.page_link("pages/institution.py", icon=":material/apartment:",
                         label=md(context.t("trip.open_institution", name=tl.pick(row, "institution", lang))),
                         query_params=link_query("institution", int(row["institution_id"])))
        if "city" in links and tl.as_int(row.get("city_id")) is not None:
            st.page_link("pages/city.py", icon=":material/location_city:",
                         label=md(context.t("trip.open_city", name=tl.pick(row, "city", lang))),
                         query_params=link_query("city", int(row["city_id"])))
        if "trip" in links and tl.as_int(row.get("trip_id")) is not None:
            st.page_link("pages/trip.py", icon=":material/flight_takeoff:",
                         label=md(context.t("institution.open_trip", name=tl.as_text(row.get("trip_title")))),
                         query_params=link_query("trip", int(row["trip_id"])))
    people = tl.attendees_table(attendees, meeting_id, lang)
    if not people.empty:
        st.markdown(f"**{md(context.t('trip.attendees'))}** · "
                    f"{md(tl.attendee_count_text(attendees, meeting_id, row.get('attendee_count_stated'), lang))}")
        st.table(entity.table_style(people, nowrap=(0, 1)))
    topics = tl.agenda_table(agenda, meeting_id, lang)
    if not topics.empty:
        st.markdown(f"**{md(context.t('trip.agenda'))}**")
        st.table(entity.table_style(topics, nowrap=(0,)))
    points = tl.as_list(row.get("key_points"))
    if points:
        st.markdown(f"**{md(context.t('trip.key_points'))}**")
        st.markdown("\n".join(f"- {md(point)}" for point in points))
    inline_flags(context, [f for f in tl.flags_from(flags) if f.meeting_id == meeting_id])
    source = source_file or tl.as_text(row.get("source_file"))
    span = tl.lines_text(tl.as_int(row.get("line_start")), tl.as_int(row.get("line_end")), lang)
    if span and source:
        st.caption(md(f"{context.t('trip.source')}: {source} · {span}"))


def meetings_section(context: PageContext, title: str, meetings: pd.DataFrame, *, attendees: pd.DataFrame | None,
                     agenda: pd.DataFrame | None, flags: pd.DataFrame | None, link_query: LinkQuery,
                     empty_text: str, links: Sequence[str] = ("institution", "city"),
                     source_file: str | None = None, total: int | None = None, caption: str = "") -> None:
    """Every meeting as an expander (date · title, ▲ n when it has notes) holding its details."""
    section(title)
    if meetings.empty:
        empty(empty_text)
        return
    if caption:
        st.caption(caption)
    found = tl.flags_from(flags)
    part = entity.bounded(meetings, total=total)
    for row in part.rows:
        count = sum(1 for f in found if f.meeting_id == row["meeting_id"])
        heading = md(tl.meeting_heading(row, context.lang)) + (f" · ▲ {count}" if count else "")
        with st.expander(heading, icon=":material/groups:"):
            meeting_details(context, row, attendees=attendees, agenda=agenda, flags=flags,
                            link_query=link_query, links=links, source_file=source_file)
    cut_note(context, len(part.rows), part.total)


# -- programs, follow-ups ------------------------------------------------------------------------------

def programs_section(context: PageContext, programs: pd.DataFrame, *, flags: pd.DataFrame | None,
                     empty_text: str, with_host: bool = True, caption: str = "") -> None:
    """The cooperation programs as one table (host, name, type, cost, duration, eligibility),
    their data-quality notes under it, and a link to compare them on the programs page."""
    section(context.t("entity.programs"))
    if programs.empty:
        empty(empty_text)
        return
    if caption:
        st.caption(caption)
    show_table(context, entity.programs_table(programs, context.lang, with_host=with_host))
    for severity, name, message in entity.program_flag_notes(flags, programs, context.lang):
        st.caption(f"▲ {md(label('flag_severity', severity, context.lang))} · {md(name)}: {md(message)}")
    params = context.filters.to_query() | ({"lang": context.lang} if context.lang != "ko" else {})
    st.page_link("pages/programs.py", label=context.t("entity.open_programs"), icon=":material/compare_arrows:",
                 query_params=params)


def follow_ups_section(context: PageContext, follow_ups: pd.DataFrame, *, empty_text: str,
                       show_trip: bool = True, show_counterparts: bool = True,
                       today: dt.date | None = None) -> None:
    """Follow-ups in two headed parts: the open ones (overdue first, then by due date) above the
    closed ones. With none at all, the open part says so in the page's words."""
    open_, past = tl.split_follow_ups(follow_ups, today or dt.date.today())
    for title_key, frame, none_text in (("institution.follow_ups_open", open_,
                                         empty_text if follow_ups.empty else context.t("institution.no_open")),
                                        ("institution.follow_ups_past", past, context.t("institution.no_past"))):
        section(context.t(title_key))
        if frame.empty:
            empty(none_text)
        else:
            show_table(context, entity.follow_ups_table(frame, context.lang, show_trip=show_trip,
                                                        show_counterparts=show_counterparts))


# -- source documents --------------------------------------------------------------------------------------

def documents_section(context: PageContext, documents: pd.DataFrame, *, empty_text: str) -> None:
    """Each source document as a card: its title, file, kind, format, publication, who added it
    when, what on this page came from it, and a download of the kept original (or of the text
    read from it) when the app has it."""
    section(context.t("entity.documents"))
    if documents.empty:
        empty(empty_text)
        return
    st.caption(context.t("entity.documents_caption"))
    cards = entity.document_cards(documents, context.lang)
    part = entity.bounded(cards, entity.DOCUMENT_LIMIT)
    for card in part.rows:
        with st.container(border=True, horizontal=True, vertical_alignment="center", gap="medium"):
            with st.container():
                heading = md(card.heading)
                if card.synthetic:
                    heading += f" · {md(context.t('entity.document_synthetic'))}"
                st.markdown(f"**{heading}**")
                st.caption(md(" · ".join(p for p in (card.file_name, card.details) if p)))
                st.caption(md(" · ".join(p for p in (card.imported, context.t("entity.document_facts", facts=card.facts)
                                                     if card.facts else "") if p)))
            _download(context, card)
    cut_note(context, len(part.rows), part.total)


def _download(context: PageContext, card: entity.DocumentCard) -> None:
    """The right side of a document card: its download button, or why there is none."""
    with st.container(width=260):
        if card.download is None:
            st.caption(context.t("entity.document_no_file"))
            return
        name = entity.download_name(card.file_name, card.download)
        mime = entity.download_mime(card.format, card.download)

        def payload() -> bytes:  # read only when the button is pressed
            record = context.query("entity/document_file", {"document_id": card.document_id})
            data = entity.download_bytes(record.iloc[0].to_dict() if not record.empty else None, card.download)
            return data if data is not None else context.t("entity.document_gone").encode("utf-8")

        label_key = "entity.document_download_file" if card.download == "file" else "entity.document_download_text"
        st.download_button(context.t(label_key), data=payload, file_name=name, mime=mime,
                           icon=":material/download:", on_click="ignore", key=f"entity_document_{card.document_id}")
        if card.download == "text":
            st.caption(context.t("entity.document_text_only"))


# -- data-quality notes -------------------------------------------------------------------------------------

def flags_section(context: PageContext, flags: pd.DataFrame | None, *, empty_text: str,
                  names: dict | None = None) -> None:
    """Every data-quality note concerning what the page shows, most severe first."""
    section(context.t("entity.flags"))
    table = entity.flags_table(flags, context.lang, names)
    if table.empty:
        empty(empty_text)
        return
    st.caption(context.t("entity.flags_caption"))
    show_table(context, table, limit=2 * entity.SECTION_LIMIT)
