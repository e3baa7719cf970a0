"""Roles, the credentials file, and every write refused on the server side for a user who may
not make it (issue #9)."""

from __future__ import annotations

import io
import stat

import bcrypt
import pytest

from atlas import access
from atlas import follow_ups as fu
from atlas.access import PermissionDenied, User
from atlas.cli import main as cli
from atlas.filters import Filters
from atlas.paths import ROOT
from atlas.programs import save_exchange_rates

VIEWER = User("viewer1", "열람자", "viewer")
PRESENTER = User("presenter1", "발표자", "presenter")
EDITOR = User("editor1", "편집자", "editor")
ADMIN = User("admin1", "관리자", "admin")


def test_each_role_may_do_what_the_issue_says():
    assert [r for r in access.ROLES if User("u", "u", r).can("manage_users")] == ["admin"]
    assert [r for r in access.ROLES if User("u", "u", r).can("import")] == ["admin", "editor"]
    assert [r for r in access.ROLES if User("u", "u", r).can("edit")] == ["admin", "editor"]
    assert [r for r in access.ROLES if not User("u", "u", r).can("see_names")] == ["presenter"]
    assert not PRESENTER.can("see_work_pages") and VIEWER.can("see_work_pages")


def test_without_a_credentials_file_the_local_user_is_an_unlimited_admin(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_AUTH_FILE", str(tmp_path / "none.yaml"))
    monkeypatch.setenv("ATLAS_USER", "kim")
    assert not access.sign_in_enabled()
    user = access.local_user()
    assert user == User("kim", "kim", "admin", None) and not user.read_limits.active


def test_the_first_user_makes_a_private_file_with_a_bcrypt_hash_and_a_secret(tmp_path):
    path = tmp_path / "auth.yaml"
    access.save_user("admin", password="correct horse battery", role="admin", name="관리자", path=path)
    config = access.read_config(path)
    entry = config["credentials"]["usernames"]["admin"]
    assert bcrypt.checkpw(b"correct horse battery", entry["password"].encode())
    assert "correct horse battery" not in path.read_text(encoding="utf-8")
    assert len(config["cookie"]["key"]) == 64 and entry["roles"] == ["admin"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    second = tmp_path / "other.yaml"
    access.save_user("admin", password="correct horse battery", role="admin", path=second)
    assert access.read_config(second)["cookie"]["key"] != config["cookie"]["key"]


def test_bad_users_are_refused_and_the_last_admin_stays(tmp_path):
    path = tmp_path / "auth.yaml"
    with pytest.raises(ValueError, match="at least 10"):
        access.save_user("a", password="short", role="admin", path=path)
    with pytest.raises(ValueError, match="role"):
        access.save_user("a", password="long enough pass", role="boss", path=path)
    with pytest.raises(ValueError):
        access.save_user("<script>", password="long enough pass", role="viewer", path=path)
    assert not path.exists()
    access.save_user("admin", password="long enough pass", role="admin", path=path)
    access.save_user("kim", password="long enough pass", role="editor", organizations=["DISTEP"], path=path)
    access.save_user("kim", password=None, role="viewer", path=path)  # a role change keeps the password
    entry = access.read_config(path)["credentials"]["usernames"]["kim"]
    assert entry["roles"] == ["viewer"] and "organizations" not in entry and entry["password"].startswith("$2")
    with pytest.raises(ValueError, match="last admin"):
        access.remove_user("admin", path)
    access.remove_user("kim", path)
    assert list(access.read_config(path)["credentials"]["usernames"]) == ["admin"]


def test_a_file_with_a_plain_password_or_no_secret_is_refused(tmp_path):
    path = tmp_path / "auth.yaml"
    path.write_text("cookie: {key: short}\ncredentials: {usernames: {a: {password: secret, roles: [admin]}}}\n")
    with pytest.raises(access.AuthConfigError, match="bcrypt"):
        access.read_config(path)


def test_organization_names_in_the_file_limit_the_user(seeded_db):
    ids = _organization_ids(seeded_db)
    distep = ids["DISTEP"]
    assert ids["대전과학산업진흥원"] == distep
    user = access.user_from_entry("kim", {"roles": ["editor"], "organizations": ["DISTEP"], "first_name": "김"}, ids)
    assert user.organizations == (distep,) and user.name == "김" and user.role == "editor"
    nobody = access.user_from_entry("lee", {"roles": ["viewer"], "organizations": ["없는 기관"]}, ids)
    assert nobody.organizations == ()  # a name that matches nothing limits to nothing, not to everything
    everyone = access.user_from_entry("park", {"roles": ["viewer"]}, ids)
    assert everyone.organizations is None


def test_only_an_admin_manages_users(tmp_path):
    path = tmp_path / "auth.yaml"
    with pytest.raises(PermissionDenied):
        access.save_user_as(EDITOR, "x", password="long enough pass", role="viewer", path=path)
    assert not path.exists()
    access.save_user_as(ADMIN, "x", password="long enough pass", role="viewer", path=path)
    with pytest.raises(PermissionDenied):
        access.remove_user_as(VIEWER, "x", path=path)


def test_the_command_line_creates_the_first_admin(tmp_path, monkeypatch, capsys):
    path = tmp_path / "auth.yaml"
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    assert cli(["users", "add", "admin", "--role", "admin", "--name", "관리자", "--password-stdin",
                "--file", str(path)]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("another long password\n"))
    assert cli(["users", "add", "kim", "--role", "editor", "--organization", "DISTEP", "--password-stdin",
                "--file", str(path)]) == 0
    capsys.readouterr()
    assert cli(["users", "list", "--file", str(path)]) == 0
    listing = capsys.readouterr().out
    assert "admin\tadmin\tall organizations" in listing and "kim\teditor\tDISTEP" in listing
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli(["users", "add", "lee", "--password-stdin", "--file", str(path)]) == 1


def test_the_example_file_is_committed_and_the_real_one_is_ignored():
    assert (ROOT / "config" / "auth.example.yaml").is_file()
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "config/auth.yaml" in ignored


def _organization_ids(database) -> dict:
    names = database.query("access/organization_names")  # one run: rows of a DISTINCT come in any order
    return dict(zip(names["name"], names["organization_id"]))


# -- writes are checked where they happen, whatever a page showed ---------------------------------

def _first_follow_up(db, organization_short_name: str):
    row = db.sql("select f.follow_up_id, f.version, f.next_action from follow_ups f join trips t using (trip_id) "
                 "join organizations o using (organization_id) where o.short_name = ? order by 1 limit 1",
                 [organization_short_name])
    return int(row.iat[0, 0]), int(row.iat[0, 1]), row.iat[0, 2]


def test_a_viewers_save_is_refused_and_changes_nothing(seeded_db):
    follow_up_id, version, before = _first_follow_up(seeded_db, "DISTEP")
    events = len(seeded_db.sql("select * from follow_up_events"))
    with pytest.raises(PermissionDenied):
        fu.update_follow_up(seeded_db, follow_up_id, version, {"next_action": "viewer was here"}, VIEWER)
    with pytest.raises(PermissionDenied):
        fu.save_table_changes(seeded_db, None, {follow_up_id: {"next_action": "x"}}, PRESENTER)
    with pytest.raises(PermissionDenied):
        fu.add_follow_up(seeded_db, action="new", user=VIEWER, trip_id=2)
    with pytest.raises(PermissionDenied):
        fu.save_stale_days(seeded_db, 3, VIEWER)
    with pytest.raises(PermissionDenied):
        save_exchange_rates(seeded_db, {"USD": 1.0}, VIEWER)
    after = seeded_db.sql("select version, next_action from follow_ups where follow_up_id = ?", [follow_up_id])
    assert int(after.iat[0, 0]) == version and after.iat[0, 1] == before
    assert len(seeded_db.sql("select * from follow_up_events")) == events
    assert seeded_db.sql("select * from app_settings where key in ('fx.USD', 'follow_ups.stale_days')").empty


def test_an_editor_saves_and_is_recorded_by_name(seeded_db):
    follow_up_id, version, _ = _first_follow_up(seeded_db, "DISTEP")
    fu.update_follow_up(seeded_db, follow_up_id, version, {"next_action": "편집자가 확인"}, EDITOR)
    event = seeded_db.sql("select by_user from follow_up_events where follow_up_id = ? and field = 'next_action'",
                          [follow_up_id])
    assert list(event["by_user"]) == ["editor1"]


def test_a_limited_editor_changes_only_their_organizations_follow_ups(seeded_db):
    ids = _organization_ids(seeded_db)
    seoul_trip = int(seeded_db.sql("select trip_id from trips t join organizations o using (organization_id) "
                                   "where o.name_ko = '서울특별시'").iat[0, 0])
    seoul_follow_up = fu.add_follow_up(seeded_db, action="서울 후속", user=ADMIN, trip_id=seoul_trip)
    limited = User("kim", "김", "editor", (int(ids["DISTEP"]),))
    with pytest.raises(PermissionDenied) as refused:
        fu.update_follow_up(seeded_db, seoul_follow_up, 1, {"next_action": "x"}, limited)
    assert refused.value.key == "access.denied_organization"
    with pytest.raises(PermissionDenied):
        fu.add_follow_up(seeded_db, action="서울에 추가", user=limited, trip_id=seoul_trip)
    with pytest.raises(PermissionDenied):  # no trip: it would belong to no organization of theirs
        fu.add_follow_up(seeded_db, action="어디에도", user=limited, institution_ids=[1])
    own, version, _ = _first_follow_up(seeded_db, "DISTEP")
    fu.update_follow_up(seeded_db, own, version, {"priority": "high"}, limited)
    assert seeded_db.sql("select priority from follow_ups where follow_up_id = ?", [own]).iat[0, 0] == "high"
    counts = seeded_db.query("overview/counts", Filters().params(), limited.read_limits).iloc[0]
    assert int(counts["trips"]) == 1


def test_imports_are_refused_for_viewers_and_outside_an_editors_organizations(seeded_db, shared_dir):
    from atlas.importer import prepare_path, store

    seed = next(p for p in (shared_dir / "seeds").iterdir() if p.suffix in (".txt", ".md") and "000" in p.name)
    prepared = prepare_path(seed)
    documents = len(seeded_db.sql("select * from documents"))
    with pytest.raises(PermissionDenied):
        store(seeded_db, prepared.doc, prepared.extraction, VIEWER)
    ids = _organization_ids(seeded_db)
    limited = User("kim", "김", "editor", (int(ids["DISTEP"]),))
    changed = prepared.doc.__class__(**{**prepared.doc.__dict__, "sha256": "0" * 64})  # not already stored
    with pytest.raises(PermissionDenied) as refused:  # the news article is about Seoul's mayor
        store(seeded_db, changed, prepared.extraction, limited)
    assert refused.value.key == "access.denied_organization"
    assert len(seeded_db.sql("select * from documents")) == documents
