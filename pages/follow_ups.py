"""follow_ups page — not built yet (issue #6); says so instead of showing anything made up."""

from atlas.ui import frame

context = frame.page()
frame.pending_page(context, "nav.follow_ups", issue=6)
