"""import page — not built yet (issue #3); says so instead of showing anything made up."""

from atlas.ui import frame

context = frame.page()
frame.pending_page(context, "nav.import", issue=3)
