"""Timeline: every trip matching the filters as a bar from its first to its last day, a row per
organization and department, coloured by region. Clicking a trip opens its day-by-day page;
the list under the chart does the same without the chart."""

import streamlit as st

from atlas import timeline as tl
from atlas.ui import frame

context = frame.page()
lang = context.lang
st.title(context.t("timeline.title"), anchor=False)
st.caption(context.scope or context.t("filters.none_active"))

trips = context.filtered("timeline/trips")
if trips.empty:
    has_any = not context.query("filters/organizations").empty
    st.info(context.t("timeline.no_trips" if has_any else "timeline.empty_db"), icon=":material/search_off:")
    st.stop()


def trip_params(trip_id: int) -> dict:
    return tl.link_params(frame.entity_link("trip", trip_id, context.filters, lang))


dated, undated = tl.dated_trips(trips)
if not dated.empty:
    title = context.t("timeline.chart_title")
    if context.scope:
        title = f"{title} · {context.scope}"
    figure = tl.trips_over_time_figure(trips, lang, title)
    event = st.plotly_chart(figure, width="stretch", on_select="rerun", selection_mode="points",
                            key="timeline_trips", alt=context.t("timeline.chart_alt"),
                            config={"displaylogo": False, "scrollZoom": False,
                                    "modeBarButtonsToRemove": ["select2d", "lasso2d"]})
    chosen = tl.selected_keys(event.selection.points) if event else []
    if chosen:
        st.switch_page("pages/trip.py", query_params=trip_params(int(chosen[0])))
    st.caption(context.t("timeline.select_hint") + " " + context.t("timeline.planned_note"))

st.subheader(context.t("timeline.trip_list"), anchor=False)
for row in dated.to_dict("records"):
    st.page_link("pages/trip.py", label=tl.md_escape(tl.trip_summary(row, lang)),
                 icon=":material/flight_takeoff:", query_params=trip_params(int(row["trip_id"])))
if not undated.empty:
    st.markdown(f"**{tl.md_escape(context.t('timeline.undated_trips'))}**")
    for row in undated.to_dict("records"):
        st.page_link("pages/trip.py", label=tl.md_escape(tl.trip_summary(row, lang)),
                     icon=":material/event_busy:", query_params=trip_params(int(row["trip_id"])))
