"""One institution, reached by /institution?institution=<id>: every meeting with it across all
trips on one time axis, its cooperation programs, and its follow-ups (open above, past below)."""

import datetime as dt

import streamlit as st

from atlas import timeline as tl
from atlas.i18n import label
from atlas.ui import frame
from atlas.ui.entity import missing_entity_picker

context = frame.page()
lang = context.lang
md = tl.md_escape


def link_query(kind: str, entity_id: int) -> dict:
    return tl.link_params(frame.entity_link(kind, entity_id, context.filters, lang))


institution_id = tl.parse_id(st.query_params.get("institution"))
facts_frame = (context.query("institution/facts", {"institution_id": institution_id})
               if institution_id is not None else None)

if facts_frame is None or facts_frame.empty:
    missing_entity_picker(
        context, kind="institution", entity_id=institution_id, page_file="pages/institution.py",
        icon=":material/apartment:", choices=context.filtered("institution/list"), id_column="institution_id",
        label_of=lambda row: md(tl.institution_summary(row, lang)), link_query=link_query,
        empty_key="institution.empty_db" if context.filters.is_empty else "institution.none",
    )

facts = facts_frame.iloc[0].to_dict()
meetings = context.query("institution/meetings", {"institution_id": institution_id})
attendees = context.query("institution/attendees", {"institution_id": institution_id})
programs = context.query("institution/programs", {"institution_id": institution_id})
follow_ups = context.query("institution/follow_ups", {"institution_id": institution_id})
flags = context.query("institution/flags", {"institution_id": institution_id})
today = dt.date.today()

name = tl.institution_name(facts, lang)
other = tl.pick(facts, "name", "en" if lang == "ko" else "ko")
st.title(name, anchor=False)
st.caption(md(" · ".join(p for p in (other if other != name else "", label("itype", facts.get("type"), lang)) if p)))

with st.container(horizontal=True):
    st.metric(context.t("trip.metric_meetings"), len(meetings), border=True)
    st.metric(context.t("timeline.col.trip"), meetings["trip_id"].nunique() if not meetings.empty else 0, border=True)
    st.metric(context.t("institution.programs"), len(programs), border=True)
    open_, past = tl.split_follow_ups(follow_ups, today)
    st.metric(context.t("overview.open_follow_ups"), len(open_), border=True)

for key, value in tl.institution_facts(facts, lang):
    st.markdown(f"**{md(key)}** · {md(value)}")
if tl.as_int(facts.get("city_id")) is not None:
    st.page_link("pages/city.py", icon=":material/location_city:",
                 label=md(context.t("trip.open_city", name=tl.pick(facts, "city", lang))),
                 query_params=link_query("city", int(facts["city_id"])))

# -- meetings over time ------------------------------------------------------------------------------
st.subheader(context.t("institution.meetings"), anchor=False)
dated = meetings[meetings["meeting_date"].notna()] if not meetings.empty else meetings
if meetings.empty:
    st.caption(context.t("institution.no_meetings"))
if not dated.empty or (not follow_ups.empty and follow_ups["due_date"].notna().any()):
    figure = tl.institution_figure(meetings, follow_ups, today, lang, context.t("institution.chart_title"))
    st.plotly_chart(figure, width="stretch", alt=context.t("institution.chart_alt"),
                    config={"displaylogo": False, "displayModeBar": False})

for row in meetings.to_dict("records"):
    meeting_id = int(row["meeting_id"])
    found = [f for f in tl.flags_from(flags) if f.meeting_id == meeting_id]
    heading = md(tl.meeting_heading(row, lang)) + (f" · ▲ {len(found)}" if found else "")
    with st.expander(heading, icon=":material/groups:"):
        st.markdown(f"**{md(context.t('trip.when'))}** · {md(tl.meeting_when(row, lang))}")
        place = ", ".join(p for p in (tl.as_text(row.get("place")), tl.pick(row, "city", lang)) if p)
        if place:
            st.markdown(f"**{md(context.t('trip.place'))}** · {md(place)}")
        if tl.as_text(row.get("purpose")):
            st.markdown(f"**{md(context.t('trip.purpose'))}** · {md(row['purpose'])}")
        st.page_link("pages/trip.py", icon=":material/flight_takeoff:",
                     label=md(context.t("institution.open_trip", name=row["trip_title"])),
                     query_params=link_query("trip", int(row["trip_id"])))
        people = tl.attendees_table(attendees, meeting_id, lang)
        if not people.empty:
            st.markdown(f"**{md(context.t('trip.attendees'))}** · "
                        f"{md(tl.attendee_count_text(attendees, meeting_id, row.get('attendee_count_stated'), lang))}")
            st.table(tl.table_style(people, nowrap=(0, 1)))
        points = tl.as_list(row.get("key_points"))
        if points:
            st.markdown(f"**{md(context.t('trip.key_points'))}**")
            st.markdown("\n".join(f"- {md(point)}" for point in points))
        for flag in found:
            st.info(f"**{md(label('flag_severity', flag.severity, lang))}** · {md(flag.message)}",
                    icon=":material/info:" if flag.severity == "info" else ":material/warning:")
undated = meetings[meetings["meeting_date"].isna()] if not meetings.empty else meetings
if not undated.empty:
    st.caption(context.t("institution.undated"))

# -- programs -------------------------------------------------------------------------------------------
st.subheader(context.t("institution.programs"), anchor=False)
if programs.empty:
    st.caption(context.t("institution.no_programs"))
else:
    st.table(tl.table_style(tl.programs_table(programs, lang), nowrap=(1,)))
    for flag in tl.flags_from(flags):
        if flag.entity_type == "program":
            st.caption(f"▲ {md(label('flag_severity', flag.severity, lang))}: {md(flag.message)}")

# -- follow-ups: open (overdue, upcoming) above, past below --------------------------------------------
st.subheader(context.t("institution.follow_ups_open"), anchor=False)
if open_.empty:
    st.caption(context.t("institution.no_open"))
else:
    st.table(tl.table_style(tl.follow_up_table(open_, lang), nowrap=(0, 2, 3, 4)))
st.subheader(context.t("institution.follow_ups_past"), anchor=False)
if past.empty:
    st.caption(context.t("institution.no_past"))
else:
    st.table(tl.table_style(tl.follow_up_table(past, lang), nowrap=(0, 2, 3, 4)))
