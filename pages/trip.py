"""trip page (reached by /trip?trip=<id>) — not built yet (issue #5); says so instead of showing anything made up."""

from atlas.ui import frame

context = frame.page()
frame.pending_page(context, "nav.trip", issue=5)
