"""Sign-in and roles in the running app (issue #9): an unknown visitor sees only the sign-in
form; each role gets its pages and controls; a limited user's pages show only their
organization's trips; a presenter's pages show no people's names."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from atlas import access
from atlas.paths import ROOT
from atlas.ui.frame import PAGES, allowed_pages

TIMEOUT = 60
PASSWORD = "a long enough password"
USERS = {"boss": "admin", "kim": "editor", "lee": "viewer", "park": "presenter"}


@pytest.fixture
def auth_file(seeded_db, tmp_path, monkeypatch):
    path = tmp_path / "auth.yaml"
    for username, role in USERS.items():
        access.save_user(username, password=PASSWORD, role=role, name=username.title(), path=path)
    access.save_user("daejeon", password=PASSWORD, role="editor", organizations=["DISTEP"], path=path)
    monkeypatch.setenv("ATLAS_AUTH_FILE", str(path))
    st.cache_data.clear()
    return path


def _signed_in(username: str, password: str = PASSWORD) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    inputs = {field.label: field for field in at.text_input}
    inputs["아이디"].input(username)
    inputs["비밀번호"].input(password)
    at.button[0].click().run()
    if at.success:  # signed in; in a browser the cookie component's answer starts the next run
        assert "로그인했습니다" in at.success[0].value
        at.run()
    return at


def _all_text(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "metric")
             for e in getattr(at, kind) if isinstance(getattr(e, "value", None), str)]
    parts += [m.label for m in at.metric]
    parts += [link.proto.label for link in at.get("page_link")]
    for frame in at.dataframe:
        parts.append(frame.value.astype(str).to_string())
    return "\n".join(parts)


def test_a_visitor_sees_the_sign_in_form_and_no_data(auth_file):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["국제교류 아틀라스 로그인"]
    assert not at.metric and not at.dataframe and not at.multiselect  # no trip data, no filter bar


def test_a_wrong_password_is_refused(auth_file):
    at = _signed_in("lee", "not the password")
    assert not at.exception
    assert any("맞지 않습니다" in e.value for e in at.error)
    assert not at.metric


def test_signing_in_opens_the_overview_and_names_the_user(auth_file):
    at = _signed_in("lee")
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == ["국제교류 개요"]
    assert any("Lee · 열람자" in c.value for c in at.sidebar.caption)
    assert at.metric[0].value == "2"  # both seed trips


@pytest.mark.parametrize("role, missing", [
    ("admin", set()),
    ("editor", {"pages/users.py"}),
    ("viewer", {"pages/users.py", "pages/import.py"}),
    ("presenter", {"pages/users.py", "pages/import.py", "pages/follow_ups.py"}),
])
def test_each_role_gets_its_pages(role, missing):
    have = {spec.file for spec in allowed_pages(access.User("u", "u", role))}
    assert {spec.file for spec in PAGES} - have == missing


def test_a_viewer_reads_follow_ups_without_edit_controls(auth_file):
    at = _signed_in("lee")
    at.switch_page("pages/follow_ups.py").run()
    assert not at.exception, [e.message for e in at.exception]
    labels = [b.label for b in at.button]
    assert "후속조치 추가" not in labels and not any(label == "수정" for label in labels)
    assert any("읽기 전용" in c.value for c in at.caption)
    assert at.number_input[0].disabled


def test_an_editor_has_the_edit_controls(auth_file):
    at = _signed_in("kim")
    at.switch_page("pages/follow_ups.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert "후속조치 추가" in [b.label for b in at.button]
    assert not at.number_input[0].disabled


def test_a_limited_user_sees_only_their_organizations_trips_on_every_page(auth_file, seeded_db):
    seoul_title = seeded_db.sql("select title from trips t join organizations o using (organization_id) "
                                "where o.name_ko = '서울특별시'").iat[0, 0].split(" (")[0]  # before markdown escapes
    at = _signed_in("daejeon")
    assert at.metric[0].value == "1"
    organizations = next(m for m in at.sidebar.multiselect if m.label == "기관")
    assert "대전과학산업진흥원" in organizations.options and "서울특별시" not in organizations.options
    for spec in allowed_pages(access.User("daejeon", "d", "editor", (1,))):
        if spec.hidden:
            continue
        at.switch_page(spec.file).run()
        assert not at.exception, (spec.file, [e.message for e in at.exception])
        assert seoul_title not in _all_text(at), spec.file
    unlimited = _signed_in("kim")
    unlimited.switch_page("pages/timeline.py").run()
    assert seoul_title in _all_text(unlimited)  # the check above can fail


def test_a_presenter_sees_no_names(auth_file):
    at = _signed_in("park")
    at.switch_page("pages/trip.py")
    at.query_params["trip"] = "2"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    text = _all_text(at)
    for name in ("이장우", "한치흠", "메간 짐머만"):
        assert name not in text
    at.switch_page("pages/map.py").run()
    assert not at.exception
    hide = next(t for t in at.toggle if t.label == "사람 이름 숨기기")
    assert hide.value is True and hide.disabled


def test_the_users_page_is_for_admins_and_saves_through_the_role_check(auth_file):
    at = _signed_in("boss")
    at.switch_page("pages/users.py").run()
    assert not at.exception, [e.message for e in at.exception]
    listed = at.dataframe[0].value
    assert set(listed.iloc[:, 0]) == set(USERS) | {"daejeon"}
    fields = {f.label: f for f in at.text_input}
    fields["아이디"].input("choi")
    fields["이름"].input("최발표")
    fields["비밀번호 (변경할 때만, 10자 이상)"].input("presenter password")
    at.selectbox[0].select("presenter")
    next(b for b in at.button if b.label == "저장").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert access.read_config(auth_file)["credentials"]["usernames"]["choi"]["roles"] == ["presenter"]
