"""institution page (reached by /institution?institution=<id>) — not built yet (issue #5); says so instead of showing anything made up."""

from atlas.ui import frame

context = frame.page()
frame.pending_page(context, "nav.institution", issue=5)
