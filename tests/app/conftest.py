"""AppTest harness settings shared by every page test."""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager


@pytest.fixture(autouse=True)
def steady_state_navigation(monkeypatch):
    """Run AppTest the way a live server runs after its first request.

    AppTest resets Streamlit's "legacy pages/ folder" flag before every run, so every run would
    start in that mode; the app then leaves it with a rerun (atlas.ui.frame), and a rerun drops
    button clicks. A live server is in that mode only for its very first run, which no click can
    reach — the browser tests cover that case (tests/browser/test_smoke.py)."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
