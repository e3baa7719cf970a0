"""Timeline: the trips matching the filters across the years, a row per organization and
department. Up to tl.BAR_LIMIT dated trips each is a bar from its first to its last day,
coloured by region, and clicking one opens its day-by-day page; above that the chart counts
trips per month (clicking a cell lists that month's trips). The list under the chart opens
each trip too, a page of tl.LIST_PAGE_SIZE trips at a time."""

import streamlit as st

from atlas import timeline as tl
from atlas.ui import frame

context = frame.page()
lang = context.lang
st.title(context.t("timeline.title"), anchor=False)
st.caption(context.scope or context.t("filters.none_active"))

monthly = context.filtered("timeline/trips_by_month")
counts = tl.trip_counts(monthly)
if not counts.total:
    has_any = not context.query("filters/organizations").empty
    st.info(context.t("timeline.no_trips" if has_any else "timeline.empty_db"), icon=":material/search_off:")
    st.stop()


def trip_params(trip_id: int) -> dict:
    return tl.link_params(frame.entity_link("trip", trip_id, context.filters, lang))


def titled(key: str) -> str:
    return f"{context.t(key)} · {context.scope}" if context.scope else context.t(key)


CHART_CONFIG = {"displaylogo": False, "scrollZoom": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
trips = None  # every matching trip, when few enough to draw one bar each
cell = None   # the monthly chart's chosen cell, if any
chosen_text, listed_in_cell = "", 0
if counts.each_trip:
    trips = context.filtered("timeline/trip_list", organization_id=None, department_id=None,
                                cell_from=None, cell_to=None, limit=None, offset=0)
    if counts.dated:
        figure = tl.trips_over_time_figure(trips, lang, titled("timeline.chart_title"))
        event = st.plotly_chart(figure, width="stretch", on_select="rerun", selection_mode="points",
                                key="timeline_trips", alt=context.t("timeline.chart_alt"), config=CHART_CONFIG)
        chosen = tl.selected_keys(tl.selection_points(event))
        if chosen:
            st.switch_page("pages/trip.py", query_params=trip_params(int(chosen[0])))
        st.caption(context.t("timeline.select_hint") + " " + context.t("timeline.planned_note"))
else:
    view = tl.monthly_view(monthly, lang)
    st.caption(tl.md_escape(tl.monthly_note(counts, view, lang)))
    figure = tl.trips_by_month_figure(
        view, lang, titled("timeline.monthly_title_orgs" if view.by_organization else "timeline.monthly_title"))
    event = st.plotly_chart(figure, width="stretch", on_select="rerun", selection_mode="points",
                            key="timeline_months", alt=context.t("timeline.monthly_alt"), config=CHART_CONFIG)
    cell = tl.chosen_cell(tl.selection_points(event))
    described = tl.describe_cell(cell, view, lang) if cell else None
    if described is None:
        cell = None
    else:
        chosen_text, listed_in_cell = described
    st.caption(context.t("timeline.monthly_hint"))

st.subheader(context.t("timeline.trip_list"), anchor=False)
if cell is not None:
    st.info(tl.md_escape(chosen_text), icon=":material/filter_alt:")
listed = listed_in_cell if cell is not None else counts.total
page = 1
if listed > tl.LIST_PAGE_SIZE:  # which trips this page shows, with the pager beside it (above the list)
    with st.container(horizontal=True, vertical_alignment="center", horizontal_alignment="distribute"):
        window_caption = st.empty()
        page = st.pagination(tl.list_window(listed, 1).pages, key=tl.list_key(context.filters.to_query(), cell))
    window_caption.caption(tl.list_window_text(tl.list_window(listed, page), listed, lang))
window = tl.list_window(listed, page)
if trips is not None:
    rows = trips.iloc[window.offset:window.offset + tl.LIST_PAGE_SIZE]
else:
    narrow = tl.narrowing(cell)
    rows = context.filtered("timeline/trip_list", organization_id=narrow.organization_id,
                            department_id=narrow.department_id, cell_from=narrow.cell_from,
                            cell_to=narrow.cell_to, limit=tl.LIST_PAGE_SIZE, offset=window.offset)

undated_shown = False
for row in rows.to_dict("records"):
    undated = tl.is_undated(row)
    if undated and not undated_shown:
        st.markdown(f"**{tl.md_escape(context.t('timeline.undated_trips'))}**")
        undated_shown = True
    st.page_link("pages/trip.py", label=tl.md_escape(tl.trip_summary(row, lang)),
                 icon=":material/event_busy:" if undated else ":material/flight_takeoff:",
                 query_params=trip_params(int(row["trip_id"])))
