"""Streamlit-facing helpers (the only part of atlas that imports streamlit)."""
