"""The one palette, used the same way by charts (plotly) and maps (folium).

Colours are picked for a projector: strong enough to read at a distance, distinct for the
colour-blind in the first six (after Okabe–Ito ordering), and never red/green as the only cue.
"""

from __future__ import annotations

PRIMARY = "#1D4E89"        # deep civic blue: headings, primary buttons (= .streamlit/config.toml)
TEXT = "#1F2937"
MUTED = "#6B7280"
BACKGROUND = "#FFFFFF"
SURFACE = "#F3F6FA"        # cards, sidebar
GRID = "#E5E7EB"

# Categorical: countries, trips, organizations — assigned in a stable order.
CATEGORICAL = (
    "#1D4E89",  # blue
    "#E69F00",  # orange
    "#009E73",  # green
    "#CC79A7",  # purple-pink
    "#56B4E9",  # sky
    "#D55E00",  # vermillion
    "#7A5195",  # violet
    "#8C6D31",  # olive-brown
    "#0F8B8D",  # teal
    "#B8336A",  # raspberry
)

# Follow-up stages, in pipeline order; on-hold / dropped are greys.
STAGE_COLORS = {
    "identified": "#9DB4D3",
    "proposed": "#6F93C4",
    "in_discussion": "#4373B4",
    "agreed": "#1D4E89",
    "in_progress": "#E69F00",
    "done": "#009E73",
    "on_hold": "#A3A3A3",
    "dropped": "#6B6B6B",
}

SEVERITY_COLORS = {"info": "#56B4E9", "warning": "#E69F00", "error": "#D55E00"}


def categorical(index: int) -> str:
    """The colour for the index-th category (wraps around)."""
    return CATEGORICAL[index % len(CATEGORICAL)]


def color_map(keys) -> dict:
    """Stable colours for a set of keys: sorted, so the same key gets the same colour on
    every chart and map of a view."""
    return {key: categorical(i) for i, key in enumerate(sorted(set(keys), key=str))}
