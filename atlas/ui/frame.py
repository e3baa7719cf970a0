"""The app frame every page shares: page setup, language, the filter bar and its URL mirror,
navigation, and cached query access. Pages call `page()` first and get a `PageContext`."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd
import streamlit as st

from atlas import access, i18n
from atlas.access import User
from atlas.db import Database, ReadLimits, get_database
from atlas.filters import URL_KEYS, Filters, describe
from atlas.i18n import label, t
from atlas.places import ATTRIBUTION_EN, ATTRIBUTION_KO

_this_run = threading.local()  # the frame built by app.py in this script run (one thread per run)
_WIDGET = {name: f"filter_{name}" for name in URL_KEYS if not name.startswith("date_")}
_PERIOD = "filter_period"  # one date-range widget holds date_from and date_to
LANG_KEY = "lang"


@dataclass
class PageContext:
    lang: str
    filters: Filters
    database: Database
    scope: str = ""  # the active filters in words, for titles ("" when unfiltered)
    # Who is working: the signed-in user, or the local user when sign-in is off. Every query
    # below sees only what they may see; writes are checked again by the write functions.
    user: User = field(default_factory=access.local_user)

    def query(self, name: str, params: dict | None = None) -> pd.DataFrame:
        return run_query(self.database, name, params, self.user.read_limits)

    def filtered(self, name: str, **extra: Any) -> pd.DataFrame:
        """Run a query that takes the shared filter parameters (plus any extras)."""
        return run_query(self.database, name, {**self.filters.params(), **extra}, self.user.read_limits)

    def can(self, action: str) -> bool:
        return self.user.can(action)

    def t(self, key: str, **values: Any) -> str:
        return t(key, self.lang, **values)


# -- data access ---------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=512)
def _cached_query(path: str, version: int, name: str, frozen: tuple,
                  organizations: tuple | None = None, hide_names: bool = False) -> pd.DataFrame:
    # `version` changes on every write, so a cached result is never older than the data; the
    # user's limits are part of the key, so no user is ever served another's rows.
    limits = ReadLimits(organizations=organizations, hide_names=hide_names)
    return get_database(path).query(name, _thaw(frozen), limits)


def _freeze(params: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _thaw(frozen: tuple) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in frozen}


def run_query(database: Database, name: str, params: dict | None = None,
              limits: ReadLimits | None = None) -> pd.DataFrame:
    limits = limits or ReadLimits()
    return _cached_query(str(database.path), database.data_version, name, _freeze(params or {}),
                         limits.organizations, limits.hide_names).copy()


# -- language -------------------------------------------------------------------------------

def _language() -> str:
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = i18n.normalize_language(st.query_params.get(LANG_KEY))
    return i18n.normalize_language(st.session_state[LANG_KEY])


# -- filter bar -----------------------------------------------------------------------------

def _seed_widgets_from_url() -> None:
    """On a session's first run, the URL decides the filters (a pasted link reproduces the view)."""
    if "_filters_seeded" in st.session_state:
        return
    filters = Filters.from_query({key: st.query_params.get_all(key) for key in st.query_params})
    for name, key in _WIDGET.items():
        st.session_state[key] = list(getattr(filters, name))
    st.session_state[_PERIOD] = tuple(d for d in (filters.date_from, filters.date_to) if d)
    st.session_state["_filters_seeded"] = True


def _clear_filters() -> None:
    for key in _WIDGET.values():
        st.session_state[key] = []
    st.session_state[_PERIOD] = ()


def _names(frame: pd.DataFrame, key: str, lang: str) -> dict:
    column = "name_ko" if lang == "ko" else "name_en"
    return dict(zip(frame[key], frame[column].fillna(frame["name_ko"])))


def _filter_bar(ctx_lang: str, database: Database, limits: ReadLimits | None = None) -> tuple[Filters, dict]:
    lang = ctx_lang
    orgs = run_query(database, "filters/organizations", None, limits)
    depts = run_query(database, "filters/departments", None, limits)
    countries = run_query(database, "filters/countries", None, limits)
    cities = run_query(database, "filters/cities", None, limits)
    sectors = run_query(database, "filters/sectors", None, limits)
    itypes = run_query(database, "filters/itypes", None, limits)
    bounds = run_query(database, "filters/date_bounds", None, limits).iloc[0]

    org_names = _names(orgs, "organization_id", lang)
    dept_names = _names(depts, "department_id", lang)
    country_names = _names(countries, "iso2", lang)
    city_names = _names(cities, "city_id", lang)

    def keep_known(name: str, known) -> None:
        # Values from a pasted URL that this database does not know are dropped, not fatal.
        key = _WIDGET[name]
        st.session_state[key] = [v for v in st.session_state.get(key) or [] if v in known]

    with st.sidebar:
        st.subheader(t("filters.title", lang), anchor=False)
        today = dt.date.today()
        first = pd.Timestamp(bounds["first_date"]).date() if pd.notna(bounds["first_date"]) else today
        last = pd.Timestamp(bounds["last_date"]).date() if pd.notna(bounds["last_date"]) else today
        lower, upper = min(first, dt.date(first.year, 1, 1)), max(last, dt.date(last.year, 12, 31))
        chosen = tuple(st.session_state.get(_PERIOD) or ())
        period = st.date_input(
            t("filters.period", lang),
            value=(),  # range mode; the session state (seeded from the URL) holds the choice
            min_value=min([lower, *chosen]),
            max_value=max([upper, *chosen]),
            format="YYYY.MM.DD" if lang == "ko" else "YYYY/MM/DD",
            key=_PERIOD,
        )
        period = list(period) if isinstance(period, (list, tuple)) else [period]

        def pick(name: str, options: list, names: Callable[[Any], str] | dict, label_key: str) -> None:
            keep_known(name, set(options))
            fmt = names.get if isinstance(names, dict) else names
            st.multiselect(t(label_key, lang), options, format_func=lambda v: fmt(v) or str(v),
                           key=_WIDGET[name], placeholder=t("filters.all", lang))

        pick("org_ids", list(org_names), org_names, "filters.organizations")
        chosen_orgs = set(st.session_state[_WIDGET["org_ids"]])
        dept_options = [d for d, o in zip(depts["department_id"], depts["organization_id"])
                        if not chosen_orgs or o in chosen_orgs]
        pick("dept_ids", dept_options, dept_names, "filters.departments")
        pick("countries", list(country_names), country_names, "filters.countries")
        chosen_countries = set(st.session_state[_WIDGET["countries"]])
        city_options = [c for c, iso in zip(cities["city_id"], cities["country_iso2"])
                        if not chosen_countries or iso in chosen_countries]
        pick("city_ids", city_options, city_names, "filters.cities")
        pick("sectors", sectors["sector"].tolist(), lambda v: label("sector", v, lang), "filters.sectors")
        pick("itypes", itypes["itype"].tolist(), lambda v: label("itype", v, lang), "filters.itypes")
        st.button(t("filters.clear", lang), on_click=_clear_filters, icon=":material/filter_alt_off:",
                  width="stretch")

    names = {"org_ids": org_names, "dept_ids": dept_names, "countries": country_names, "city_ids": city_names}
    return Filters(
        date_from=period[0] if len(period) >= 1 else None,
        date_to=period[1] if len(period) == 2 else None,
        org_ids=tuple(int(v) for v in st.session_state[_WIDGET["org_ids"]]),
        dept_ids=tuple(int(v) for v in st.session_state[_WIDGET["dept_ids"]]),
        countries=tuple(st.session_state[_WIDGET["countries"]]),
        city_ids=tuple(int(v) for v in st.session_state[_WIDGET["city_ids"]]),
        sectors=tuple(st.session_state[_WIDGET["sectors"]]),
        itypes=tuple(st.session_state[_WIDGET["itypes"]]),
    ), names


def _mirror_to_url(filters: Filters, lang: str) -> None:
    """Write the filters (and language) into the URL; leave other parameters alone."""
    wanted = filters.to_query()
    if lang != i18n.DEFAULT_LANGUAGE:
        wanted[LANG_KEY] = lang
    managed = set(URL_KEYS.values()) | {LANG_KEY}
    for key in list(st.query_params):
        if key in managed and key not in wanted:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


@st.cache_resource(show_spinner=False)
def _favicon():
    """Drawn here rather than named as a Material icon or emoji: Streamlit fetches those favicons
    from the internet, which a cut-off network cannot reach."""
    from PIL import Image, ImageDraw

    from atlas import theme

    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((2, 2, 62, 62), fill=theme.PRIMARY)
    draw.ellipse((18, 2, 46, 62), outline="white", width=3)
    draw.line((2, 32, 62, 32), fill="white", width=3)
    draw.arc((8, 12, 56, 30), 180, 360, fill="white", width=2)
    draw.arc((8, 34, 56, 52), 0, 180, fill="white", width=2)
    return image


# -- sign-in --------------------------------------------------------------------------------

AUTH_STATUS = "authentication_status"  # streamlit-authenticator's session keys


def _organization_ids(database: Database) -> dict[str, int]:
    """Every name an organization goes by → its id, for the organizations named in the credentials file."""
    frame = run_query(database, "access/organization_names")
    return dict(zip(frame["name"], frame["organization_id"].astype(int)))


def _sign_in_form(authenticator, lang: str) -> None:
    with st.container(width=560):
        st.title(t("access.title", lang), anchor=False)
        st.caption(t("access.intro", lang))
        fields = {"Form name": t("access.form", lang), "Username": t("access.username", lang),
                  "Password": t("access.password", lang), "Login": t("access.sign_in", lang)}
        try:
            authenticator.login(location="main", fields=fields, key="atlas_sign_in")
        except Exception as error:  # the library raises on odd input; the visitor gets a plain message
            st.error(t("access.failed", lang), icon=":material/lock:")
            st.caption(type(error).__name__)
        if st.session_state.get(AUTH_STATUS) is False:
            st.error(t("access.wrong", lang), icon=":material/lock:")
        elif st.session_state.get(AUTH_STATUS):
            # No st.rerun() here: it would cancel the cookie manager's "set" that this run just
            # drew, and a reload would sign the user out. That component's answer reruns the
            # app by itself; the button is there in case it does not.
            st.success(t("access.welcome", lang), icon=":material/lock_open:")
            st.button(t("access.continue", lang), type="primary", icon=":material/arrow_forward:")


def _signed_in_user(lang: str, database: Database) -> User:
    """The user of this session. Without a credentials file sign-in is off and the local user
    works alone; with one, the sign-in form is all an unknown visitor gets."""
    if not access.sign_in_enabled():
        return access.local_user()
    try:
        config = access.read_config()
    except access.AuthConfigError as error:
        st.error(t("access.config_error", lang, error=str(error)), icon=":material/lock:")
        st.stop()
    import streamlit_authenticator as stauth

    cookie = config["cookie"]
    # Made in every run: it draws the cookie manager's component, which reads the browser's
    # sign-in cookie (a reload or a new tab stays signed in) only while it is on the page.
    authenticator = stauth.Authenticate(config["credentials"], cookie.get("name") or access.COOKIE_NAME,
                                        cookie["key"], float(cookie.get("expiry_days", 1)), auto_hash=False)
    users = config["credentials"]["usernames"]
    username = st.session_state.get("username")
    if st.session_state.get(AUTH_STATUS) and username not in users:  # removed while signed in
        st.session_state[AUTH_STATUS] = None
    if not st.session_state.get(AUTH_STATUS):
        # The only page an unknown visitor has: no menu, no filters, no data.
        st.navigation([st.Page(lambda: _sign_in_form(authenticator, lang), title=t("access.form", lang),
                               icon=":material/lock:", url_path="sign_in", default=True)], position="hidden").run()
        st.stop()
    username = st.session_state.get("username")
    user = access.user_from_entry(username, users[username], _organization_ids(database))
    with st.sidebar:
        st.caption(t("access.signed_in_as", lang, name=user.name, role=label("role", user.role, lang)))
        if user.limited:
            st.caption(t("access.limited", lang))
        authenticator.logout(t("access.sign_out", lang), location="sidebar", key="atlas_sign_out")
    return user


# -- the frame --------------------------------------------------------------------------------

def _leave_legacy_pages_mode() -> None:
    """Streamlit runs a server's first script run (and every AppTest run) in its legacy mode
    for apps with a `pages/` folder: app.py or a page file runs as a v1 page, and widgets get
    other identities than in later runs, so the first click of the first visitor was lost.
    Switch to `st.navigation` mode and start the run again before drawing anything."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False  # what st.navigation itself does
        st.rerun()


def setup() -> PageContext:
    """Build the frame for this run (called by app.py before the page runs)."""
    _leave_legacy_pages_mode()
    st.set_page_config(page_title="Engagement Atlas · 국제교류 아틀라스", page_icon=_favicon(),
                       layout="wide", initial_sidebar_state="expanded")
    database = get_database()
    lang = _language()
    _seed_widgets_from_url()
    with st.sidebar:
        st.segmented_control(i18n.LANGUAGE_SWITCH_LABEL, options=list(i18n.LANGUAGES),
                             format_func=i18n.LANGUAGE_NAMES.get,
                             key=LANG_KEY, required=True, width="stretch")
    lang = _language()
    user = _signed_in_user(lang, database)
    filters, names = _filter_bar(lang, database, user.read_limits)
    _mirror_to_url(filters, lang)
    with st.sidebar:
        synthetic = run_query(database, "settings/get", {"key": "synthetic_scale"})
        if not synthetic.empty:
            st.warning(t("app.synthetic", lang, scale=synthetic.iat[0, 0]), icon=":material/science:")
        st.caption(t("filters.link_hint", lang))
        with st.expander(t("app.credits", lang), icon=":material/info:"):
            st.caption(t("credits.seed", lang))
            st.caption(ATTRIBUTION_KO if lang == "ko" else ATTRIBUTION_EN)
    context = PageContext(lang=lang, filters=filters, database=database,
                          scope=describe(filters, lang, names), user=user)
    _this_run.context = context
    return context


def page() -> PageContext:
    """The current run's context, built by app.py earlier in this run (a page file run on its
    own by Streamlit's legacy pages/ mode builds it, after leaving that mode)."""
    built_this_run = getattr(_this_run, "context", None)
    _this_run.context = None
    if built_this_run is None:
        built_this_run = setup()
        navigation(built_this_run)
    return built_this_run


@dataclass(frozen=True)
class PageSpec:
    file: str
    url_path: str
    title_key: str
    icon: str
    section_key: str
    hidden: bool = False  # entity pages: reached by links (/trip?trip=12), not from the menu
    action: str | None = None  # what a user must be allowed (atlas/access.py) to have this page


PAGES = (
    PageSpec("pages/overview.py", "overview", "nav.overview", ":material/dashboard:", "nav.section.analysis"),
    PageSpec("pages/map.py", "map", "nav.map", ":material/map:", "nav.section.analysis"),
    PageSpec("pages/timeline.py", "timeline", "nav.timeline", ":material/timeline:", "nav.section.analysis"),
    PageSpec("pages/programs.py", "programs", "nav.programs", ":material/handshake:", "nav.section.analysis"),
    PageSpec("pages/follow_ups.py", "follow_ups", "nav.follow_ups", ":material/task_alt:", "nav.section.work",
             action="see_work_pages"),
    PageSpec("pages/import.py", "import", "nav.import", ":material/upload_file:", "nav.section.work", action="import"),
    PageSpec("pages/users.py", "users", "nav.users", ":material/manage_accounts:", "nav.section.work",
             action="manage_users"),
    # One page per entity, reached by URL: /trip?trip=<trip_id>, /institution?institution=<id>,
    # /city?city=<GeoNames id>. Use entity_link() to build these links.
    PageSpec("pages/trip.py", "trip", "nav.trip", ":material/flight_takeoff:", "nav.section.analysis", hidden=True),
    PageSpec("pages/institution.py", "institution", "nav.institution", ":material/apartment:",
             "nav.section.analysis", hidden=True),
    PageSpec("pages/city.py", "city", "nav.city", ":material/location_city:", "nav.section.analysis", hidden=True),
)

ENTITY_PARAMS = {"trip": "trip", "institution": "institution", "city": "city"}


def entity_link(kind: str, entity_id: int, filters: Filters | None = None, lang: str | None = None) -> str:
    """A relative link to an entity page that keeps the current filters and language."""
    params = {ENTITY_PARAMS[kind]: str(int(entity_id))}
    if filters:
        params |= filters.to_query()
    if lang and lang != i18n.DEFAULT_LANGUAGE:
        params[LANG_KEY] = lang
    from urllib.parse import urlencode

    return f"./{kind}?{urlencode(params)}"


def allowed_pages(user: User) -> list[PageSpec]:
    """The pages this user has; a page they lack is not in the navigation, so its URL opens the overview."""
    return [spec for spec in PAGES if spec.action is None or user.can(spec.action)]


def navigation(context: PageContext):
    sections: dict[str, list] = {}
    for index, spec in enumerate(allowed_pages(context.user)):
        sections.setdefault(t(spec.section_key, context.lang), []).append(
            st.Page(spec.file, title=t(spec.title_key, context.lang), icon=spec.icon, url_path=spec.url_path,
                    default=index == 0, visibility="hidden" if spec.hidden else "visible")
        )
    return st.navigation(sections)


def pending_page(context: PageContext, title_key: str, issue: int) -> None:
    """An honest placeholder for a page whose issue is still open: nothing is faked."""
    st.title(t(title_key, context.lang), anchor=False)
    st.info(t("pending.body", context.lang, issue=issue), title=t("pending.title", context.lang),
            icon=":material/construction:")
