"""Follow-ups: the promises made on trips, kept alive — a stage board with staleness cues, a
table edited in place and saved explicitly, statistics, history, and saves that never
overwrite someone else's (issue #6). The logic lives in atlas/follow_ups.py."""

import datetime as dt

import streamlit as st

from atlas import access
from atlas import follow_ups as fu
from atlas.i18n import label
from atlas.ui import frame

context = frame.page()
lang = context.lang
T = context.t
today = dt.date.today()
DATE_FORMAT = "YYYY.MM.DD" if lang == "ko" else "YYYY/MM/DD"

st.title(T("follow_ups.title"), anchor=False)
st.caption(context.scope or T("filters.none_active"))

for text, icon in st.session_state.pop("fu_flash", []):
    st.toast(text, icon=icon)


def flash(text: str, icon: str = ":material/check_circle:") -> None:
    st.session_state.setdefault("fu_flash", []).append((text, icon))


# -- settings and data ------------------------------------------------------------------------

stale_days = fu.stale_days_setting(context.query("settings/get", {"key": fu.STALE_DAYS_SETTING}))
if "fu_stale_days" not in st.session_state:
    st.session_state["fu_stale_days"] = stale_days


can_edit = context.can("edit")  # the controls follow the role; the write functions check it again


def store_stale_days() -> None:
    try:
        st.session_state["fu_stale_days"] = fu.save_stale_days(context.database, st.session_state["fu_stale_days"],
                                                               context.user)
    except access.PermissionDenied as denied:
        flash(T(denied.key), icon=":material/block:")


everything = fu.with_cues(context.filtered("follow_ups/list"), today, stale_days)


# -- dialogs: opened from session state, so a rerun keeps them open until saved or dismissed ----

def open_editor(follow_up_id: int, values: dict) -> None:
    st.session_state["fu_dialog"] = {"mode": "edit", "id": follow_up_id, "values": dict(values), "conflict": None}


def open_adder() -> None:
    st.session_state["fu_dialog"] = {"mode": "add"}


def close_dialog() -> None:
    st.session_state.pop("fu_dialog", None)


def reload_editor(follow_up_id: int) -> None:
    latest = fu.current_values(context.database, follow_up_id)
    if latest is None:
        close_dialog()
    else:
        open_editor(follow_up_id, latest)


def show_conflict(conflict: fu.ConflictError) -> None:
    st.error(conflict.message(lang), title=T("follow_ups.conflict.title"), icon=":material/sync_problem:")
    st.table(fu.conflict_table(conflict, lang, markdown=True), hide_index=True, border="horizontal")


def show_history(lines: list) -> None:
    if not lines:
        st.caption(T("follow_ups.history.empty"))
    for line in lines[:30]:
        st.markdown(fu.md_escape(line.text))
        st.caption(f"{fu.md_escape(line.when)} · {fu.md_escape(line.user)}")


def edit_body(state: dict) -> None:
    follow_up_id, values = state["id"], state["values"]
    version = values["version"]
    key = f"fu_e_{follow_up_id}_{version}_"
    context_line = " · ".join(fu.md_escape(x) for x in state.get("context", ()) if x)
    if context_line:
        st.caption(f":material/link: {context_line}")
    st.caption(T("follow_ups.edit.based_on", version=version,
                 when=fu.format_datetime(values.get("updated_at"), lang), user=values.get("updated_by") or ""))
    action = st.text_area(T("follow_ups.field.action"), value=values["action"] or "", key=key + "action", height=90)
    stages = list(fu.allowed_stages(values["stage"]))
    stage = st.selectbox(T("follow_ups.field.stage"), stages, index=stages.index(values["stage"]),
                         format_func=lambda s: label("stage", s, lang), key=key + "stage",
                         help=T("follow_ups.edit.stage_help"))
    left, right = st.columns(2)
    owner = left.text_input(T("follow_ups.field.owner"), value=values["owner"] or "", key=key + "owner")
    due = right.date_input(T("follow_ups.field.due_date"), value=values["due_date"], key=key + "due",
                           format=DATE_FORMAT)
    next_action = st.text_input(T("follow_ups.field.next_action"), value=values["next_action"] or "",
                                key=key + "next")
    priority = st.segmented_control(T("follow_ups.field.priority"), list(fu.PRIORITIES), default=values["priority"],
                                    format_func=lambda p: label("priority", p, lang), required=True,
                                    key=key + "priority")
    with st.container(horizontal=True):
        save = st.button(T("follow_ups.edit.save"), type="primary", icon=":material/save:", key=key + "save")
        st.button(T("follow_ups.edit.cancel"), on_click=close_dialog, key=key + "close")
    if save:
        typed = {"action": action, "stage": stage, "owner": owner, "due_date": due,
                 "next_action": next_action, "priority": priority}
        changes = {name: value for name, value in typed.items() if fu.clean_value(name, value) != values[name]}
        if not changes:
            st.info(T("follow_ups.edit.unchanged"), icon=":material/info:")
        else:
            try:
                fu.update_follow_up(context.database, follow_up_id, version, changes, context.user)
            except fu.ConflictError as conflict:
                state["conflict"] = conflict
            except access.PermissionDenied as denied:
                st.error(T(denied.key), icon=":material/block:")
            except fu.FollowUpError as error:
                st.error(error.message(lang), icon=":material/block:")
            else:
                flash(T("follow_ups.edit.saved"))
                close_dialog()
                st.rerun()
    if state.get("conflict") is not None:
        show_conflict(state["conflict"])
        st.button(T("follow_ups.conflict.reload"), on_click=reload_editor, args=(follow_up_id,),
                  icon=":material/refresh:", key=key + "reload")
    lines = fu.history_lines(context.query("follow_ups/events_of", {"follow_up_id": follow_up_id}), lang)
    lines = lines.get(follow_up_id, [])
    with st.expander(T("follow_ups.card.history", count=len(lines)), icon=":material/history:"):
        show_history(lines)


def add_body() -> None:
    trips = context.query("follow_ups/trip_options")
    meetings = context.query("follow_ups/meeting_options")
    institutions = context.query("follow_ups/institution_options")
    none = T("follow_ups.new.none")
    trip_names = fu.trip_choices(trips, lang)
    action = st.text_area(T("follow_ups.field.action"), key="fu_new_action", height=90)
    trip = st.selectbox(T("follow_ups.new.trip"), [None, *trip_names], key="fu_new_trip",
                        format_func=lambda v: none if v is None else trip_names[v])
    meeting_names = fu.meeting_choices(meetings, trip, lang)
    meeting = st.selectbox(T("follow_ups.new.meeting"), [None, *meeting_names], key="fu_new_meeting",
                           format_func=lambda v: none if v is None else meeting_names[v])
    institution_names = fu.institution_choices(institutions, lang)
    chosen = st.multiselect(T("follow_ups.new.institutions"), list(institution_names),
                            format_func=institution_names.get, key="fu_new_institutions",
                            placeholder=T("follow_ups.new.choose"))
    st.caption(T("follow_ups.new.link_hint"))
    left, right = st.columns(2)
    owner = left.text_input(T("follow_ups.field.owner"), key="fu_new_owner")
    due = right.date_input(T("follow_ups.field.due_date"), value=None, key="fu_new_due", format=DATE_FORMAT)
    next_action = st.text_input(T("follow_ups.field.next_action"), key="fu_new_next")
    left, right = st.columns(2)
    stage = left.selectbox(T("follow_ups.field.stage"), list(fu.STAGES), format_func=lambda s: label("stage", s, lang),
                           key="fu_new_stage")
    with right:
        priority = st.segmented_control(T("follow_ups.field.priority"), list(fu.PRIORITIES), default="normal",
                                        format_func=lambda p: label("priority", p, lang), required=True,
                                        key="fu_new_priority")
    with st.container(horizontal=True):
        save = st.button(T("follow_ups.edit.save"), type="primary", icon=":material/save:", key="fu_new_save")
        st.button(T("follow_ups.edit.cancel"), on_click=close_dialog, key="fu_new_close")
    if save:
        try:
            new_id = fu.add_follow_up(context.database, action=action, user=context.user, trip_id=trip,
                                      meeting_id=meeting, institution_ids=chosen, owner=owner, due_date=due,
                                      next_action=next_action, priority=priority or "normal", stage=stage)
        except access.PermissionDenied as denied:
            st.error(T(denied.key), icon=":material/block:")
        except fu.FollowUpError as error:
            st.error(error.message(lang), icon=":material/block:")
        else:
            flash(T("follow_ups.new.saved", id=new_id))
            for name in ("action", "trip", "meeting", "institutions", "owner", "due", "next", "stage", "priority"):
                st.session_state.pop(f"fu_new_{name}", None)
            close_dialog()
            st.rerun()


edit_dialog = st.dialog(T("follow_ups.edit.title"), width="medium", on_dismiss=close_dialog,
                        icon=":material/edit_note:")(edit_body)
add_dialog = st.dialog(T("follow_ups.new.title"), width="medium", on_dismiss=close_dialog,
                       icon=":material/add_task:")(add_body)

# -- headline counts ---------------------------------------------------------------------------

with st.container(horizontal=True):
    for metric in fu.summary_metrics(everything, lang, stale_days):
        st.metric(metric.label, f"{metric.value:,}", border=True)

# -- controls ------------------------------------------------------------------------------------

with st.container(horizontal=True, vertical_alignment="bottom"):
    view = st.segmented_control(T("follow_ups.view"), ["board", "table", "analysis"], default="board",
                                format_func=lambda v: T(f"follow_ups.view.{v}"), required=True, key="fu_view")
    chosen_cues = st.pills(T("follow_ups.only"), list(fu.CUES), selection_mode="multi",
                           format_func=lambda c: fu.cue_label(c, lang, stale_days), key="fu_cues")
    st.number_input(T("follow_ups.stale_days"), min_value=fu.STALE_DAYS_RANGE[0], max_value=fu.STALE_DAYS_RANGE[1],
                    step=1, key="fu_stale_days", on_change=store_stale_days, help=T("follow_ups.stale_days_help"),
                    width=170, disabled=not can_edit)

shown = fu.filter_by_cues(everything, chosen_cues or [])
with st.container(horizontal=True, vertical_alignment="center"):
    st.caption(T("follow_ups.showing", shown=f"{len(shown):,}", total=f"{len(everything):,}"))
    st.space("stretch")
    if can_edit:
        st.button(T("follow_ups.add"), icon=":material/add:", type="primary", on_click=open_adder, key="fu_add")
    else:
        st.caption(T("access.read_only"))
    # The files are made when a button is pressed (data= a function), not on every run.
    st.download_button(T("follow_ups.export_csv"),
                       data=lambda: fu.to_csv_bytes(fu.export_frame(shown, lang, stale_days)),
                       file_name=fu.export_file_name("csv", today), mime="text/csv", icon=":material/download:",
                       on_click="ignore", key="fu_csv", disabled=shown.empty)
    st.download_button(T("follow_ups.export_xlsx"),
                       data=lambda: fu.to_xlsx_bytes(fu.export_frame(shown, lang, stale_days), T("follow_ups.sheet")),
                       file_name=fu.export_file_name("xlsx", today), icon=":material/table_view:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       on_click="ignore", key="fu_xlsx", disabled=shown.empty)


# -- the views -------------------------------------------------------------------------------------

if everything.empty:
    has_any = int(context.query("follow_ups/total").iat[0, 0]) > 0
    st.info(T("follow_ups.empty_filtered" if has_any else "follow_ups.empty_db"), icon=":material/search_off:")
elif shown.empty:
    st.info(T("follow_ups.empty_cues"), icon=":material/filter_alt_off:")
elif view == "table":
    st.caption(T("follow_ups.table.hint"))
    outcome = st.session_state.get("fu_table_outcome")
    if outcome is not None:
        if outcome.saved:
            st.success(T("follow_ups.table.saved", count=len(outcome.saved)), icon=":material/check_circle:")
        for follow_up_id, error in outcome.refused:
            st.error(T("follow_ups.table.invalid", id=follow_up_id, message=error.message(lang)),
                     icon=":material/block:")
        for conflict in outcome.conflicts:
            heading = T("follow_ups.conflict.row", id=conflict.follow_up_id, action=conflict.current["action"])
            st.markdown(f"**{fu.md_escape(heading)}**")
            show_conflict(conflict)
        st.button(T("follow_ups.edit.cancel"), on_click=lambda: st.session_state.pop("fu_table_outcome", None),
                  key="fu_outcome_close", icon=":material/close:")

    # The editor keeps showing the table it started from while edits are pending, so a save is
    # checked against the versions the user saw (someone else's save in between is refused).
    signature = (tuple(sorted((k, str(v)) for k, v in context.filters.params().items())),
                 tuple(chosen_cues or ()), lang, stale_days)
    counter = st.session_state.setdefault("fu_editor_n", 0)
    stored = st.session_state.get("fu_table_base")
    pending = (st.session_state.get(f"fu_editor_{counter}") or {}).get("edited_rows")
    if pending and stored is not None and stored["signature"] != signature:
        counter = st.session_state["fu_editor_n"] = counter + 1  # the view changed under the edits
        pending = None
    if pending and stored is not None:
        base = stored["table"]
    else:
        base = fu.table_frame(shown, lang, stale_days, limit=fu.TABLE_ROW_LIMIT)
        st.session_state["fu_table_base"] = {"signature": signature, "table": base}

    def restart_editor() -> None:
        st.session_state["fu_editor_n"] = st.session_state.get("fu_editor_n", 0) + 1
        st.session_state.pop("fu_table_base", None)

    if len(shown) > len(base):
        st.caption(T("follow_ups.table.limited", shown=f"{len(base):,}", total=f"{len(shown):,}"))
    column = st.column_config
    edited = st.data_editor(
        base, key=f"fu_editor_{counter}", num_rows="fixed", width="stretch", height=min(38 + 35 * len(base), 720),
        alt=T("follow_ups.table.alt"),
        disabled=["institutions", "cues", "updated"] if can_edit else True,
        column_config={
            "_index": column.NumberColumn(T("follow_ups.field.id"), width=60, format="%d"),
            "action": column.TextColumn(T("follow_ups.field.action"), width="large", required=True, max_chars=500),
            "stage": column.SelectboxColumn(T("follow_ups.field.stage"), options=list(fu.STAGES), required=True,
                                            format_func=lambda s: label("stage", s, lang), width=100),
            "owner": column.TextColumn(T("follow_ups.field.owner"), width=100, max_chars=100),
            "due_date": column.DateColumn(T("follow_ups.field.due_date"), width=120,
                                          format="YYYY. M. D." if lang == "ko" else "MMM D, YYYY"),
            "next_action": column.TextColumn(T("follow_ups.field.next_action"), width="medium", max_chars=300),
            "priority": column.SelectboxColumn(T("follow_ups.field.priority"), options=list(fu.PRIORITIES),
                                               required=True, format_func=lambda p: label("priority", p, lang),
                                               width=80),
            "institutions": column.TextColumn(T("follow_ups.field.institutions"), width="medium"),
            "cues": column.TextColumn(T("follow_ups.field.cues"), width="medium"),
            "updated": column.TextColumn(T("follow_ups.field.updated_at"), width="medium"),
            "version": None,
        },
    )
    changes = fu.table_changes(base, edited) if can_edit else {}
    save = False
    if can_edit:
        with st.container(horizontal=True):
            save = st.button(T("follow_ups.table.save", count=len(changes)), type="primary",
                             icon=":material/save:", disabled=not changes, key="fu_table_save")
            st.button(T("follow_ups.table.discard"), icon=":material/undo:", disabled=not changes,
                      on_click=restart_editor, key="fu_table_discard")
    if save:
        try:
            st.session_state["fu_table_outcome"] = fu.save_table_changes(context.database, base, changes,
                                                                         context.user)
        except access.PermissionDenied as denied:
            flash(T(denied.key), icon=":material/block:")
        restart_editor()
        st.rerun()
elif view == "analysis":
    reach = context.filtered("follow_ups/stage_reach")
    st.plotly_chart(fu.funnel_figure(reach, lang, context.scope), width="stretch", config={"displaylogo": False})
    st.caption(T("follow_ups.funnel.caption", on_hold=int((everything["stage"] == "on_hold").sum()),
                 dropped=int((everything["stage"] == "dropped").sum())))
    by_institution = context.filtered("follow_ups/by_institution")
    by_city = context.filtered("follow_ups/by_city")
    if by_institution.empty:
        st.info(T("follow_ups.no_counterparts"), icon=":material/info:")
    else:
        left, right = st.columns(2)
        left.plotly_chart(fu.counts_figure(by_institution, "institution", lang, context.scope), width="stretch",
                          config={"displaylogo": False})
        right.plotly_chart(fu.counts_figure(by_city, "city", lang, context.scope), width="stretch",
                           config={"displaylogo": False})
        st.caption(T("follow_ups.counts_caption"))
else:
    st.html(fu.board_css())
    columns = fu.board(shown, lang)
    events = context.filtered("follow_ups/history")
    history = fu.history_lines(fu.events_for(events, [card.follow_up_id for c in columns for card in c.cards]), lang)
    cue_colors = {"overdue": "red", "due_soon": "orange", "no_next_action": "violet", "stale": "gray"}
    cue_icons = {"overdue": ":material/event_busy:", "due_soon": ":material/schedule:",
                 "no_next_action": ":material/help:", "stale": ":material/hourglass_empty:"}
    # Empty stages stay narrow; with few busy stages, each takes the room left and lays its cards
    # out side by side; with many, they keep a readable width and the board scrolls sideways.
    spacious = sum(1 for c in columns if c.cards) <= 3

    def draw_card(card: fu.Card) -> None:
        with st.container(border=True, key=f"fu_card_{card.follow_up_id}", gap="xsmall",
                          height="stretch" if spacious else "content"):
            st.markdown(f"**{fu.md_escape(card.action)}**")
            place = " · ".join(fu.md_escape(x) for x in (card.institution, card.city) if x)
            st.caption(f":material/apartment: {place}")
            st.caption(f":material/person: {fu.md_escape(card.owner)} · :material/event: {fu.md_escape(card.due)}")
            if card.next_action:
                st.caption(f":material/arrow_forward: {fu.md_escape(card.next_action)}")
            if card.priority == "high" or card.cues:
                with st.container(horizontal=True, gap="xsmall"):
                    if card.priority == "high":
                        st.badge(label("priority", "high", lang), color="red", icon=":material/priority_high:")
                    for cue in card.cues:
                        st.badge(fu.cue_label(cue, lang, stale_days), color=cue_colors[cue], icon=cue_icons[cue])
            lines = history.get(card.follow_up_id, [])
            with st.container(horizontal=True, gap="xsmall"):
                with st.popover(T("follow_ups.card.history", count=len(lines)), icon=":material/history:",
                                key=f"fu_hist_{card.follow_up_id}"):
                    show_history(lines)
                if can_edit:
                    st.button(T("follow_ups.card.edit"), icon=":material/edit:", key=f"fu_edit_{card.follow_up_id}",
                              on_click=open_editor, args=(card.follow_up_id, card.values))

    busy = sum(1 for c in columns if c.cards)
    if spacious:
        weight = max(2.0, 1.1 * (len(columns) - busy) / max(busy, 1))
        slots = st.columns([weight if c.cards else 1 for c in columns], gap="small")
        holders = [slot.container(key=f"fu_col_{c.stage}", gap="small") for slot, c in zip(slots, columns)]
    else:
        row = st.container(horizontal=True, wrap=False, gap="small", key="fu_board")
        holders = [row.container(key=f"fu_col_{c.stage}", gap="small", width=260 if c.cards else 112)
                   for c in columns]
    for holder, column in zip(holders, columns):
        with holder:
            st.markdown(f"**{fu.md_escape(column.label)}**  \n{T('follow_ups.board.count', count=f'{column.count:,}')}")
            if not column.cards:
                continue
            with (st.grid("auto", min_column_width=220, gap="small") if spacious else st.container(gap="small")):
                for card in column.cards:
                    draw_card(card)
            if column.hidden:
                st.caption(T("follow_ups.board.more", count=f"{column.hidden:,}"))

# The dialog last: it sees this run's data (and its history) and only one may open per run.
dialog = st.session_state.get("fu_dialog")
if dialog and dialog.get("mode") == "edit":
    dialog["context"] = fu.card_context(everything, dialog["id"], lang)
    edit_dialog(dialog)
elif dialog and dialog.get("mode") == "add":
    add_dialog()
