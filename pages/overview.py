"""Overview: headline counts and recent trips for the current filters."""

import streamlit as st

from atlas.overview import headline_metrics, recent_trips_table
from atlas.ui import frame

context = frame.page()
title = context.t("overview.title")
st.title(title, anchor=False)
st.caption(context.scope or context.t("filters.none_active"))

counts = context.filtered("overview/counts")
metrics = headline_metrics(counts, context.lang)
with st.container(horizontal=True):
    for metric in metrics:
        st.metric(metric.label, metric.text, border=True)

trips = context.filtered("overview/recent_trips", limit=10)
st.subheader(context.t("overview.recent_trips"), anchor=False)
if trips.empty:
    has_any = not context.query("filters/organizations").empty
    st.info(context.t("overview.no_trips" if has_any else "overview.empty_db"), icon=":material/search_off:")
else:
    st.dataframe(recent_trips_table(trips, context.lang), hide_index=True, width="stretch")
