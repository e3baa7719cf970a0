"""Import: upload documents, review what was read in editable tables, confirm to save.

Thin: reading and extraction live in atlas.importer (prepare), the tables and sentences in
atlas.importer.review, the one-transaction write in atlas.importer.writer (store)."""

import hashlib

import streamlit as st

from atlas.access import PermissionDenied
from atlas.i18n import label
from atlas.importer import MAX_BYTES, ImportRefused, Knowledge, prepare, store
from atlas.importer import review
from atlas.importer.readers import FORMATS
from atlas.ui import frame

context = frame.page()
lang = context.lang
st.title(context.t("import.title"), anchor=False)
st.caption(context.t("import.caption"))

uploaded = st.file_uploader(context.t("import.uploader"), type=list(FORMATS), accept_multiple_files=True,
                            key="import_files", max_upload_size=MAX_BYTES // (1024 * 1024))
prepared_cache = st.session_state.setdefault("import_prepared", {})   # sha -> Prepared | ImportRefused
saved = st.session_state.setdefault("import_saved", {})                # sha -> Outcome

if not uploaded:
    st.info(context.t("import.empty"), icon=":material/upload_file:")
    st.stop()

knowledge = None
files = []
for file in uploaded:
    content = file.getvalue()
    sha = hashlib.sha256(content).hexdigest()
    if sha not in prepared_cache:
        if knowledge is None:
            knowledge = Knowledge.from_database(context.database)
        try:
            prepared_cache[sha] = prepare(file.name, content, knowledge)
        except ImportRefused as refused:
            refused.file_name = refused.file_name or file.name
            prepared_cache[sha] = refused
    files.append((sha, file.name, prepared_cache[sha]))

shas = [sha for sha, _, _ in files]
stored = context.query("import/documents_by_sha", {"shas": shas})
stored_ids = dict(zip(stored["sha256"], stored["document_id"].astype(int)))
latest = context.query("import/latest_by_name", {"file_names": sorted({name for _, name, _ in files})})
previous = dict(zip(latest["file_name"], latest["document_id"].astype(int)))


def _column_config(table: str) -> dict:
    labels = review.column_labels(table, lang)
    editable = review.EDITABLE[table]
    choice = review.choices(table)
    config = {}
    for column, text in labels.items():
        disabled = column not in editable
        if column in choice:
            kind, codes = choice[column]
            config[column] = st.column_config.SelectboxColumn(
                text, options=list(codes), disabled=disabled, required=True,
                format_func=lambda code, kind=kind: label(kind, code, lang))
        elif column in ("date", "start_date", "end_date"):
            config[column] = st.column_config.DateColumn(text, disabled=disabled,
                                                         format="YYYY. M. D." if lang == "ko" else "MMM D, YYYY")
        elif column in ("start", "end"):
            config[column] = st.column_config.TimeColumn(text, disabled=disabled, format="HH:mm")
        elif column in ("cost_amount",):
            config[column] = st.column_config.NumberColumn(text, disabled=disabled, min_value=0)
        elif column in ("attendees", "stated", "headcount"):
            config[column] = st.column_config.NumberColumn(text, disabled=True)
        elif column == "known":
            config[column] = st.column_config.CheckboxColumn(text, disabled=True)
        else:
            config[column] = st.column_config.TextColumn(text, disabled=disabled)
    return config


def _save(sha: str, prepared, edited_tables: dict) -> None:
    extraction = review.apply_edits(prepared.extraction, edited_tables)
    try:
        saved[sha] = store(context.database, prepared.doc, extraction, context.user)
    except PermissionDenied as denied:  # checked by the writer, whatever this page showed
        st.session_state.setdefault("import_failed", {})[sha] = context.t(denied.key)
    except Exception as error:  # a database error: nothing was written (one transaction)
        st.session_state.setdefault("import_failed", {})[sha] = str(error)


pending_saves = []
for sha, name, item in files:
    with st.container(border=True):
        if isinstance(item, ImportRefused):
            st.error(review.refusal_message(item, lang), icon=":material/block:")
            continue
        x = item.extraction
        st.subheader(review.plain(review.headline(x, lang)), anchor=False)
        st.caption(review.plain(review.document_line(x, lang)))
        if sha in saved:
            outcome = saved[sha]
            st.success(review.outcome_message(outcome, lang), icon=":material/check_circle:")
            trip = context.query("import/trip_of_document", {"document_id": outcome.document_id})
            if not trip.empty:
                link = frame.entity_link("trip", int(trip["trip_id"].iloc[0]), context.filters, lang)
                st.page_link("pages/trip.py", label=context.t("import.open_trip"), icon=":material/flight_takeoff:",
                             query_params=review.link_params(link))
            continue
        failed = st.session_state.get("import_failed", {}).get(sha)
        if failed:
            st.error(context.t("import.outcome.failed", file=name, reason=failed), icon=":material/error:")
        if sha in stored_ids:
            st.info(context.t("import.already", document=stored_ids[sha]), icon=":material/inventory:")
        elif name in previous:
            st.warning(context.t("import.new_version", document=previous[name]), icon=":material/sync:")
        with st.container(horizontal=True):
            for count in review.counts(x, lang):
                st.metric(count.label, count.text, border=True)
        st.caption(context.t("import.review_hint"))
        tables = review.frames(x, lang)
        tabs = st.tabs([context.t(f"import.tab.{name_}") for name_ in review.TABLES])
        edited = {}
        for tab, table in zip(tabs, review.TABLES):
            with tab:
                frame_ = tables[table]
                if table == "flags":
                    if frame_.empty:
                        st.caption(context.t("import.flags_none"))
                    else:
                        shown = review.display_flags(frame_, lang)
                        st.dataframe(shown, hide_index=True, width="stretch", placeholder="–",
                                     column_config={c: st.column_config.TextColumn(t_)
                                                    for c, t_ in review.column_labels(table, lang).items()})
                    continue
                edited[table] = st.data_editor(frame_, hide_index=True, width="stretch", num_rows="fixed", placeholder="–",
                                               column_config=_column_config(table),
                                               key=f"import_{sha[:16]}_{table}")
        problems = review.problems(review.apply_edits(x, edited), lang)
        if problems:
            st.error(context.t("import.problems") + ": " + " ".join(problems), icon=":material/edit_note:")
        if sha not in stored_ids:
            pending_saves.append((sha, item, edited, bool(problems)))
            st.button(context.t("import.confirm"), key=f"import_save_{sha[:16]}", type="primary",
                      icon=":material/save:", disabled=bool(problems),
                      on_click=_save, args=(sha, item, edited))

ready = [p for p in pending_saves if not p[3]]
if len(ready) > 1:
    def _save_all() -> None:
        for sha, item, edited, _ in ready:
            _save(sha, item, edited)

    st.button(context.t("import.confirm_all"), key="import_save_all", icon=":material/done_all:", on_click=_save_all)
