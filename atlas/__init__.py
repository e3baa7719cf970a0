"""Engagement Atlas: the logic behind the dashboard (no Streamlit imports here)."""

__version__ = "0.1.0"
