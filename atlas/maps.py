"""Pure builders of the map page: DataFrames in, a folium map out (no Streamlit here).

- Cities abroad as circles whose *area* is proportional to meetings, visits or trips, coloured
  by country or by the sector met most; a tooltip with the city's name in the reader's
  language; a popup listing trips and institutions, each a link to its page.
- Each trip's route (home → cities in itinerary order → home) as great-circle curves that take
  the short way, one colour and one layer per trip; with many trips, the most travelled legs.
- Everything offline: Leaflet is served by the app (static/node_modules), the basemap is
  Natural Earth (atlas.basemap), and no tile server is used unless one is configured.

The map is Pacific-centred: its longitudes run from SEAM (-30°, in the Atlantic) eastwards for
360°, so Korea sits left of centre and the Americas to its right, and a route from Incheon to
Seattle crosses the Pacific in one piece. Every coordinate drawn goes through `to_window`.

Text placed on the map (popup, tooltip, legend, layer name) always goes through
`escape_text`, which makes it inert both as HTML and inside a JavaScript template string;
the data itself reaches the page as JSON made safe for a <script> element (`script_json`).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

import folium
import pandas as pd
from branca.element import MacroElement
from folium.map import Layer
from jinja2 import Template

from atlas import theme
from atlas.basemap import BasemapMissing, countries_geojson
from atlas.i18n import format_number, format_period, label, t
from atlas.paths import ROOT

SEAM = -30.0  # western edge of the map's longitude window [SEAM, SEAM + 360)
STATIC_URL = "/app/static/node_modules"  # where the app serves static/node_modules
STATIC_DIR = ROOT / "static" / "node_modules"
LEAFLET_JS = f"{STATIC_URL}/leaflet/dist/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/leaflet/dist/leaflet.css"
FONT_FILES = {400: "Pretendard-Regular.woff2", 600: "Pretendard-SemiBold.woff2"}
FONT_STACK = "Pretendard, 'Malgun Gothic', 'Apple SD Gothic Neo', 'Noto Sans CJK KR', NanumGothic, sans-serif"

MEASURES = ("meetings", "visits", "trips")
COLOR_MODES = ("country", "sector")
MAX_TRIP_ROUTES = 30   # above this many trips, routes are drawn as aggregated legs
MAX_LEGS = 250
MAX_RADIUS = 26.0      # px, the largest circle (presenter mode: PRESENTER_RADIUS)
PRESENTER_RADIUS = 34.0
MIN_RADIUS = 2.5       # px, so that a city with one meeting among thousands stays visible
ZERO_RADIUS = 4.0      # px, a hollow ring for a city visited with nothing to measure
OTHER_COLOR = theme.MUTED

_TEMPLATE_STRING_CHARS = {ord("`"): "&#96;", ord("$"): "&#36;", ord("\\"): "&#92;"}


# -- escaping ------------------------------------------------------------------------------

def escape_text(value: Any) -> str:
    """Text made inert for HTML (element content and quoted attributes) and for JavaScript
    template strings: & < > " ' become entities, and so do ` $ and \\ (so neither `${…}` nor
    a closing backtick nor an escape sequence survives). The browser shows the original text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True).translate(_TEMPLATE_STRING_CHARS)


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element and inside eval'd code: `</` is written
    `<\\/` (so no `</script>` can close the element), `<!--` as `\\u003c!--`, and the line
    separators U+2028/2029 as escapes. (Text from the data is escaped by `escape_text`
    before it gets here, so the only `<` left are the builder's own tags.)"""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in (("</", "<\\/"), ("<!--", "\\u003c!--"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


# -- colours -------------------------------------------------------------------------------

def category_colors(keys: Iterable[Any], weights: Mapping[Any, float] | None = None) -> dict[Any, str]:
    """Colours for categories from the theme palette, stable for a given set of keys.

    Up to len(theme.CATEGORICAL) keys each get their own colour (theme.color_map: sorted
    keys, so the same key gets the same colour on every chart and map of a view). With more,
    the heaviest keys by `weights` keep a colour and the rest share OTHER_COLOR."""
    distinct = sorted({k for k in keys if k is not None and not (isinstance(k, float) and math.isnan(k))}, key=str)
    if len(distinct) <= len(theme.CATEGORICAL):
        return theme.color_map(distinct)
    weights = weights or {}
    kept = sorted(distinct, key=lambda k: (-float(weights.get(k, 0) or 0), str(k)))[: len(theme.CATEGORICAL) - 1]
    colours = theme.color_map(kept)
    return {key: colours.get(key, OTHER_COLOR) for key in distinct}


def country_colors(countries: Iterable[str], weights: Mapping[str, float] | None = None) -> dict[str, str]:
    """The country → colour mapping of the map, for charts that want the same colours
    (pass the same countries and weights as the view shows)."""
    return category_colors(countries, weights)


# -- sizes ---------------------------------------------------------------------------------

def largest_radius(city_count: int, presenter: bool = False) -> float:
    """The radius of the biggest circle: smaller when there are many cities, so that a crowded
    map stays readable (areas stay proportional within a map)."""
    base = MAX_RADIUS if city_count <= 40 else 20.0 if city_count <= 200 else 15.0 if city_count <= 800 else 12.0
    return base * (PRESENTER_RADIUS / MAX_RADIUS if presenter else 1.0)


def marker_radii(values: Sequence[float], max_radius: float = MAX_RADIUS) -> list[float]:
    """Circle radii in pixels whose areas are proportional to `values` (radius ∝ √value), the
    largest value getting `max_radius`. Zero gives 0 (drawn as a hollow ring); tiny positive
    values are kept at MIN_RADIUS so they stay visible."""
    numbers = [float(v) if v is not None and not pd.isna(v) else 0.0 for v in values]
    peak = max(numbers, default=0.0)
    radii = []
    for value in numbers:
        if value <= 0 or peak <= 0:
            radii.append(0.0)
        else:
            radii.append(max(MIN_RADIUS, max_radius * math.sqrt(value / peak)))
    return radii


# -- geometry ------------------------------------------------------------------------------

def to_window(lon: float, seam: float = SEAM) -> float:
    """A longitude moved into the map's window [seam, seam + 360)."""
    return (lon - seam) % 360.0 + seam


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def great_circle(start: tuple[float, float], end: tuple[float, float],
                 step_degrees: float = 2.0) -> list[tuple[float, float]]:
    """Points (lat, lon in [-180, 180]) along the shorter great-circle arc from start to end,
    about one every `step_degrees` of arc, both ends included exactly."""
    a, b = _unit(*start), _unit(*end)
    dot = max(-1.0, min(1.0, sum(x * y for x, y in zip(a, b))))
    omega = math.acos(dot)
    if omega < 1e-9:
        return [start, end]
    sin_omega = math.sin(omega)
    steps = max(1, math.ceil(math.degrees(omega) / step_degrees))
    points = [start]
    for i in range(1, steps):
        f = i / steps
        if sin_omega < 1e-9:  # antipodes: every great circle is as short; go by the meridian plane
            lat = start[0] + f * (end[0] - start[0])
            lon = start[1] + f * (((end[1] - start[1] + 540) % 360) - 180)
            points.append((lat, lon))
            continue
        wa, wb = math.sin((1 - f) * omega) / sin_omega, math.sin(f * omega) / sin_omega
        x, y, z = (wa * p + wb * q for p, q in zip(a, b))
        points.append((math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))))
    points.append(end)
    return points


def window_segments(points: Sequence[tuple[float, float]], seam: float = SEAM) -> list[list[tuple[float, float]]]:
    """A path (lat, lon) as pieces drawn inside the map's window: longitudes are moved into
    [seam, seam + 360) and where the path crosses the seam it is cut at the edge of the window
    and goes on from the other edge."""
    if not points:
        return []
    lat0, lon0 = points[0]
    prev_lat, prev_w = lat0, to_window(lon0, seam)
    segments: list[list[tuple[float, float]]] = [[(prev_lat, prev_w)]]
    for lat, lon in points[1:]:
        w = to_window(lon, seam)
        if abs(w - prev_w) > 180:
            if w > prev_w:  # went west over the left edge, comes back in from the right
                edge_out, edge_in, unwrapped = seam, seam + 360, w - 360
            else:
                edge_out, edge_in, unwrapped = seam + 360, seam, w + 360
            f = (edge_out - prev_w) / (unwrapped - prev_w) if unwrapped != prev_w else 0.0
            lat_edge = prev_lat + f * (lat - prev_lat)
            segments[-1].append((lat_edge, edge_out))
            segments.append([(lat_edge, edge_in)])
        segments[-1].append((lat, w))
        prev_lat, prev_w = lat, w
    return segments


def route_points(stops: Sequence[tuple[float, float]], step_degrees: float = 2.0) -> list[tuple[float, float]]:
    """The great-circle path through the stops in order (lat, lon in [-180, 180])."""
    path: list[tuple[float, float]] = []
    for a, b in zip(stops, stops[1:]):
        if a == b:
            continue
        arc = great_circle(a, b, step_degrees)
        path.extend(arc if not path else arc[1:])
    return path or list(stops[:1])


def _rounded(segments: list[list[tuple[float, float]]]) -> list[list[list[float]]]:
    return [[[round(lat, 2), round(lon, 2)] for lat, lon in segment] for segment in segments]


# -- reading rows ----------------------------------------------------------------------------

def _date(value) -> dt.date | None:
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def _int(value) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def _items(value) -> list:
    if value is None:
        return []
    if isinstance(value, float) and math.isnan(value):
        return []
    return list(value)


def redact(text: str, names: Iterable[str | None], lang: str) -> str:
    """`text` with every given person's name replaced by a placeholder."""
    placeholder = t("map.hidden_name", lang)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, placeholder)
    return text


def default_link(kind: str, entity_id: int) -> str:
    return f"./{kind}?{kind}={int(entity_id)}"


# -- page settings (pure helpers the page uses) ---------------------------------------------------

PLAY_SECONDS = 2.5       # how long each year stays on screen during playback
MAP_HEIGHT = 500         # px in the page; presenter mode fills the window (PRESENTER_CSS)
PRESENTER_HEIGHT = 760
URL_PARAMS = ("presenter", "size", "color", "routes", "names", "years")
DEFAULT_SETTINGS = {"size_by": "meetings", "color_by": "country", "routes": True, "hide_names": False,
                    "years": None}

# Presenter mode: no sidebar, no toolbar, larger title, and the map fills the window. Fixed
# text (no data in it), for st.html.
PRESENTER_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2rem 0.5rem !important; max-width: 100% !important; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2.6rem !important; padding-top: 0 !important; }
[data-testid="stMainBlockContainer"] h3 { font-size: 1.7rem !important; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] button { font-size: 1.15rem !important; }
iframe[title="streamlit_folium.st_folium"] { height: calc(100vh - 14rem) !important; min-height: 420px; }
</style>"""


def _first(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    return None if value is None else str(value)


def settings_from_query(query: Mapping[str, Any]) -> dict:
    """The map's settings from its URL parameters (a prepared link); bad values are ignored."""
    settings = dict(DEFAULT_SETTINGS)
    size, colour = _first(query.get("size")), _first(query.get("color"))
    if size in MEASURES:
        settings["size_by"] = size
    if colour in COLOR_MODES:
        settings["color_by"] = colour
    if _first(query.get("routes")) == "0":
        settings["routes"] = False
    if _first(query.get("names")) == "hidden":
        settings["hide_names"] = True
    match = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{4})\s*", _first(query.get("years")) or "")
    if match:
        settings["years"] = tuple(sorted((int(match.group(1)), int(match.group(2)))))
    return settings


def settings_to_query(settings: Mapping[str, Any], presenter: bool) -> dict[str, str]:
    """URL parameters for the settings that differ from the defaults (round-trips with
    settings_from_query)."""
    out: dict[str, str] = {}
    if presenter:
        out["presenter"] = "1"
    if settings.get("size_by", "meetings") != "meetings":
        out["size"] = settings["size_by"]
    if settings.get("color_by", "country") != "country":
        out["color"] = settings["color_by"]
    if not settings.get("routes", True):
        out["routes"] = "0"
    if settings.get("hide_names"):
        out["names"] = "hidden"
    if settings.get("years"):
        out["years"] = f"{settings['years'][0]}-{settings['years'][1]}"
    return out


def clamp_years(chosen: Sequence[int] | None, first: int, last: int) -> tuple[int, int]:
    """The chosen year range kept inside [first, last]; the whole span when none is chosen or
    the choice lies outside it."""
    if not chosen:
        return first, last
    low, high = max(first, min(chosen)), min(last, max(chosen))
    return (low, high) if low <= high else (first, last)


def step_year(year: int | None, delta: int, years: Sequence[int]) -> int | None:
    """The year `delta` steps from `year` among `years` (the years that have trips, so that
    playback does not show empty years): from no year, the first (or the last, going back);
    at an end it stays there. None when there are no years."""
    ordered = sorted(set(int(y) for y in years))
    if not ordered:
        return None
    if year is None:
        return ordered[0] if delta >= 0 else ordered[-1]
    if delta >= 0:
        later = [y for y in ordered if y > year]
        return later[min(delta, len(later)) - 1] if later and delta else (year if year in ordered else ordered[-1])
    earlier = [y for y in ordered if y < year]
    return earlier[max(-len(earlier), delta)] if earlier else ordered[0]


# -- options and result ------------------------------------------------------------------------

@dataclass(frozen=True)
class MapOptions:
    lang: str = "ko"
    size_by: str = "meetings"          # one of MEASURES
    color_by: str = "country"          # one of COLOR_MODES
    show_routes: bool = True
    hide_names: bool = False
    presenter: bool = False
    link: Callable[[str, int], str] = default_link  # entity page links (frame.entity_link)
    basemap: bool = True
    tiles_url: str | None = None       # online tiles only when configured
    tiles_attribution: str | None = None
    app_fonts: bool = True             # @font-face from the app's static files (not in exports)
    title: str | None = None           # a title box inside the map (exports)
    subtitle: str | None = None
    badge: str | None = None           # a large label inside the map (the year during playback)

    def __post_init__(self):
        if self.size_by not in MEASURES:
            raise ValueError(f"size_by must be one of {MEASURES}")
        if self.color_by not in COLOR_MODES:
            raise ValueError(f"color_by must be one of {COLOR_MODES}")


@dataclass
class MapView:
    map: folium.Map
    markers: int = 0
    routes: int = 0                    # trips drawn one by one
    legs: int = 0                      # aggregated legs drawn
    legs_total: int = 0
    aggregated: bool = False
    legend: list[tuple[str, str]] = field(default_factory=list)  # (label, colour)
    basemap: bool = False
    cities: int = 0
    trips: int = 0
    meetings: int = 0


def popup_items_for(city_count: int) -> int:
    """How many trips and institutions a popup lists before "N more": fewer when the map has
    many cities, so that its HTML stays small (the city page lists everything)."""
    if city_count <= 300:
        return 5
    if city_count <= 1000:
        return 3
    return 2


# -- folium elements -----------------------------------------------------------------------------

class _Style(MacroElement):
    """The map's CSS: theme colours, the app's font, larger type in presenter mode."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>
        {%- for weight, url in this.fonts %}
        @font-face { font-family: Pretendard; font-weight: {{ weight }}; font-display: swap;
                     src: url("{{ url }}") format("woff2"); }
        {%- endfor %}
        .leaflet-container { background: {{ this.sea }}; font-family: {{ this.font }};
                             font-size: {{ this.size }}px; color: {{ this.text }}; }
        {%- if this.fill %}
        #{{ this._parent.get_name() }} { height: 100vh !important; }
        {%- endif %}
        .leaflet-tooltip { font-size: {{ this.size }}px; padding: 4px 8px; }
        .leaflet-control-layers-list { max-height: 60vh; overflow-y: auto; font-size: {{ this.small }}px; }
        .atlas-box { background: rgba(255,255,255,0.93); color: {{ this.text }}; padding: 8px 12px;
                     border-radius: 6px; box-shadow: 0 1px 4px rgba(0,0,0,0.25); line-height: 1.5;
                     font-size: {{ this.small }}px; max-width: 280px; }
        .atlas-box b { font-weight: 600; }
        .atlas-box i { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
                       margin-right: 6px; vertical-align: -1px; }
        .atlas-box .atlas-size { display: flex; align-items: flex-end; gap: 10px; margin-top: 4px; }
        .atlas-box .atlas-size span { display: inline-block; border-radius: 50%;
                                      background: {{ this.muted }}33; border: 1px solid {{ this.muted }}; }
        .atlas-title { font-size: {{ this.size }}px; max-width: 420px; }
        .atlas-badge { font-size: {{ this.size * 2 }}px; font-weight: 700; line-height: 1.2; color: {{ this.primary }}; }
        .atlas-pop { font-size: {{ this.small }}px; line-height: 1.45; min-width: 220px; }
        .atlas-pop h4 { margin: 0 0 2px; font-size: {{ this.size }}px; font-weight: 600; }
        .atlas-pop h5 { margin: 8px 0 2px; font-size: {{ this.small }}px; color: {{ this.muted }}; font-weight: 600; }
        .atlas-pop p { margin: 0; color: {{ this.muted }}; }
        .atlas-pop ul { margin: 0; padding-left: 16px; }
        .atlas-pop small { color: {{ this.muted }}; }
        .atlas-pop a { color: {{ this.primary }}; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function (map) {
            // Leaflet focuses the map on mousedown (for its arrow keys). Inside the app's frame that
            // focus scrolls the page when the map is partly off screen, so the mouseup lands
            // elsewhere and a click on a circle opens nothing. Focus without scrolling instead.
            if (map.keyboard && map.keyboard.enabled()) {
                map.keyboard.disable();
                map.keyboard._onMouseDown = function () {
                    if (!this._focused) { this._map._container.focus({preventScroll: true}); }
                };
                map.keyboard.enable();
            }
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, presenter: bool, fill: bool, app_fonts: bool):
        super().__init__()
        self._name = "AtlasStyle"
        self.fonts = [(w, f"{STATIC_URL}/pretendard/dist/web/static/woff2/{f}") for w, f in FONT_FILES.items()] \
            if app_fonts else []
        # The sea is the theme's primary blue at 10 % over white: light, yet distinct from the
        # white land on a washed-out projector.
        self.sea, self.text, self.muted, self.primary = theme.PRIMARY + "1A", theme.TEXT, theme.MUTED, theme.PRIMARY
        self.font = FONT_STACK
        self.size, self.small = (20, 17) if presenter else (14, 13)
        self.fill = fill


class _Basemap(MacroElement):
    """Country outlines drawn under everything, not clickable."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.geoJSON({{ this.data }}, {
            interactive: false, className: "atlas-land",
            style: {color: "{{ this.stroke }}", weight: 0.6, opacity: 0.55,
                    fillColor: "{{ this.fill }}", fillOpacity: 1}
        }).addTo({{ this._parent.get_name() }});
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.attribution }});
        {% endmacro %}
    """)

    def __init__(self, data: str, attribution: str):
        super().__init__()
        self._name = "AtlasBasemap"
        self.data = data  # GeoJSON text from atlas.basemap (numbers only, no text)
        self.stroke, self.fill = theme.MUTED, theme.BACKGROUND
        self.attribution = script_json(escape_text(attribution))


class _CityLayer(Layer):
    """One circle per city. Rows (see `city_rows`) carry only escaped text; the popup's HTML is
    put together in the browser from them, the link templates and the translated labels."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        var {{ this.get_name() }}_rows = {{ this.rows }};
        (function (rows, colours, links, labels, group) {
            function link(kind, id) { return links[kind][0] + id + links[kind][1]; }
            function anchor(kind, id, text) {
                return '<a href="' + link(kind, id) + '" target="_top">' + text + '</a>';
            }
            function more(r, text) {
                return text ? '<small>' + anchor("city", r[5], text) + '</small>' : '';
            }
            function popup(r) {
                var h = '<div class="atlas-pop"><h4>' + anchor("city", r[5], r[6]) + '</h4>';
                if (r[7]) { h += '<p>' + r[7] + '</p>'; }
                h += '<p>' + r[8] + '</p>';
                if (r[9].length) {
                    h += '<h5>' + labels.trips + '</h5><ul>';
                    for (var i = 0; i < r[9].length; i++) {
                        var x = r[9][i];
                        h += '<li>' + anchor("trip", x[0], x[1]) + '<br><small>' + x[2] + '</small></li>';
                    }
                    h += '</ul>' + more(r, r[10]);
                }
                if (r[11].length) {
                    h += '<h5>' + labels.institutions + '</h5><ul>';
                    for (var j = 0; j < r[11].length; j++) {
                        var y = r[11][j];
                        h += '<li>' + anchor("institution", y[0], y[1]) + ' <small>' + y[2] + '</small></li>';
                    }
                    h += '</ul>' + more(r, r[12]);
                }
                return h + '</div>';
            }
            rows.forEach(function (r) {
                var ring = r[2] === 0, colour = colours[r[3]];
                var circle = L.circleMarker([r[0], r[1]], {
                    radius: ring ? {{ this.zero }} : r[2], color: ring ? colour : "{{ this.stroke }}",
                    weight: ring ? 2 : 1.2, fillColor: colour, fillOpacity: ring ? 0 : 0.78,
                    className: "atlas-city"});
                circle.bindTooltip(r[4], {direction: "top"});
                circle.bindPopup(function () { return popup(r); },
                                 {maxWidth: {{ this.popup_width }}, className: "atlas-popup"});
                group.addLayer(circle);
            });
        })({{ this.get_name() }}_rows, {{ this.colours }}, {{ this.links }}, {{ this.labels }}, {{ this.get_name() }});
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
    """)

    def __init__(self, rows: list, colours: list[str], links: dict, labels: dict, name: str, presenter: bool):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "AtlasCities"
        self.rows = script_json(rows)
        self.colours = script_json(colours)
        self.links = script_json(links)
        self.labels = script_json(labels)
        self.zero = ZERO_RADIUS
        self.stroke = theme.BACKGROUND
        self.popup_width = 420 if presenter else 340


class _LineLayer(Layer):
    """Great-circle lines: [segments, colour, weight, tooltip html, dashed] rows."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        (function (rows, group) {
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i];
                var line = L.polyline(r[0], {color: r[1], weight: r[2], opacity: 0.85,
                                             className: "{{ this.css_class }}", interactive: true});
                line.bindTooltip(r[3], {sticky: true});
                group.addLayer(line);
            }
        })({{ this.rows }}, {{ this.get_name() }});
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
    """)

    def __init__(self, rows: list, name: str, css_class: str = "atlas-route"):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "AtlasLines"
        self.rows = script_json(rows)
        self.css_class = css_class


class _PointLayer(Layer):
    """Small fixed-size points (home cities): [lat, lon, tooltip html] rows."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        (function (rows, group) {
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i];
                group.addLayer(L.circleMarker([r[0], r[1]], {radius: 5, color: "{{ this.stroke }}", weight: 2,
                    fillColor: "{{ this.fill }}", fillOpacity: 1, className: "atlas-home"})
                    .bindTooltip(r[2], {direction: "top"}));
            }
        })({{ this.rows }}, {{ this.get_name() }});
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
    """)

    def __init__(self, rows: list, name: str):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "AtlasPoints"
        self.rows = script_json(rows)
        self.stroke, self.fill = theme.BACKGROUND, theme.TEXT


class _Box(MacroElement):
    """A fixed box on the map (legend, title) holding escaped HTML built here."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var box = L.control({position: "{{ this.position }}"});
            box.onAdd = function () {
                var div = L.DomUtil.create("div", "atlas-box {{ this.css_class }}");
                div.innerHTML = {{ this.html }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            box.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html_text: str, position: str, css_class: str):
        super().__init__()
        self._name = "AtlasBox"
        self.html = script_json(html_text)
        self.position = position
        self.css_class = css_class


class _FitView(MacroElement):
    """Fits the view to what is drawn, and again whenever the map's frame changes size until the
    user moves the map. Leaflet's own fitBounds, run while the frame is still narrower than the
    padding (a component frame not laid out yet), computes a NaN zoom and never recovers: every
    circle is then drawn empty. So the padding is only used when it fits, and a zero-sized map
    waits for its first real size."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, bounds, topLeft, bottomRight) {
            var moved = false;
            function fit() {
                var size = map.getSize();
                if (size.x < 1 || size.y < 1) { return; }
                var roomy = size.x > topLeft[0] + bottomRight[0] + 40 && size.y > topLeft[1] + bottomRight[1] + 40;
                map.fitBounds(bounds, roomy ? {paddingTopLeft: topLeft, paddingBottomRight: bottomRight,
                                               maxZoom: {{ this.max_zoom }}, animate: false}
                                            : {maxZoom: {{ this.max_zoom }}, animate: false});
            }
            fit();
            ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (name) {
                map.getContainer().addEventListener(name, function () { moved = true; }, {passive: true});
            });
            if (window.ResizeObserver) {
                new ResizeObserver(function () {
                    map.invalidateSize({pan: false});
                    if (!moved) { fit(); }
                }).observe(map.getContainer());
            }
        })({{ this._parent.get_name() }}, {{ this.bounds }}, {{ this.top_left }}, {{ this.bottom_right }});
        {% endmacro %}
    """)

    def __init__(self, bounds: list, top_left: tuple[int, int], bottom_right: tuple[int, int], max_zoom: int):
        super().__init__()
        self._name = "AtlasFitView"
        self.bounds = script_json(bounds)
        self.top_left, self.bottom_right = script_json(list(top_left)), script_json(list(bottom_right))
        self.max_zoom = int(max_zoom)


# -- the builder --------------------------------------------------------------------------------

def _city_name(row, lang: str) -> str:
    return (row.get("name_ko") if lang == "ko" else row.get("name_en")) or row.get("name_en") or row.get("name_ko") or ""


def _measure_label(measure: str, lang: str) -> str:
    return t(f"map.measure.{measure}", lang)


_LINK_MARK = 987654321987  # an id no entity has, to cut a link into the text before and after the id


def link_templates(link: Callable[[str, int], str]) -> dict[str, list[str]]:
    """Each entity page's link as [text before the id, text after it], escaped for an HTML
    attribute, so that the browser can build `before + id + after` for any id."""
    out = {}
    for kind in ("city", "trip", "institution"):
        before, mark, after = link(kind, _LINK_MARK).partition(str(_LINK_MARK))
        if not mark:
            raise ValueError(f"link({kind!r}, id) must contain the id")
        out[kind] = [escape_text(before), escape_text(after)]
    return out


def _trip_entry(trip: Mapping, options: MapOptions) -> list:
    lang = options.lang
    title = trip.get("title") or ""
    if options.hide_names:
        title = redact(title, [*_items(trip.get("names")), trip.get("head_name")], lang)
    detail = format_period(_date(trip.get("start_date")), _date(trip.get("end_date")), lang)
    head_name, head_title = trip.get("head_name"), trip.get("head_title")
    who = (head_title or "") if options.hide_names else " ".join(v for v in (head_name, head_title) if v)
    if who:
        detail = f"{detail} · {t('map.popup.head', lang)} {who}" if detail else f"{t('map.popup.head', lang)} {who}"
    return [int(trip["trip_id"]), escape_text(_short(title, 60)), escape_text(detail)]


def _institution_entry(inst: Mapping, options: MapOptions) -> list:
    lang = options.lang
    name = (inst.get("name_ko") if lang == "ko" else inst.get("name_en")) or inst.get("name_ko") or ""
    meetings = t("map.popup.meetings", lang, count=format_number(_int(inst.get("meetings")), lang))
    return [int(inst["institution_id"]), escape_text(name), escape_text(meetings)]


def _more(total: int, shown: int, lang: str) -> str:
    extra = total - shown
    return escape_text(t("map.popup.more", lang, count=format_number(extra, lang))) if extra > 0 else ""


def city_rows(cities: pd.DataFrame, options: MapOptions) -> tuple[list[list], list[str], list[tuple[str, str]]]:
    """The circles' data, biggest first so that small circles are drawn on top, as rows of
    [lat, lon, radius, colour index, tooltip, city id, name, country, counts,
     [[trip id, title, dates], …], "N more trips", [[institution id, name, meetings], …],
     "N more institutions"] (every text escaped), the colour palette the indexes point
    into, and the colour legend [(label, colour), …]."""
    if cities.empty:
        return [], [], []
    lang = options.lang
    frame = cities.reset_index(drop=True)
    values = [_int(v) for v in frame[options.size_by]]
    radii = marker_radii(values, largest_radius(len(frame), options.presenter))
    weights: dict[Any, float] = {}
    if options.color_by == "country":
        keys = list(frame["country_iso2"])
        legend_names = {iso: (ko if lang == "ko" else en) or iso
                        for iso, ko, en in zip(frame["country_iso2"], frame["country_ko"], frame["country_en"])}
    else:
        keys = [None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in frame["sector"]]
        legend_names = {k: label("sector", k, lang) for k in keys if k is not None}
    for key, value in zip(keys, values):
        if key is not None:
            weights[key] = weights.get(key, 0) + value
    colours = category_colors([k for k in keys if k is not None], weights)
    palette = sorted(set(colours.values()) | {OTHER_COLOR})
    index = {colour: i for i, colour in enumerate(palette)}
    items = popup_items_for(len(frame))
    measure = _measure_label(options.size_by, lang)
    records = frame.to_dict("records")
    rows = []
    for i in sorted(range(len(frame)), key=lambda i: (-radii[i], i)):
        row = records[i]
        name = _city_name(row, lang)
        country = row.get("country_ko") if lang == "ko" else row.get("country_en")
        colour = colours.get(keys[i], OTHER_COLOR) if keys[i] is not None else OTHER_COLOR
        tooltip = t("map.tooltip", lang, city=name, measure=measure, value=format_number(values[i], lang))
        counts = t("map.popup.counts", lang, meetings=format_number(_int(row.get("meetings")), lang),
                   visits=format_number(_int(row.get("visits")), lang),
                   trips=format_number(_int(row.get("trips")), lang))
        trips = _items(row.get("trip_list"))[:items]
        institutions = _items(row.get("institution_list"))[:items]
        rows.append([
            round(float(row["lat"]), 3), round(to_window(float(row["lon"])), 3), round(radii[i], 1),
            index[colour], escape_text(tooltip), int(row["city_id"]), escape_text(name), escape_text(country or ""),
            escape_text(counts),
            [_trip_entry(trip, options) for trip in trips], _more(_int(row.get("trips")), len(trips), lang),
            [_institution_entry(inst, options) for inst in institutions],
            _more(_int(row.get("institutions")), len(institutions), lang),
        ])
    # Legend: coloured keys, heaviest first; then "other" / "no sector" when some circles are grey.
    legend: list[tuple[str, str]] = []
    coloured = [k for k in colours if colours[k] != OTHER_COLOR]
    for key in sorted(coloured, key=lambda k: (-weights.get(k, 0), str(legend_names.get(k, k)))):
        legend.append((str(legend_names.get(key, key)), colours[key]))
    if any(colour == OTHER_COLOR for colour in colours.values()):
        legend.append((t("map.legend.other", lang), OTHER_COLOR))
    if options.color_by == "sector" and any(k is None for k in keys):
        legend.append((t("map.legend.no_sector", lang), OTHER_COLOR))
    return rows, palette, legend


def trip_routes(routes: pd.DataFrame, options: MapOptions) -> list[dict]:
    """One entry per trip: its name, colour and great-circle path home → stops → home."""
    if routes.empty:
        return []
    lang = options.lang
    out = []
    ordered = routes.sort_values(["start_date", "trip_id", "stop"], na_position="last", kind="stable")
    for index, (trip_id, rows) in enumerate(ordered.groupby("trip_id", sort=False)):
        rows = rows.sort_values("stop")
        first = rows.iloc[0]
        stops = [(float(r.lat), float(r.lon)) for r in rows.itertuples()]
        names = [str(_city_name(r, lang)) for r in rows.to_dict("records")]
        if pd.notna(first.get("home_lat")) and pd.notna(first.get("home_lon")):
            home = (float(first["home_lat"]), float(first["home_lon"]))
            home_name = (first.get("home_ko") if lang == "ko" else first.get("home_en")) or ""
            stops = [home, *stops, home]
            names = [home_name, *names, home_name]
        title = str(first.get("title") or "")
        if options.hide_names:
            title = redact(title, _items(first.get("names")), lang)
        period = format_period(_date(first.get("start_date")), _date(first.get("end_date")), lang)
        out.append({
            # Trips take the palette from its far end, so that on a map coloured by country the
            # first routes and the first countries do not share a colour.
            "trip_id": int(trip_id), "title": title, "period": period,
            "colour": theme.categorical(len(theme.CATEGORICAL) - 1 - index % len(theme.CATEGORICAL)),
            "stops": stops, "path": " → ".join(names),
            "segments": window_segments(route_points(stops)),
        })
    return out


def _short(text: str, limit: int = 44) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _legend_html(legend: list[tuple[str, str]], options: MapOptions, peak: int, city_count: int) -> str:
    lang, esc = options.lang, escape_text
    parts = []
    if legend:
        parts.append("<b>" + esc(t(f"map.color.{options.color_by}", lang)) + "</b><br>")
        for name, colour in legend:
            parts.append(f'<i style="background:{esc(colour)}"></i>{esc(name)}<br>')
    measure = _measure_label(options.size_by, lang)
    parts.append("<b>" + esc(t("map.legend.size", lang, measure=measure)) + "</b>")
    if peak > 0:
        biggest = largest_radius(city_count, options.presenter)
        samples = sorted({peak, max(1, round(peak / 4))}, reverse=True) if peak > 1 else [peak]
        parts.append('<div class="atlas-size">')
        for value in samples:
            size = 2 * max(MIN_RADIUS, biggest * math.sqrt(value / peak))
            parts.append(f'<span style="width:{size:.0f}px;height:{size:.0f}px"></span>'
                         f"<small>{esc(format_number(value, lang))}</small>")
        parts.append("</div>")
    return "".join(parts)


def build_map(cities: pd.DataFrame, routes: pd.DataFrame | None = None, legs: pd.DataFrame | None = None,
              homes: pd.DataFrame | None = None, options: MapOptions = MapOptions()) -> MapView:
    """The folium map of the cities (one row per city, see queries/map/cities.sql) with the
    trips' routes (queries/map/trip_routes.sql) or, for many trips, the most travelled legs
    (queries/map/legs.sql), and the home cities (queries/map/homes.sql)."""
    lang = options.lang
    fmap = folium.Map(location=[30, 150], zoom_start=2, tiles=None, min_zoom=1, max_zoom=10,
                      world_copy_jump=False, zoom_control=True, control_scale=False,
                      zoom_snap=0.25, zoom_delta=0.5)  # fractional zoom: the view fits the data snugly
    # Leaflet from the app itself; none of folium's CDN defaults (jQuery, Bootstrap, icons).
    fmap.default_js = [("leaflet", LEAFLET_JS)]
    fmap.default_css = [("leaflet_css", LEAFLET_CSS)]
    view = MapView(map=fmap)
    _Style(presenter=options.presenter, fill=options.presenter, app_fonts=options.app_fonts).add_to(fmap)

    if options.tiles_url:
        folium.TileLayer(tiles=options.tiles_url, attr=escape_text(options.tiles_attribution or options.tiles_url),
                         name="tiles", overlay=False, control=False).add_to(fmap)
    if options.basemap:
        try:
            _Basemap(countries_geojson(SEAM), t("map.attribution", lang)).add_to(fmap)
            view.basemap = True
        except BasemapMissing:
            view.basemap = False

    points: list[tuple[float, float]] = []  # (lat, lon in the window) of everything drawn, for the view
    routes = routes if routes is not None else pd.DataFrame()
    legs = legs if legs is not None else pd.DataFrame()
    if options.show_routes and not routes.empty:
        for trip in trip_routes(routes, options):
            tooltip = escape_text(f"{trip['title']} · {trip['period']}\n{trip['path']}").replace("\n", "<br>")
            name = escape_text(_short(f"{trip['title']} ({trip['period']})" if trip["period"] else trip["title"]))
            _LineLayer([[_rounded(trip["segments"]), trip["colour"], 3, tooltip]], name).add_to(fmap)
            points.extend(p for segment in trip["segments"] for p in segment)
            view.routes += 1
    elif options.show_routes and not legs.empty:
        peak = max(_int(v) for v in legs["trips"])
        rows = []
        for leg in legs.to_dict("records"):
            a, b = (float(leg["a_lat"]), float(leg["a_lon"])), (float(leg["b_lat"]), float(leg["b_lon"]))
            a_name = (leg["a_ko"] if lang == "ko" else leg["a_en"]) or ""
            b_name = (leg["b_ko"] if lang == "ko" else leg["b_en"]) or ""
            weight = round(1 + 5 * math.sqrt(_int(leg["trips"]) / peak), 1) if peak else 1
            tooltip = t("map.leg", lang, a=a_name, b=b_name, trips=format_number(_int(leg["trips"]), lang))
            segments = window_segments(great_circle(a, b, 3.0))
            rows.append([_rounded(segments), theme.PRIMARY, weight, escape_text(tooltip)])
            points.extend(p for segment in segments for p in segment)
        _LineLayer(rows, escape_text(t("map.layer.legs", lang)), css_class="atlas-route atlas-leg").add_to(fmap)
        view.aggregated, view.legs = True, len(rows)
        view.legs_total = _int(legs["total_legs"].iloc[0]) if "total_legs" in legs else len(rows)

    if options.show_routes and homes is not None and not homes.empty and (view.routes or view.legs):
        rows = []
        for home in homes.to_dict("records"):
            tooltip = t("map.home", lang, city=_city_name(home, lang), trips=format_number(_int(home["trips"]), lang))
            rows.append([round(float(home["lat"]), 4), round(to_window(float(home["lon"])), 4), escape_text(tooltip)])
            points.append((float(home["lat"]), to_window(float(home["lon"]))))
        _PointLayer(rows, escape_text(t("map.layer.homes", lang))).add_to(fmap)

    rows, palette, legend = city_rows(cities, options)
    if rows:
        labels = {"trips": escape_text(t("map.popup.trips", lang)),
                  "institutions": escape_text(t("map.popup.institutions", lang))}
        _CityLayer(rows, palette, link_templates(options.link), labels, escape_text(t("map.layer.cities", lang)),
                   options.presenter).add_to(fmap)
        points.extend((float(la), to_window(float(lo))) for la, lo in zip(cities["lat"], cities["lon"]))
    view.markers, view.legend = len(rows), legend
    view.cities = len(cities)
    view.meetings = int(sum(_int(v) for v in cities["meetings"])) if not cities.empty else 0

    peak = max((_int(v) for v in cities[options.size_by]), default=0) if not cities.empty else 0
    # Top right, under the layer switch: the far north is where a Korea-centred map has least to show.
    _Box(_legend_html(legend, options, peak, len(cities)), "topright", "atlas-legend").add_to(fmap)
    if options.title:
        title_html = "<b>" + escape_text(options.title) + "</b>"
        if options.subtitle:
            title_html += "<br>" + escape_text(options.subtitle)
        _Box(title_html, "topleft", "atlas-title").add_to(fmap)
    if options.badge:
        _Box(escape_text(options.badge), "bottomleft", "atlas-badge").add_to(fmap)
    if view.routes or view.legs or rows:
        folium.LayerControl(collapsed=True).add_to(fmap)

    if points:
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        south, north, west, east = min(lats), max(lats), min(lons), max(lons)
        pad_lat, pad_lon = max(1.0, (north - south) * 0.04), max(1.5, (east - west) * 0.03)
        edge = int(largest_radius(len(cities), options.presenter)) + 16  # px: whole circles inside the frame
        _FitView([[south - pad_lat, west - pad_lon], [north + pad_lat, east + pad_lon]],
                 (edge, edge), (edge, edge + 10), max_zoom=6).add_to(fmap)
    return view


# -- export --------------------------------------------------------------------------------------

_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)  # nothing to fetch, even for devtools
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+\.(?:png|svg))\1\)")


def _inline_css(css: str, base) -> str:
    def data_uri(match: re.Match) -> str:
        path = base / match.group(2)
        if not path.is_file():
            return match.group(0)
        kind = "image/svg+xml" if path.suffix == ".svg" else "image/png"
        return f'url("data:{kind};base64,{base64.b64encode(path.read_bytes()).decode()}")'

    return _CSS_URL.sub(data_uri, css)


def standalone_html(fmap: folium.Map, lang: str = "ko", title: str = "") -> str:
    """The map as one HTML file that opens with no internet: Leaflet's JS and CSS (with its
    images as data: URIs) are inlined, the basemap is already inside the map's script."""
    page = fmap.get_root().render()
    leaflet_dir = STATIC_DIR / "leaflet" / "dist"
    script = _SOURCE_MAP.sub("", (leaflet_dir / "leaflet.js").read_text(encoding="utf-8"))
    if "</script" in script.lower():  # cannot be inlined safely (never the case for Leaflet 1.9)
        raise ValueError("leaflet.js contains </script>")
    css = _inline_css(_CSS_COMMENT.sub("", (leaflet_dir / "leaflet.css").read_text(encoding="utf-8")), leaflet_dir)
    page = page.replace(f'<script src="{LEAFLET_JS}"></script>', f"<script>{script}</script>", 1)
    page = page.replace(f'<link rel="stylesheet" href="{LEAFLET_CSS}"/>', f"<style>{css}</style>", 1)
    page = page.replace("<html>", f'<html lang="{escape_text(lang)}">', 1)
    page = page.replace("<head>", f"<head>\n    <title>{escape_text(title)}</title>", 1)
    return page
