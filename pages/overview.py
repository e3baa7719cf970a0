"""Overview for directors: headline counts, follow-up health, the trend by year, top cities and
sectors, and recent trips — all for the current filters, each linking to the page behind it."""

import datetime as dt

import streamlit as st

from atlas.i18n import label
from atlas.overview import follow_up_summary, headline_metrics, recent_trips_table, top_figure, trend_figure
from atlas.ui import frame

context = frame.page()
lang = context.lang
st.title(context.t("overview.title"), anchor=False)
st.caption(context.scope or context.t("filters.none_active"))

link_params = context.filters.to_query() | ({"lang": lang} if lang != "ko" else {})
# The page behind each figure (same filters, carried in the link).
BEHIND = {"trips": "pages/timeline.py", "countries": "pages/map.py", "cities": "pages/map.py",
          "institutions": "pages/map.py", "meetings": "pages/timeline.py", "open_follow_ups": "pages/follow_ups.py",
          "programs": "pages/programs.py", "overdue": "pages/follow_ups.py", "done": "pages/follow_ups.py",
          "completion": "pages/follow_ups.py"}


def card(key: str, title: str, value: str) -> None:
    with st.container(border=True):
        st.metric(title, value)
        st.page_link(BEHIND[key], label=context.t("overview.open_page"), icon=":material/arrow_forward:",
                     query_params=link_params)


counts = context.filtered("overview/counts")
programs = int(context.filtered("overview/programs_count").iat[0, 0])
status = follow_up_summary(context.filtered("overview/follow_up_status", today=dt.date.today()), lang)

with st.container(horizontal=True):
    for metric in headline_metrics(counts, lang):
        card(metric.key, metric.label, metric.text)
with st.container(horizontal=True):
    card("programs", context.t("overview.programs"), f"{programs:,}")
    card("overdue", context.t("overview.overdue"), status["overdue"])
    card("done", context.t("overview.done"), status["done"])
    card("completion", context.t("overview.completion"), status["completion"])

trips = context.filtered("overview/recent_trips", limit=10)
if trips.empty:
    has_any = not context.query("filters/organizations").empty
    st.info(context.t("overview.no_trips" if has_any else "overview.empty_db"), icon=":material/search_off:")
    st.stop()

by_year = context.filtered("overview/trips_by_year")
st.plotly_chart(trend_figure(by_year, lang, context.scope), width="stretch")

left, right = st.columns(2)
cities = context.filtered("overview/top_cities", limit=8)
with left:
    names = cities["name_ko" if lang == "ko" else "name_en"].tolist()
    st.plotly_chart(top_figure(cities, names, "meetings", context.t("overview.top_cities"), lang, context.scope),
                    width="stretch")
sectors = context.filtered("overview/top_sectors", limit=8)
with right:
    names = [label("sector", s, lang) for s in sectors["sector"]]
    st.plotly_chart(top_figure(sectors, names, "meetings", context.t("overview.top_sectors"), lang, context.scope),
                    width="stretch")

st.subheader(context.t("overview.recent_trips"), anchor=False)
st.dataframe(recent_trips_table(trips, lang), hide_index=True, width="stretch")
