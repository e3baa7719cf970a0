"""city page (reached by /city?city=<id>) — not built yet (issue #7); says so instead of showing anything made up."""

from atlas.ui import frame

context = frame.page()
frame.pending_page(context, "nav.city", issue=7)
