"""One theme: the Streamlit config and the palette used by charts and maps agree."""

from __future__ import annotations

import tomllib

from atlas import theme
from atlas.paths import ROOT


def test_config_colours_come_from_the_palette():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["theme"]["primaryColor"] == theme.PRIMARY
    assert config["theme"]["textColor"] == theme.TEXT
    assert config["theme"]["secondaryBackgroundColor"] == theme.SURFACE
    assert config["server"]["enableStaticServing"] is True
    assert config["browser"]["gatherUsageStats"] is False


def test_fonts_are_served_by_the_app_not_a_cdn():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    for face in config["theme"]["fontFaces"]:
        assert face["url"].startswith("app/static/"), face
    assert "http" not in config["theme"]["font"]


def test_colour_map_is_stable_and_distinct():
    first = theme.color_map(["US", "CA", "KR"])
    assert first == theme.color_map(["KR", "US", "CA", "US"])
    assert len(set(first.values())) == 3
    assert set(theme.STAGE_COLORS) == {"identified", "proposed", "in_discussion", "agreed",
                                       "in_progress", "done", "on_hold", "dropped"}
