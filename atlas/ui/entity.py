"""What an entity page shows when its id is missing or unknown (shared by trip and institution
pages): say so, and offer a bounded list of entities to pick from."""

from __future__ import annotations

from typing import Callable

import pandas as pd
import streamlit as st

from atlas.ui.frame import PageContext

PICK_LIMIT = 50  # links drawn at most: at 100× data there are 20,000 trips to choose from


def missing_entity_picker(context: PageContext, *, kind: str, entity_id: int | None, page_file: str,
                          icon: str, choices: pd.DataFrame, id_column: str,
                          label_of: Callable[[dict], str], link_query: Callable[[str, int], dict],
                          empty_key: str) -> None:
    """Render the 'no such <kind>' state with a list to pick from, then stop the page."""
    st.title(context.t(f"nav.{kind}"), anchor=False)
    if entity_id is None:
        st.info(context.t(f"{kind}.missing"), icon=":material/travel_explore:")
    else:
        st.warning(context.t(f"{kind}.unknown", id=entity_id), icon=":material/search_off:")
    st.subheader(context.t(f"{kind}.pick"), anchor=False)
    if choices.empty:
        st.info(context.t(empty_key), icon=":material/search_off:")
    for row in choices.head(PICK_LIMIT).to_dict("records"):
        st.page_link(page_file, label=label_of(row), icon=icon, query_params=link_query(kind, int(row[id_column])))
    if len(choices) > PICK_LIMIT:
        st.caption(context.t("entity.more", shown=PICK_LIMIT, total=f"{len(choices):,}"))
    st.stop()
