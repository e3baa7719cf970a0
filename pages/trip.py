"""One trip, reached by /trip?trip=<trip_id>, on the entity template (atlas/ui/entity.py): its
key facts, a small map of its route, the day-by-day timeline on local or Korea time, the
meetings (attendees, agenda, key points), the programs of the institutions it met, its
follow-ups, its source documents and the data-quality notes."""

import streamlit as st

from atlas import entity, maps
from atlas import timeline as tl
from atlas.i18n import format_period, label
from atlas.ui import entity as template
from atlas.ui import frame

context = frame.page()
lang = context.lang
md = entity.md_text
link_query = template.link_query_for(context)

trip_id = tl.parse_id(st.query_params.get("trip"))
facts_frame = context.query("trip/facts", {"trip_id": trip_id}) if trip_id is not None else None

if facts_frame is None or facts_frame.empty:
    template.missing_entity_picker(
        context, kind="trip", entity_id=trip_id, page_file="pages/trip.py", icon=":material/flight_takeoff:",
        choices=context.filtered("timeline/trip_list", organization_id=None, department_id=None,
                                cell_from=None, cell_to=None, limit=None, offset=0), id_column="trip_id",
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
programs = context.query("trip/programs", {"trip_id": trip_id})
follow_ups = context.query("trip/follow_ups", {"trip_id": trip_id})
documents = context.query("trip/documents", {"trip_id": trip_id})
flags = entity.merge_flags(context.query("trip/flags", {"trip_id": trip_id}),
                           context.query("trip/program_flags", {"trip_id": trip_id}))
items = tl.build_items(itinerary, meetings, flags, lang)
meeting_rows = {int(r["meeting_id"]): r for r in meetings.to_dict("records")}
source_file = tl.as_text(facts.get("source_file")) or None

# -- header --------------------------------------------------------------------------------------
abroad = places[places["abroad"].fillna(False).astype(bool)] if not places.empty else places
organization = tl.group_label(facts, lang)
period = format_period(tl.as_date(facts.get("start_date")), tl.as_date(facts.get("end_date")), lang)
template.header(context, facts["title"], " · ".join(p for p in (organization, period) if p), [
    (context.t("trip.metric_period"), tl.nights_days_text(facts, lang).split(" (")[0] or "–"),
    (context.t("trip.metric_cities"), len(abroad)),
    (context.t("trip.metric_meetings"), len(meetings)),
    (context.t("trip.metric_flags"), len(flags)),
])

# -- key facts and the route on a map -----------------------------------------------------------------
route = context.query("trip/route", {"trip_id": trip_id})
route_cities = context.query("trip/map_cities", {"trip_id": trip_id})
view = maps.build_map(route_cities, route, None, entity.homes_from_route(route), template.map_options(context))

facts_column, map_column = template.facts_and_map()
with facts_column:
    template.key_facts(context, tl.trip_facts(facts, travellers, lang))
    for row in abroad.to_dict("records"):
        st.page_link("pages/city.py", label=md(context.t("trip.open_city", name=tl.pick(row, "name", lang))),
                     icon=":material/location_city:", query_params=link_query("city", int(row["city_id"])))
    for flag in (f for f in tl.flags_from(flags) if f.entity_type == "trip"):
        st.caption(f"▲ {md(label('flag_severity', flag.severity, lang))}: {md(flag.message)}")
with map_column:
    template.small_map(context, view, key=f"trip_map_{trip_id}", caption=context.t("entity.trip.map_caption"),
                       empty_text=context.t("entity.trip.no_route"))


def show_meeting(row: dict) -> None:
    template.meeting_details(context, row, attendees=attendees, agenda=agenda, flags=flags, link_query=link_query,
                             links=("institution", "city"), source_file=source_file)


# -- day by day ----------------------------------------------------------------------------------
template.section(context.t("trip.schedule"))
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
                template.inline_flags(context, picked.flags)
else:
    template.empty(context.t("trip.no_schedule"))

if dated:
    st.markdown(f"**{md(context.t('trip.schedule_table'))}** · {md(clock_names[mode])}")
    st.table(entity.table_style(tl.schedule_table(items, mode, lang), nowrap=(0, 1, 2)))
undated = tl.undated_table(items, lang)
if not undated.empty:
    st.markdown(f"**{md(context.t('trip.undated'))}**")
    st.table(entity.table_style(undated, nowrap=(0,)))

# -- the template's other sections ----------------------------------------------------------------------------
template.meetings_section(context, context.t("trip.meetings"), entity.in_time_order(meetings),
                          attendees=attendees, agenda=agenda, flags=flags, link_query=link_query,
                          empty_text=context.t("trip.no_meetings"), links=("institution", "city"),
                          source_file=source_file)
template.programs_section(context, programs, flags=flags, empty_text=context.t("entity.trip.no_programs"),
                          caption=context.t("entity.trip.programs_caption"))
template.follow_ups_section(context, follow_ups, empty_text=context.t("entity.trip.no_follow_ups"), show_trip=False)
template.documents_section(context, documents, empty_text=context.t("entity.trip.no_documents"))
template.flags_section(context, flags, empty_text=context.t("trip.no_flags"),
                       names=entity.flag_names(meetings=meetings, programs=programs, itinerary=itinerary))
