"""One institution, reached by /institution?institution=<id>, on the entity template
(atlas/ui/entity.py): its key facts, a small map of its city, every meeting with it across all
trips on one time axis, the meetings themselves, its cooperation programs, its follow-ups (open
above, past below), its source documents and the data-quality notes."""

import datetime as dt

import streamlit as st

from atlas import entity, maps
from atlas import timeline as tl
from atlas.filters import Filters
from atlas.i18n import label
from atlas.ui import entity as template
from atlas.ui import frame

context = frame.page()
lang = context.lang
md = entity.md_text
link_query = template.link_query_for(context)

institution_id = tl.parse_id(st.query_params.get("institution"))
facts_frame = (context.query("institution/facts", {"institution_id": institution_id})
               if institution_id is not None else None)

if facts_frame is None or facts_frame.empty:
    template.missing_entity_picker(
        context, kind="institution", entity_id=institution_id, page_file="pages/institution.py",
        icon=":material/apartment:", choices=context.filtered("institution/list"), id_column="institution_id",
        label_of=lambda row: md(tl.institution_summary(row, lang)), link_query=link_query,
        empty_key="institution.empty_db" if context.filters.is_empty else "institution.none",
    )

facts = facts_frame.iloc[0].to_dict()
meetings = context.query("institution/meetings", {"institution_id": institution_id})
attendees = context.query("institution/attendees", {"institution_id": institution_id})
agenda = context.query("entity/agenda", {"meeting_ids": entity.ids(meetings, "meeting_id")})
programs = context.query("institution/programs", {"institution_id": institution_id})
follow_ups = context.query("institution/follow_ups", {"institution_id": institution_id})
documents = context.query("institution/documents", {"institution_id": institution_id})
flags = context.query("institution/flags", {"institution_id": institution_id})
today = dt.date.today()

# -- header ----------------------------------------------------------------------------------------
name = tl.institution_name(facts, lang)
other = tl.pick(facts, "name", "en" if lang == "ko" else "ko")
template.header(context, name, " · ".join(p for p in (other if other != name else "",
                                                      label("itype", facts.get("type"), lang)) if p), [
    (context.t("trip.metric_meetings"), len(meetings)),
    (context.t("timeline.col.trip"), meetings["trip_id"].nunique() if not meetings.empty else 0),
    (context.t("institution.programs"), len(programs)),
    (context.t("overview.open_follow_ups"), entity.count_open(follow_ups, today)),
])

# -- key facts and its city on a map ---------------------------------------------------------------------
# Its city as on the city page, unfiltered like the rest of this page: the city, the other cities
# abroad its trips went to, and their routes; or the city alone when no trip went there.
city_id = tl.as_int(facts.get("city_id"))
view = None
if city_id is not None:
    everything = Filters().params()
    in_city = context.query("map/cities", {**everything, "city_id": city_id, "year_from": None, "year_to": None,
                                               "popup_items": 5})
    if in_city.empty:
        in_city = context.query("entity/map_city", {"city_id": city_id})
    routes = context.query("map/trip_routes", {**everything, "city_ids": [city_id], "year_from": None,
                                               "year_to": None, "max_trips": maps.MAX_TRIP_ROUTES})
    view = maps.build_map(in_city, routes, None, entity.homes_from_route(routes), template.map_options(context))

facts_column, map_column = template.facts_and_map()
with facts_column:
    template.key_facts(context, tl.institution_facts(facts, lang))
    if city_id is not None:
        st.page_link("pages/city.py", icon=":material/location_city:",
                     label=md(context.t("trip.open_city", name=tl.pick(facts, "city", lang))),
                     query_params=link_query("city", city_id))
with map_column:
    template.small_map(context, view, key=f"institution_map_{institution_id}",
                       caption=context.t("entity.institution.map_caption"),
                       empty_text=context.t("entity.institution.no_city"))

# -- meetings and follow-up due dates over time -----------------------------------------------------------
template.section(context.t("entity.institution.timeline"))
dated = meetings[meetings["meeting_date"].notna()] if not meetings.empty else meetings
if not dated.empty or (not follow_ups.empty and follow_ups["due_date"].notna().any()):
    figure = tl.institution_figure(meetings, follow_ups, today, lang, context.t("institution.chart_title"))
    st.plotly_chart(figure, width="stretch", alt=context.t("institution.chart_alt"),
                    config={"displaylogo": False, "displayModeBar": False})
else:
    template.empty(context.t("entity.institution.no_timeline"))
if not meetings.empty and meetings["meeting_date"].isna().any():
    st.caption(context.t("institution.undated"))

# -- the template's other sections ----------------------------------------------------------------------------
template.meetings_section(context, context.t("institution.meetings"), meetings, attendees=attendees, agenda=agenda,
                          flags=flags, link_query=link_query, empty_text=context.t("institution.no_meetings"),
                          links=("city", "trip"))
template.programs_section(context, programs, flags=flags, empty_text=context.t("institution.no_programs"),
                          with_host=False)
template.follow_ups_section(context, follow_ups, empty_text=context.t("entity.institution.no_follow_ups"),
                            show_counterparts=False, today=today)
template.documents_section(context, documents, empty_text=context.t("entity.institution.no_documents"))
template.flags_section(context, flags, empty_text=context.t("entity.institution.no_flags"),
                       names=entity.flag_names(meetings=meetings, programs=programs))
