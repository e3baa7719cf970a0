"""Strings of sign-in, roles and the users page (issue #9)."""

STRINGS: dict[str, dict[str, str]] = {
    "nav.users": {"ko": "사용자 관리", "en": "Users"},
    "access.title": {"ko": "국제교류 아틀라스 로그인", "en": "Sign in to Engagement Atlas"},
    "access.intro": {
        "ko": "출장 기록은 권한이 있는 직원만 볼 수 있습니다. 계정은 관리자에게 요청하세요.",
        "en": "Trip records are for authorised staff only. Ask an administrator for an account.",
    },
    "access.form": {"ko": "로그인", "en": "Sign in"},
    "access.username": {"ko": "아이디", "en": "User name"},
    "access.password": {"ko": "비밀번호", "en": "Password"},
    "access.sign_in": {"ko": "로그인", "en": "Sign in"},
    "access.welcome": {"ko": "로그인했습니다. 화면을 여는 중입니다…", "en": "Signed in. Opening the app…"},
    "access.continue": {"ko": "계속", "en": "Continue"},
    "access.sign_out": {"ko": "로그아웃", "en": "Sign out"},
    "access.wrong": {"ko": "아이디 또는 비밀번호가 맞지 않습니다.", "en": "The user name or password is not correct."},
    "access.failed": {"ko": "로그인하지 못했습니다. 다시 시도하세요.", "en": "Signing in did not work. Please try again."},
    "access.config_error": {
        "ko": "로그인 설정 파일을 읽을 수 없어 앱을 열지 않습니다: {error}",
        "en": "The sign-in file cannot be read, so the app stays closed: {error}",
    },
    "access.signed_in_as": {"ko": "{name} · {role}", "en": "{name} · {role}"},
    "access.limited": {"ko": "소속 기관의 출장만 보입니다.", "en": "You see your organizations' trips only."},
    "access.denied": {
        "ko": "이 작업을 할 권한이 없습니다. 아무것도 저장하지 않았습니다.",
        "en": "You are not allowed to do this. Nothing was saved.",
    },
    "access.denied_organization": {
        "ko": "다른 기관의 기록은 바꿀 수 없습니다. 아무것도 저장하지 않았습니다.",
        "en": "You cannot change another organization's records. Nothing was saved.",
    },
    "access.read_only": {
        "ko": "읽기 전용입니다. 수정은 편집 권한이 있는 사용자만 할 수 있습니다.",
        "en": "Read only. Only users with the editor role can make changes.",
    },
    # users page
    "users.title": {"ko": "사용자 관리", "en": "Users"},
    "users.off": {
        "ko": "로그인이 꺼져 있습니다. 이 컴퓨터의 사용자가 모든 권한을 가집니다. 첫 관리자를 만들면 로그인이 켜집니다.",
        "en": "Sign-in is off: the user of this computer may do everything. Creating the first admin turns sign-in on.",
    },
    "users.file": {"ko": "계정 파일: {path}", "en": "Accounts file: {path}"},
    "users.col.username": {"ko": "아이디", "en": "User name"},
    "users.col.name": {"ko": "이름", "en": "Name"},
    "users.col.role": {"ko": "권한", "en": "Role"},
    "users.col.organizations": {"ko": "볼 수 있는 기관", "en": "Organizations"},
    "users.all_organizations": {"ko": "전체", "en": "All"},
    "users.add": {"ko": "사용자 추가·변경", "en": "Add or change a user"},
    "users.password": {"ko": "비밀번호 (변경할 때만, 10자 이상)", "en": "Password (to set or change it; 10+ characters)"},
    "users.organizations": {"ko": "볼 수 있는 기관 (비우면 전체)", "en": "Organizations (empty: all)"},
    "users.save": {"ko": "저장", "en": "Save"},
    "users.saved": {"ko": "{username} 계정을 저장했습니다.", "en": "Saved the account {username}."},
    "users.remove": {"ko": "계정 삭제", "en": "Remove an account"},
    "users.remove_button": {"ko": "삭제", "en": "Remove"},
    "users.removed": {"ko": "{username} 계정을 삭제했습니다.", "en": "Removed the account {username}."},
    "users.error": {"ko": "저장하지 않았습니다: {error}", "en": "Not saved: {error}"},
    "users.roles_help": {
        "ko": "관리자: 사용자와 모든 기능 · 편집자: 문서 가져오기와 수정 · 열람자: 보기 · 발표자: 보기, 사람 이름 숨김",
        "en": "Admin: users and everything · Editor: import and edit · Viewer: read · Presenter: read, names hidden",
    },
}

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "role": {
        "admin": {"ko": "관리자", "en": "Admin"},
        "editor": {"ko": "편집자", "en": "Editor"},
        "viewer": {"ko": "열람자", "en": "Viewer"},
        "presenter": {"ko": "발표자", "en": "Presenter"},
    },
}
