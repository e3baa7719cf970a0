"""Engagement Atlas (국제교류 아틀라스) — `streamlit run app.py`.

The entry point builds the shared frame (language, filter bar mirrored in the URL) and hands
over to the page the navigation selects.
"""

from atlas.ui import frame

context = frame.setup()
frame.navigation(context).run()
