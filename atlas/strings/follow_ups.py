"""Strings of the follow-up pipeline page (issue #6; see atlas/strings/__init__.py)."""

STRINGS: dict[str, dict[str, str]] = {
    "follow_ups.title": {"ko": "후속조치 관리", "en": "Follow-up pipeline"},
    # headline counts
    "follow_ups.metric.total": {"ko": "전체", "en": "All"},
    "follow_ups.metric.open": {"ko": "진행 중", "en": "Open"},
    "follow_ups.metric.overdue": {"ko": "기한 경과", "en": "Overdue"},
    "follow_ups.metric.due_soon": {"ko": "7일 내 마감", "en": "Due within 7 days"},
    "follow_ups.metric.no_next_action": {"ko": "다음 조치 없음", "en": "No next action"},
    "follow_ups.metric.stale": {"ko": "{days}일 이상 미갱신", "en": "No update for {days}+ days"},
    # staleness cues (badges on cards, the table's "attention" column, the filter pills)
    "follow_ups.cue.overdue": {"ko": "기한 경과", "en": "Overdue"},
    "follow_ups.cue.due_soon": {"ko": "7일 내 마감", "en": "Due within 7 days"},
    "follow_ups.cue.no_next_action": {"ko": "다음 조치 없음", "en": "No next action"},
    "follow_ups.cue.stale": {"ko": "{days}일 이상 미갱신", "en": "No update for {days}+ days"},
    # controls
    "follow_ups.view": {"ko": "보기", "en": "View"},
    "follow_ups.view.board": {"ko": "단계별 보드", "en": "Board"},
    "follow_ups.view.table": {"ko": "표로 편집", "en": "Table"},
    "follow_ups.view.analysis": {"ko": "통계", "en": "Statistics"},
    "follow_ups.only": {"ko": "주의 항목만 보기", "en": "Show only"},
    "follow_ups.stale_days": {"ko": "미갱신 기준(일)", "en": "Stale after (days)"},
    "follow_ups.stale_days_help": {
        "ko": "이 기간 동안 아무도 고치지 않은 후속조치에 '미갱신' 표시를 합니다. 모든 사용자에게 같이 적용됩니다.",
        "en": "Follow-ups nobody changed for this many days are marked as stale. The setting is shared by everyone.",
    },
    "follow_ups.add": {"ko": "후속조치 추가", "en": "Add follow-up"},
    "follow_ups.export_csv": {"ko": "CSV 내려받기", "en": "Download CSV"},
    "follow_ups.export_xlsx": {"ko": "엑셀 내려받기", "en": "Download Excel"},
    "follow_ups.sheet": {"ko": "후속조치", "en": "Follow-ups"},
    "follow_ups.showing": {
        "ko": "{shown}건 표시 · 전체 {total}건",
        "en": "Showing {shown} of {total}",
    },
    # empty states
    "follow_ups.empty_filtered": {
        "ko": "이 필터에 맞는 후속조치가 없습니다. 필터를 바꾸거나 초기화해 보세요.",
        "en": "No follow-ups match these filters. Change or clear the filters.",
    },
    "follow_ups.empty_db": {
        "ko": "아직 후속조치가 없습니다. 결과보고서를 가져오거나 '후속조치 추가'로 직접 입력하세요.",
        "en": "No follow-ups yet. Import a trip report or use 'Add follow-up'.",
    },
    "follow_ups.empty_cues": {
        "ko": "고른 주의 항목에 해당하는 후속조치가 없습니다.",
        "en": "No follow-up has the chosen warnings.",
    },
    # board
    "follow_ups.board.count": {"ko": "{count}건", "en": "{count}"},
    "follow_ups.board.more": {
        "ko": "외 {count}건은 '표로 편집'에서 볼 수 있습니다.",
        "en": "{count} more in the table view.",
    },
    "follow_ups.card.owner_none": {"ko": "담당자 미정", "en": "No owner"},
    "follow_ups.card.due_none": {"ko": "기한 없음", "en": "No due date"},
    "follow_ups.card.institution_none": {"ko": "상대 기관 미지정", "en": "No counterpart"},
    "follow_ups.card.more_institutions": {"ko": "외 {count}곳", "en": "+{count} more"},
    "follow_ups.card.next": {"ko": "다음 조치", "en": "Next"},
    "follow_ups.card.history": {"ko": "이력 {count}", "en": "History ({count})"},
    "follow_ups.card.edit": {"ko": "수정", "en": "Edit"},
    # fields (table headers, history, export)
    "follow_ups.field.id": {"ko": "번호", "en": "No."},
    "follow_ups.field.action": {"ko": "조치 내용", "en": "Action"},
    "follow_ups.field.stage": {"ko": "단계", "en": "Stage"},
    "follow_ups.field.owner": {"ko": "담당자", "en": "Owner"},
    "follow_ups.field.due_date": {"ko": "기한", "en": "Due date"},
    "follow_ups.field.next_action": {"ko": "다음 조치", "en": "Next action"},
    "follow_ups.field.priority": {"ko": "우선순위", "en": "Priority"},
    "follow_ups.field.institutions": {"ko": "상대 기관", "en": "Counterparts"},
    "follow_ups.field.city": {"ko": "도시", "en": "City"},
    "follow_ups.field.trip": {"ko": "출장", "en": "Trip"},
    "follow_ups.field.meeting": {"ko": "면담", "en": "Meeting"},
    "follow_ups.field.cues": {"ko": "주의", "en": "Attention"},
    "follow_ups.field.updated_at": {"ko": "최근 변경", "en": "Last change"},
    "follow_ups.field.updated_by": {"ko": "변경자", "en": "Changed by"},
    "follow_ups.field.source": {"ko": "출처", "en": "Source"},
    "follow_ups.field.version": {"ko": "버전", "en": "Version"},
    "follow_ups.field.created": {"ko": "등록", "en": "Created"},
    "follow_ups.source.line": {"ko": "{file} {line}행", "en": "{file}, line {line}"},
    "follow_ups.source.lines": {"ko": "{file} {start}–{end}행", "en": "{file}, lines {start}–{end}"},
    "follow_ups.source.hand": {"ko": "직접 입력({user})", "en": "Entered by {user}"},
    # history
    "follow_ups.history.empty": {"ko": "기록된 변경이 없습니다.", "en": "No changes recorded."},
    "follow_ups.history.blank": {"ko": "(없음)", "en": "(none)"},
    "follow_ups.history.created": {"ko": "등록 — {stage}", "en": "Created — {stage}"},
    # editing
    "follow_ups.edit.title": {"ko": "후속조치 수정", "en": "Edit follow-up"},
    "follow_ups.edit.save": {"ko": "저장", "en": "Save"},
    "follow_ups.edit.cancel": {"ko": "닫기", "en": "Close"},
    "follow_ups.edit.saved": {"ko": "저장했습니다.", "en": "Saved."},
    "follow_ups.edit.unchanged": {"ko": "바뀐 내용이 없습니다.", "en": "Nothing was changed."},
    "follow_ups.edit.stage_help": {
        "ko": "앞 단계로는 어디로든, 뒤로는 한 단계씩 옮길 수 있습니다. 보류·중단은 어느 단계에서나 가능합니다.",
        "en": "Move forward to any later stage, or back one stage at a time. On hold and dropped are "
              "reachable from any stage.",
    },
    "follow_ups.edit.based_on": {
        "ko": "버전 {version} 기준으로 고치는 중 · 최근 변경 {when} {user}",
        "en": "Editing version {version} · last changed {when} by {user}",
    },
    "follow_ups.edit.gone": {
        "ko": "이 후속조치는 더 이상 없습니다. 다른 사용자가 문서를 다시 가져오면서 지웠을 수 있습니다.",
        "en": "This follow-up no longer exists; someone may have re-imported its document.",
    },
    "follow_ups.transition.invalid": {
        "ko": "'{old}'에서 '{new}'(으)로 바로 옮길 수 없습니다. 뒤로는 한 단계씩만 옮길 수 있습니다.",
        "en": "Cannot move from '{old}' to '{new}' directly: moving back goes one stage at a time.",
    },
    "follow_ups.conflict.title": {
        "ko": "다른 사용자가 먼저 저장했습니다 — 입력하신 내용은 저장되지 않았습니다",
        "en": "Someone else saved this first — your changes were not saved",
    },
    "follow_ups.conflict.body": {
        "ko": "{user}님이 {when}에 이 후속조치를 바꿨습니다(현재 버전 {version}, 고치기 시작한 버전 {expected}). "
              "아래 현재 값을 확인한 뒤 다시 고쳐 저장하세요.",
        "en": "{user} changed this follow-up on {when} (now version {version}; you started from version "
              "{expected}). Check the current values below, then make your change again.",
    },
    "follow_ups.conflict.row": {"ko": "후속조치 {id}번: {action}", "en": "Follow-up {id}: {action}"},
    "follow_ups.conflict.field": {"ko": "항목", "en": "Field"},
    "follow_ups.conflict.current": {"ko": "현재 저장된 값", "en": "Current value"},
    "follow_ups.conflict.yours": {"ko": "입력하신 값", "en": "Your value"},
    "follow_ups.conflict.reload": {"ko": "현재 값으로 다시 고치기", "en": "Edit the current values"},
    # adding by hand
    "follow_ups.new.title": {"ko": "후속조치 추가", "en": "Add a follow-up"},
    "follow_ups.new.choose": {"ko": "기관을 고르세요", "en": "Choose institutions"},
    "follow_ups.new.none": {"ko": "선택 안 함", "en": "None"},
    "follow_ups.new.trip": {"ko": "출장", "en": "Trip"},
    "follow_ups.new.meeting": {"ko": "면담", "en": "Meeting"},
    "follow_ups.new.institutions": {"ko": "상대 기관", "en": "Counterpart institutions"},
    "follow_ups.new.link_hint": {
        "ko": "출장, 면담, 상대 기관 중 하나 이상을 연결하세요. 면담을 고르면 그 출장과 기관이 함께 연결됩니다.",
        "en": "Link a trip, a meeting or an institution (at least one). A meeting brings its trip and institution.",
    },
    "follow_ups.new.action_required": {"ko": "조치 내용을 입력하세요.", "en": "Enter the action."},
    "follow_ups.new.link_required": {
        "ko": "출장, 면담, 상대 기관 중 하나 이상을 연결하세요.",
        "en": "Link at least one trip, meeting or institution.",
    },
    "follow_ups.new.meeting_missing": {"ko": "고른 면담을 찾을 수 없습니다.", "en": "The chosen meeting no longer exists."},
    "follow_ups.new.meeting_mismatch": {
        "ko": "고른 면담은 고른 출장의 면담이 아닙니다.",
        "en": "The chosen meeting belongs to another trip.",
    },
    "follow_ups.invalid_value": {"ko": "'{field}' 값이 올바르지 않습니다: {value}", "en": "Invalid {field}: {value}"},
    "follow_ups.new.saved": {"ko": "후속조치 {id}번을 추가했습니다.", "en": "Follow-up {id} added."},
    # table
    "follow_ups.table.hint": {
        "ko": "칸을 고친 뒤 '변경 저장'을 눌러야 반영됩니다. 그사이 다른 사용자가 같은 후속조치를 저장했다면 덮어쓰지 않고 알려 드립니다.",
        "en": "Edit cells, then press 'Save changes'. If someone else saved the same follow-up meanwhile, "
              "nothing is overwritten and you are told.",
    },
    "follow_ups.table.limited": {
        "ko": "가장 급한 {shown}건만 표에 보입니다(전체 {total}건). 필터나 주의 항목으로 좁히거나, 전체는 내려받아 보세요.",
        "en": "The table shows the {shown} most urgent of {total}. Narrow the view with the filters or "
              "warnings, or download all of them.",
    },
    "follow_ups.table.save": {"ko": "변경 저장 ({count}건)", "en": "Save changes ({count})"},
    "follow_ups.table.discard": {"ko": "변경 취소", "en": "Discard changes"},
    "follow_ups.table.saved": {"ko": "{count}건을 저장했습니다.", "en": "Saved {count} follow-up(s)."},
    "follow_ups.table.invalid": {
        "ko": "후속조치 {id}번: {message}",
        "en": "Follow-up {id}: {message}",
    },
    "follow_ups.table.action_blank": {"ko": "조치 내용은 비울 수 없습니다.", "en": "The action cannot be blank."},
    "follow_ups.table.alt": {"ko": "후속조치 편집 표", "en": "Editable follow-up table"},
    # statistics
    "follow_ups.funnel.title": {"ko": "단계별 도달 건수", "en": "Follow-ups that reached each stage"},
    "follow_ups.funnel.caption": {
        "ko": "각 단계에 한 번이라도 도달한 후속조치 수입니다(변경 이력 기준). 지금 보류 {on_hold}건 · 중단 {dropped}건.",
        "en": "How many follow-ups ever reached each stage (from their history). Now on hold: {on_hold} · "
              "dropped: {dropped}.",
    },
    "follow_ups.by_institution": {"ko": "기관별 후속조치", "en": "Follow-ups by institution"},
    "follow_ups.by_city": {"ko": "도시별 후속조치", "en": "Follow-ups by city"},
    "follow_ups.counts_caption": {
        "ko": "여러 기관·도시에 걸친 후속조치는 각각에 한 번씩 셉니다.",
        "en": "A follow-up naming several institutions or cities counts once for each.",
    },
    "follow_ups.city_unknown": {"ko": "도시 미상", "en": "City unknown"},
    "follow_ups.axis.count": {"ko": "건수", "en": "Follow-ups"},
    "follow_ups.no_counterparts": {
        "ko": "상대 기관이 연결된 후속조치가 없습니다.",
        "en": "No follow-up names a counterpart institution.",
    },
}

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "priority": {
        "high": {"ko": "높음", "en": "High"},
        "normal": {"ko": "보통", "en": "Normal"},
        "low": {"ko": "낮음", "en": "Low"},
    },
}
