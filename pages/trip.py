"""One trip, reached by /trip?trip=<trip_id>: its key facts, the day-by-day timeline on local
or Korea time, the meetings (attendees, agenda, key points) and the data-quality notes."""

import streamlit as st

from atlas import timeline as tl
from atlas.i18n import format_period, label
from atlas.ui import frame
from atlas.ui.entity import missing_entity_picker

context = frame.page()
lang = context.lang
md = tl.md_escape


def link_query(kind: str, entity_id: int) -> dict:
    return tl.link_params(frame.entity_link(kind, entity_id, context.filters, lang))


trip_id = tl.parse_id(st.query_params.get("trip"))
facts_frame = context.query("trip/facts", {"trip_id": trip_id}) if trip_id is not None else None

if facts_frame is None or facts_frame.empty:
    missing_entity_picker(
        context, kind="trip", entity_id=trip_id, page_file="pages/trip.py", icon=":material/flight_takeoff:",
        choices=context.filtered("timeline/trips"), id_column="trip_id",
        label_of=lambda row: md(tl.trip_summary(row, lang)), link_query=link_query,
        empty_key="timeline.empty_db" if context.filters.is_empty else "timeline.no_trips",
    )

facts = facts_frame.iloc[0].to_dict()
travellers = context.query("trip/travellers", {"trip_id": trip_id})
places = context.query("trip/places", {"trip_id": trip_id})
itinerary = context.query("trip/itinerary", {"trip_id": trip_id})
meetings = context.query("trip/meetings", {"trip_id": trip_id})
attendees = context.query("trip/attendees", {"trip_id": trip_id})
agenda = context.query("trip/agenda", {"trip_id": trip_id})
flags = context.query("trip/flags", {"trip_id": trip_id})
items = tl.build_items(itinerary, meetings, flags, lang)
meeting_rows = {int(r["meeting_id"]): r for r in meetings.to_dict("records")}

# -- key facts ---------------------------------------------------------------------------------
st.title(facts["title"], anchor=False)
organization = tl.group_label(facts, lang)
period = format_period(tl.as_date(facts.get("start_date")), tl.as_date(facts.get("end_date")), lang)
st.caption(md(" · ".join(p for p in (organization, period) if p)))

abroad = places[places["abroad"].fillna(False).astype(bool)] if not places.empty else places
with st.container(horizontal=True):
    st.metric(context.t("trip.metric_period"), tl.nights_days_text(facts, lang).split(" (")[0] or "–", border=True)
    st.metric(context.t("trip.metric_cities"), len(abroad), border=True)
    st.metric(context.t("trip.metric_meetings"), len(meetings), border=True)
    st.metric(context.t("trip.metric_flags"), len(flags), border=True)

left, right = st.columns([3, 2], gap="large")
with left:
    for name, value in tl.trip_facts(facts, travellers, lang):
        st.markdown(f"**{md(name)}** · {md(value)}")
with right:
    st.markdown(f"**{md(context.t('trip.metric_cities'))}**")
    for row in abroad.to_dict("records"):
        st.page_link("pages/city.py", label=md(context.t("trip.open_city", name=tl.pick(row, "name", lang))),
                     icon=":material/location_city:", query_params=link_query("city", int(row["city_id"])))
    trip_flags = [f for f in tl.flags_from(flags) if f.entity_type == "trip"]
    for flag in trip_flags:
        st.caption(f"▲ {md(label('flag_severity', flag.severity, lang))}: {md(flag.message)}")


def show_flags(found) -> None:
    for flag in found:
        text = f"**{md(label('flag_severity', flag.severity, lang))}** · {md(flag.message)}"
        span = tl.lines_text(flag.line_start, flag.line_end, lang)
        if span:
            text += f" ({md(span)})"
        if flag.severity == "info":
            st.info(text, icon=":material/info:")
        else:
            st.warning(text, icon=":material/warning:")


def show_meeting(row: dict) -> None:
    meeting_id = int(row["meeting_id"])
    st.markdown(f"**{md(context.t('trip.when'))}** · {md(tl.meeting_when(row, lang))}")
    place = ", ".join(p for p in (tl.as_text(row.get("place")), tl.pick(row, "city", lang)) if p)
    if place:
        st.markdown(f"**{md(context.t('trip.place'))}** · {md(place)}")
    if tl.as_text(row.get("purpose")):
        st.markdown(f"**{md(context.t('trip.purpose'))}** · {md(row['purpose'])}")
    with st.container(horizontal=True):
        if tl.as_int(row.get("institution_id")) is not None:
            st.page_link("pages/institution.py", icon=":material/apartment:",
                         label=md(context.t("trip.open_institution", name=tl.pick(row, "institution", lang))),
                         query_params=link_query("institution", int(row["institution_id"])))
        if tl.as_int(row.get("city_id")) is not None:
            st.page_link("pages/city.py", icon=":material/location_city:",
                         label=md(context.t("trip.open_city", name=tl.pick(row, "city", lang))),
                         query_params=link_query("city", int(row["city_id"])))
    people = tl.attendees_table(attendees, meeting_id, lang)
    if not people.empty:
        st.markdown(f"**{md(context.t('trip.attendees'))}** · "
                    f"{md(tl.attendee_count_text(attendees, meeting_id, row.get('attendee_count_stated'), lang))}")
        st.table(tl.table_style(people, nowrap=(0, 1)))
    topics = tl.agenda_table(agenda, meeting_id, lang)
    if not topics.empty:
        st.markdown(f"**{md(context.t('trip.agenda'))}**")
        st.table(tl.table_style(topics, nowrap=(0,)))
    points = tl.as_list(row.get("key_points"))
    if points:
        st.markdown(f"**{md(context.t('trip.key_points'))}**")
        st.markdown("\n".join(f"- {md(point)}" for point in points))
    show_flags([f for f in tl.flags_from(flags) if f.meeting_id == meeting_id])
    span = tl.lines_text(tl.as_int(row.get("line_start")), tl.as_int(row.get("line_end")), lang)
    if span and tl.as_text(facts.get("source_file")):
        st.caption(md(f"{context.t('trip.source')}: {facts['source_file']} · {span}"))


# -- day by day ----------------------------------------------------------------------------------
st.subheader(context.t("trip.schedule"), anchor=False)
clock_names = {"local": context.t("trip.clock_local"), "korea": context.t("trip.clock_korea")}
mode = st.segmented_control(context.t("trip.clock"), list(tl.MODES), format_func=clock_names.get,
                            default="local", required=True, key="trip_clock") or "local"
dated = [i for i in items if i.start is not None]
if dated:
    hover_extra = {i.key: tl.meeting_hover_lines(i.meeting_id, attendees, agenda, meetings, lang)
                   for i in items if i.meeting_id is not None}
    figure = tl.trip_day_figure(items, mode, lang, context.t("trip.chart_title", clock=clock_names[mode]),
                                hover_extra)
    event = st.plotly_chart(figure, width="stretch", on_select="rerun", selection_mode="points",
                            key=f"trip_day_{trip_id}_{mode}", alt=context.t("trip.chart_alt"),
                            config={"displaylogo": False, "displayModeBar": False})
    st.caption(context.t("trip.caption_local" if mode == "local" else "trip.caption_korea") + " "
               + context.t("trip.caption_partial"))
    chosen = tl.selected_keys(event.selection.points) if event else []
    picked = next((i for i in items if chosen and i.key == chosen[0]), None)
    if picked is None:
        st.caption(context.t("trip.click_hint"))
    else:
        with st.container(border=True):
            st.markdown(f"**{md(context.t('trip.selected'))}** · {md(picked.label)}")
            if picked.meeting_id in meeting_rows:
                show_meeting(meeting_rows[picked.meeting_id])
            else:
                st.markdown(f"**{md(context.t('trip.when'))}** · {md(tl.when_text(picked, 'local', lang))} · "
                            f"{md(label('itinerary_kind', picked.kind, lang))}")
                place = " → ".join(dict.fromkeys(p for p in (picked.start_place, picked.end_place) if p))
                if place:
                    st.markdown(f"**{md(context.t('trip.place'))}** · {md(place)}")
                show_flags(picked.flags)
else:
    st.info(context.t("trip.no_schedule"), icon=":material/event_busy:")

if dated:
    st.markdown(f"**{md(context.t('trip.schedule_table'))}** · {md(clock_names[mode])}")
    st.table(tl.table_style(tl.schedule_table(items, mode, lang), nowrap=(0, 1, 2)))
undated = tl.undated_table(items, lang)
if not undated.empty:
    st.markdown(f"**{md(context.t('trip.undated'))}**")
    st.table(tl.table_style(undated, nowrap=(0,)))

# -- meetings ------------------------------------------------------------------------------------
st.subheader(context.t("trip.meetings"), anchor=False)
if meetings.empty:
    st.caption(context.t("trip.no_meetings"))
ordered = sorted(meeting_rows.values(), key=lambda r: (tl.as_date(r.get("meeting_date")) is None,
                                                         str(tl.as_date(r.get("meeting_date"))),
                                                         str(tl.as_time(r.get("start_time"))), r["seq"]))
for row in ordered:
    count = sum(1 for f in tl.flags_from(flags) if f.meeting_id == row["meeting_id"])
    heading = md(tl.meeting_heading(row, lang)) + (f" · ▲ {count}" if count else "")
    with st.expander(heading, icon=":material/groups:"):
        show_meeting(row)

# -- data quality ----------------------------------------------------------------------------------
st.subheader(context.t("trip.flags"), anchor=False)
if flags.empty:
    st.caption(context.t("trip.no_flags"))
else:
    st.caption(context.t("trip.flags_caption"))
    st.table(tl.table_style(tl.flags_table(flags, items, meetings, lang), nowrap=(0, 3)))
