"""map page — not built yet (issue #4); says so instead of showing anything made up."""

from atlas.ui import frame

context = frame.page()
frame.pending_page(context, "nav.map", issue=4)
