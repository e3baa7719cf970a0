"""Map: the cities visited under the current filters, the trips' routes, a year range with a
playback for briefings, presenter mode (?presenter=1) and an offline HTML export."""

import datetime as dt
import os
import time
from urllib.parse import urljoin

import streamlit as st
from streamlit_folium import st_folium

from atlas import maps
from atlas.i18n import format_date, format_number
from atlas.ui import frame

context = frame.page()
t = context.t

# -- state: presenter mode and the map's own settings, seeded once from the URL ---------------
PRESENTER, SETTINGS, PLAY = "_map_presenter", "_map_settings", "_map_play"
if PRESENTER not in st.session_state:
    st.session_state[PRESENTER] = st.query_params.get("presenter") == "1"
if SETTINGS not in st.session_state:
    st.session_state[SETTINGS] = maps.settings_from_query(dict(st.query_params))
if PLAY not in st.session_state:
    st.session_state[PLAY] = {"playing": False, "year": None, "next_at": 0.0}
settings, play = st.session_state[SETTINGS], st.session_state[PLAY]
if not context.can("see_names"):  # presenters: names are hidden, whatever the link or toggle says
    settings["hide_names"] = True
    st.session_state["map_hide_names"] = True
names_locked = not context.can("see_names")
presenter = st.session_state[PRESENTER]


def _mirror_url() -> None:
    """The map's own URL parameters (the frame owns the filter parameters)."""
    wanted = maps.settings_to_query(st.session_state[SETTINGS], st.session_state[PRESENTER])
    for key in maps.URL_PARAMS:
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]


def _set_presenter(on: bool) -> None:
    st.session_state[PRESENTER] = on
    st.session_state.pop("map_presenter_toggle", None)


def _store(name: str, key: str) -> None:
    st.session_state[SETTINGS][name] = st.session_state[key]


def _widget_key(name: str) -> str:
    key = f"map_{name}"
    if key not in st.session_state:
        st.session_state[key] = settings[name]
    return key


def _start_playback(available: list[int]) -> None:
    play.update(playing=True, year=maps.step_year(None, 1, available), next_at=time.monotonic() + maps.PLAY_SECONDS)


def _store_years(first: int, last: int) -> None:
    low, high = (int(y) for y in st.session_state["map_years"])
    settings["years"] = None if (low, high) == (first, last) else (low, high)
    play.update(playing=False, year=None)


def _step(delta: int, available: list[int]) -> None:
    play.update(playing=False, year=maps.step_year(play["year"], delta, available))


# -- years under the filters -------------------------------------------------------------------
years = context.filtered("map/years")
if presenter:
    st.html(maps.PRESENTER_CSS)  # hides the sidebar and the toolbar; no data in it
st.title(t("map.title"), anchor=False)
scope = context.scope or t("filters.none_active")
if presenter:
    st.subheader(scope, anchor=False)
else:
    st.caption(scope)

if years.empty:
    has_any = not context.query("filters/organizations").empty
    st.info(t("map.empty" if has_any else "overview.empty_db"), icon=":material/search_off:")
    if presenter:
        st.button(t("map.presenter_exit"), on_click=_set_presenter, args=(False,), icon=":material/close:")
    _mirror_url()
    st.stop()

dated = years.dropna(subset=["year"])  # a trip without dates has a null year: shown unless years are chosen
first_year = int(dated["year"].min()) if not dated.empty else dt.date.today().year
last_year = int(dated["year"].max()) if not dated.empty else first_year
year_from, year_to = maps.clamp_years(settings.get("years"), first_year, last_year)
whole_span = (year_from, year_to) == (first_year, last_year)
available = [int(y) for y in dated["year"] if year_from <= y <= year_to]  # years with trips, for playback
if play["year"] is not None and play["year"] not in available:
    play.update(playing=False, year=None)

# -- controls ------------------------------------------------------------------------------------
if not presenter:
    with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
        st.segmented_control(t("map.size_by"), maps.MEASURES, key=_widget_key("size_by"), required=True,
                             format_func=lambda m: t(f"map.measure.{m}"), on_change=_store,
                             args=("size_by", "map_size_by"))
        st.segmented_control(t("map.color_by"), maps.COLOR_MODES, key=_widget_key("color_by"), required=True,
                             format_func=lambda m: t(f"map.color.{m}"), on_change=_store,
                             args=("color_by", "map_color_by"))
        st.toggle(t("map.routes"), key=_widget_key("routes"), on_change=_store, args=("routes", "map_routes"))
        st.toggle(t("map.hide_names"), key=_widget_key("hide_names"), on_change=_store,
                  args=("hide_names", "map_hide_names"), disabled=names_locked)
        st.toggle(t("map.presenter"), value=False, key="map_presenter_toggle", help=t("map.presenter_help"),
                  on_change=_set_presenter, args=(True,))

with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
    if not presenter and first_year < last_year:
        if tuple(st.session_state.get("map_years") or ()) != (year_from, year_to):
            st.session_state["map_years"] = (year_from, year_to)
        st.slider(t("map.years"), first_year, last_year, key="map_years", format="%d", width="stretch",
                  on_change=_store_years, args=(first_year, last_year))
    if len(available) > 1:
        st.button(t("map.step_prev"), icon=":material/skip_previous:", key="map_prev",
                  on_click=_step, args=(-1, available))
        if play["playing"]:
            st.button(t("map.pause"), icon=":material/pause:", key="map_pause",
                      on_click=lambda: play.update(playing=False))
        else:
            st.button(t("map.play"), icon=":material/play_arrow:", key="map_play", type="primary",
                      on_click=_start_playback, args=(available,))
        st.button(t("map.step_next"), icon=":material/skip_next:", key="map_next",
                  on_click=_step, args=(1, available))
        if play["year"] is not None:
            st.button(t("map.show_all"), icon=":material/date_range:", key="map_all",
                      on_click=lambda: play.update(playing=False, year=None))
    if presenter:
        st.toggle(t("map.hide_names"), key=_widget_key("hide_names"), on_change=_store,
                  args=("hide_names", "map_hide_names"), disabled=names_locked)
        st.button(t("map.presenter_exit"), on_click=_set_presenter, args=(False,), icon=":material/close:",
                  key="map_presenter_exit")

_mirror_url()

# Online tiles only when an administrator configures them: $ATLAS_MAP_TILES (a URL template such
# as https://tiles.example/{z}/{x}/{y}.png) or the app setting map.tiles_url; attribution likewise.
tiles = context.query("settings/get", {"key": "map.tiles_url"})
tiles_attr = context.query("settings/get", {"key": "map.tiles_attribution"})
tiles_url = os.environ.get("ATLAS_MAP_TILES") or (None if tiles.empty else tiles.iat[0, 0])
tiles_attribution = os.environ.get("ATLAS_MAP_TILES_ATTRIBUTION") or (None if tiles_attr.empty else tiles_attr.iat[0, 0])


def _link(kind: str, entity_id: int) -> str:
    return frame.entity_link(kind, entity_id, context.filters, context.lang)


def _options(**extra) -> maps.MapOptions:
    chosen = dict(
        lang=context.lang, size_by=settings["size_by"], color_by=settings["color_by"],
        show_routes=settings["routes"], hide_names=settings["hide_names"], presenter=presenter, link=_link,
        tiles_url=tiles_url, tiles_attribution=tiles_attribution)
    return maps.MapOptions(**(chosen | extra))


@st.fragment(run_every=maps.PLAY_SECONDS if play["playing"] else None)
def map_section() -> None:
    if play["playing"] and time.monotonic() >= play["next_at"] - 0.2:
        following = maps.step_year(play["year"], 1, available)
        if following == play["year"]:  # the last year has been shown: stop, keep it on screen
            play.update(playing=False)
            st.rerun(scope="app")
        play.update(year=following, next_at=time.monotonic() + maps.PLAY_SECONDS)
    if play["year"] is not None:
        shown_from = shown_to = play["year"]
    else:  # the whole span is no year filter at all, so that undated trips are on the map too
        shown_from, shown_to = (None, None) if whole_span else (year_from, year_to)

    badge = t("map.playing", year=play["year"]) if play["year"] is not None else None
    cities = context.filtered("map/cities", year_from=shown_from, year_to=shown_to, city_id=None, popup_items=5)
    routes = legs = homes = None
    if settings["routes"]:
        routes = context.filtered("map/trip_routes", year_from=shown_from, year_to=shown_to,
                                  max_trips=maps.MAX_TRIP_ROUTES)
        total = int(routes["total_trips"].iloc[0]) if not routes.empty else 0
        if total > maps.MAX_TRIP_ROUTES:
            legs, routes = context.filtered("map/legs", year_from=shown_from, year_to=shown_to,
                                          max_legs=maps.MAX_LEGS), None
        homes = context.filtered("map/homes", year_from=shown_from, year_to=shown_to)
    trips_shown = int(years["trips"].sum() if shown_from is None else
                      dated.loc[dated["year"].between(shown_from, shown_to), "trips"].sum())

    view = maps.build_map(cities, routes, legs, homes, _options(badge=badge))
    if not view.basemap:
        st.warning(t("map.no_basemap"), icon=":material/public_off:")
    if cities.empty:
        st.info(t("map.empty_years"), icon=":material/search_off:")
    st_folium(view.map, key="atlas_map", height=maps.PRESENTER_HEIGHT if presenter else maps.MAP_HEIGHT,
              width=None, returned_objects=[])

    summary = t("map.summary", cities=format_number(view.cities, context.lang),
                trips=format_number(trips_shown, context.lang), meetings=format_number(view.meetings, context.lang))
    summary = f"{badge} · {summary}" if badge else summary
    if presenter:
        st.caption(summary)
        return
    st.caption(summary + " · " + t("map.caption", measure=t(f"map.measure.{settings['size_by']}")))
    if view.aggregated:
        st.caption(t("map.routes_aggregated", trips=format_number(trips_shown, context.lang),
                     shown=format_number(view.legs, context.lang), total=format_number(view.legs_total, context.lang)))

    here = st.context.url or ""  # links in a saved file point at this app's address, not ./trip?…

    def export() -> str:  # built only when the button is pressed
        exported = maps.build_map(cities, routes, legs, homes, _options(
            badge=badge, link=lambda kind, entity_id: urljoin(here, _link(kind, entity_id)),
            app_fonts=False, title=t("map.export_title"),
            subtitle=" · ".join(p for p in (scope, t("map.exported_at", date=format_date(dt.date.today(), context.lang)))
                                if p)))
        return maps.standalone_html(exported.map, context.lang, t("map.export_title"))

    with st.container(horizontal=True, vertical_alignment="center"):
        st.download_button(t("map.export"), data=export, file_name=f"atlas-map-{dt.date.today():%Y%m%d}.html",
                           mime="text/html", icon=":material/download:", help=t("map.export_help"),
                           on_click="ignore", key="map_export")
        st.caption(t("map.attribution"))


map_section()
