"""One city, reached by /city?city=<GeoNames id>: its key facts and clock against Korea's, a
small map with the routes of the trips that went there, those trips on a timeline, the
meetings held there, its institutions, their programs and follow-ups, the source documents
and the data-quality notes — the entity template of atlas/ui/entity.py. The shared filters
apply to the lists (a page about one place ignores the place filters)."""

import datetime as dt

import streamlit as st

from atlas import entity, maps
from atlas import timeline as tl
from atlas.ui import entity as template
from atlas.ui import frame

context = frame.page()
lang = context.lang
md = entity.md_text
link_query = template.link_query_for(context)

city_id = tl.parse_id(st.query_params.get("city"))
facts_frame = context.query("city/facts", {"city_id": city_id}) if city_id is not None else None

if facts_frame is None or facts_frame.empty:
    template.missing_entity_picker(
        context, kind="city", entity_id=city_id, page_file="pages/city.py", icon=":material/location_city:",
        choices=context.filtered("city/list"), id_column="city_id",
        label_of=lambda row: md(entity.city_summary(row, lang)), link_query=link_query,
        empty_key="city.empty_db" if context.filters.is_empty else "city.none",
    )

facts = facts_frame.iloc[0].to_dict()
name = entity.city_name(facts, lang)
# A page about one place: the filters' country and city parts do not apply, the others do.
filtered = not entity.without_places(context.filters).is_empty
trips = context.filtered("city/trips", countries=None, city_ids=None, city_id=city_id)
meetings = context.filtered("city/meetings", countries=None, city_ids=None, city_id=city_id,
                            limit=entity.SECTION_LIMIT)
institutions = context.filtered("city/institutions", countries=None, city_ids=None, city_id=city_id)
programs = context.filtered("city/programs", countries=None, city_ids=None, city_id=city_id)
follow_ups = context.filtered("city/follow_ups", countries=None, city_ids=None, city_id=city_id)
documents = context.filtered("city/documents", countries=None, city_ids=None, city_id=city_id)
flags = context.filtered("city/flags", countries=None, city_ids=None, city_id=city_id)
meeting_ids = entity.ids(meetings, "meeting_id")
attendees = context.query("entity/attendees", {"meeting_ids": meeting_ids})
agenda = context.query("entity/agenda", {"meeting_ids": meeting_ids})
today = dt.date.today()

# -- header ------------------------------------------------------------------------------------
scope = entity.scope_text(context.filters, lang, context.query("filters/organizations"),
                          context.query("filters/departments"))
place_filtered = bool(context.filters.countries or context.filters.city_ids)
template.header(context, name, entity.city_subtitle(facts, lang), [
    (context.t("city.metric.trips"), len(trips)),
    (context.t("city.metric.meetings"), entity.total_of(meetings)),
    (context.t("city.metric.institutions"), len(institutions)),
    (context.t("city.metric.programs"), len(programs)),
    (context.t("city.metric.open_follow_ups"), entity.count_open(follow_ups, today)),
], note=entity.scope_note(scope, place_filtered, lang))

# -- key facts and the map -------------------------------------------------------------------------
in_city = context.filtered("map/cities", countries=None, city_ids=None, city_id=city_id, year_from=None,
                           year_to=None, popup_items=5)
if in_city.empty:  # no matching trip went there: the city alone, an empty ring
    in_city = entity.unvisited(context.query("entity/map_city", {"city_id": city_id}))
routes = context.filtered("map/trip_routes", countries=None, city_ids=[city_id], year_from=None, year_to=None,
                          max_trips=maps.MAX_TRIP_ROUTES)
view = maps.build_map(in_city, routes, None, entity.homes_from_route(routes), template.map_options(context))
routes_total = entity.total_of(routes, "total_trips")
notes = [context.t("city.map_routes_cut", shown=maps.MAX_TRIP_ROUTES, total=routes_total)] \
    if routes_total > maps.MAX_TRIP_ROUTES else []

facts_column, map_column = template.facts_and_map()
with facts_column:
    template.key_facts(context, entity.city_facts(facts, lang, dt.datetime.now(dt.timezone.utc)))
    st.caption(context.t("city.facts_source"))
with map_column:
    template.small_map(context, view, key=f"city_map_{city_id}",
                       caption=context.t("city.map_caption" if view.routes else "city.map_caption_alone"),
                       empty_text=context.t("city.no_trips"), notes=notes)

# -- trips to this city on a timeline ------------------------------------------------------------------
template.section(context.t("city.timeline"))
if trips.empty:
    template.empty(context.t("city.no_trips_filtered" if filtered else "city.no_trips"))
else:
    dated, undated = tl.dated_trips(trips)
    if len(dated) > entity.CHART_LIMIT:
        st.caption(context.t("city.too_many_trips", n=f"{len(dated):,}"))
        st.page_link("pages/timeline.py", label=context.t("city.open_timeline"), icon=":material/timeline:",
                     query_params=entity.timeline_params(context.filters, city_id, lang))
    elif not dated.empty:
        title = context.t("city.chart_title", city=name)
        if scope:
            title = f"{title} · {scope}"
        event = st.plotly_chart(tl.trips_over_time_figure(trips, lang, title), width="stretch",
                                on_select="rerun", selection_mode="points", key=f"city_trips_{city_id}",
                                alt=context.t("city.chart_alt"),
                                config={"displaylogo": False, "scrollZoom": False,
                                        "modeBarButtonsToRemove": ["select2d", "lasso2d"]})
        chosen = tl.selected_keys(event.selection.points) if event else []
        if chosen:
            st.switch_page("pages/trip.py", query_params=link_query("trip", int(chosen[0])))
        st.caption(context.t("city.chart_hint"))
    template.link_list(context, dated.to_dict("records"), page_file="pages/trip.py", kind="trip", id_column="trip_id",
                       icon=":material/flight_takeoff:", label_of=lambda row: entity.city_trip_label(row, lang),
                       link_query=link_query)
    if not undated.empty:
        st.markdown(f"**{md(context.t('city.undated_trips'))}**")
        template.link_list(context, undated.to_dict("records"), page_file="pages/trip.py", kind="trip",
                           id_column="trip_id", icon=":material/event_busy:",
                           label_of=lambda row: entity.city_trip_label(row, lang), link_query=link_query)

# -- meetings held here --------------------------------------------------------------------------------
template.meetings_section(
    context, context.t("city.meetings"), meetings, attendees=attendees, agenda=agenda, flags=flags,
    link_query=link_query, empty_text=context.t("city.no_meetings"), links=("institution", "trip"),
    total=entity.total_of(meetings),
    caption=context.t("city.undated_meetings") if meetings["meeting_date"].isna().any() else "")

# -- institutions of the city ------------------------------------------------------------------------------
template.section(context.t("city.institutions"))
if institutions.empty:
    template.empty(context.t("city.no_institutions"))
else:
    st.caption(context.t("city.institutions_caption"))
    template.link_list(context, institutions.to_dict("records"), page_file="pages/institution.py",
                       kind="institution", id_column="institution_id", icon=":material/apartment:",
                       label_of=lambda row: entity.city_institution_label(row, city_id, lang), link_query=link_query)

# -- programs, follow-ups, sources, data quality ----------------------------------------------------------------
template.programs_section(context, programs, flags=flags, empty_text=context.t("city.no_programs"),
                          caption=context.t("city.programs_caption"))
template.follow_ups_section(context, follow_ups, empty_text=context.t("city.no_follow_ups"), today=today)
template.documents_section(context, documents, empty_text=context.t("city.no_documents"))
template.flags_section(context, flags, empty_text=context.t("city.no_flags"))
