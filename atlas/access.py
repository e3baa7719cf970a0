"""Who may do what (issue #9): users, roles, organization limits, and the sign-in file.

Sign-in is off until a credentials file exists (config/auth.yaml, or $ATLAS_AUTH_FILE): a
local, single-user run needs none and its user may do everything. The file is made and kept by
`python -m atlas users …` (passwords hashed with bcrypt, as streamlit-authenticator expects)
and read by the sign-in form in atlas/ui/frame.py. It is never committed (.gitignore);
config/auth.example.yaml shows its shape.

Every write function checks the acting user here (`require`), whatever the page showed: a
control hidden from a viewer is a courtesy, the refusal is the rule.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from atlas.db import ReadLimits
from atlas.paths import ROOT

ROLES = ("admin", "editor", "viewer", "presenter")

# What each role may do. Reading is everyone's; these are the actions beyond it.
ACTIONS = {
    "import": {"admin", "editor"},              # import documents
    "edit": {"admin", "editor"},                # edit facts, follow-ups, settings such as exchange rates
    "manage_users": {"admin"},
    "see_names": {"admin", "editor", "viewer"},  # presenters see no people's names
    "see_work_pages": {"admin", "editor", "viewer"},  # the follow-up pipeline (a working page)
}

DEFAULT_AUTH_FILE = ROOT / "config" / "auth.yaml"
COOKIE_NAME = "engagement_atlas_auth"
MIN_PASSWORD_LENGTH = 10


class PermissionDenied(PermissionError):
    """The acting user may not do this. `key` is the translation key of the message."""

    def __init__(self, action: str, user: "User", key: str = "access.denied"):
        super().__init__(f"{user.username} ({user.role}) may not {action}")
        self.action, self.user, self.key = action, user, key


class AuthConfigError(ValueError):
    """The credentials file is malformed; the message says where."""


@dataclass(frozen=True)
class User:
    username: str
    name: str
    role: str
    organizations: tuple[int, ...] | None = None  # None: every organization

    def can(self, action: str) -> bool:
        return self.role in ACTIONS[action]

    @property
    def limited(self) -> bool:
        return self.organizations is not None

    @property
    def read_limits(self) -> ReadLimits:
        """What every query run for this user is limited to (applied in atlas/db.py)."""
        return ReadLimits(organizations=self.organizations, hide_names=not self.can("see_names"))

    def may_see_organization(self, organization_id: int | None) -> bool:
        return self.organizations is None or (organization_id is not None and int(organization_id) in self.organizations)


def local_user(username: str | None = None) -> User:
    """The user of a run without sign-in: $ATLAS_USER or the operating-system account, admin."""
    import getpass

    name = username or os.environ.get("ATLAS_USER") or getpass.getuser()
    return User(username=name, name=name, role="admin")


def acting(user: "User | str") -> User:
    """The user a write is checked against. A bare name (command line, scripts run by whoever
    owns the database file) acts as that local user."""
    return user if isinstance(user, User) else local_user(user)


def require(user: "User | str", action: str) -> User:
    """The acting user, if they may do `action`; PermissionDenied otherwise."""
    actor = acting(user)
    if not actor.can(action):
        raise PermissionDenied(action, actor)
    return actor


def require_organization(user: "User | str", organization_id: int | None) -> None:
    """Refuse a write that touches an organization outside the user's limit."""
    actor = acting(user)
    if not actor.may_see_organization(organization_id):
        raise PermissionDenied("write outside their organizations", actor, key="access.denied_organization")


# -- the credentials file ----------------------------------------------------------------------

def auth_file() -> Path:
    return Path(os.environ.get("ATLAS_AUTH_FILE") or DEFAULT_AUTH_FILE)


def sign_in_enabled(path: Path | None = None) -> bool:
    return (path or auth_file()).is_file()


def read_config(path: Path | None = None) -> dict:
    """The credentials file, checked: every user has a bcrypt hash and a known role."""
    path = path or auth_file()
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise AuthConfigError(f"{path}: not valid YAML ({error})") from error
    users = (config.get("credentials") or {}).get("usernames") or {}
    if not isinstance(users, dict):
        raise AuthConfigError(f"{path}: credentials.usernames must be a mapping")
    for username, entry in users.items():
        if not isinstance(entry, dict) or not str(entry.get("password", "")).startswith("$2"):
            raise AuthConfigError(f"{path}: user {username!r} needs a bcrypt password hash "
                                  "(use `python -m atlas users add`)")
        role = user_role(entry)
        if role not in ROLES:
            raise AuthConfigError(f"{path}: user {username!r} has an unknown role {role!r} (one of {', '.join(ROLES)})")
    cookie = config.get("cookie") or {}
    if len(str(cookie.get("key", ""))) < 32:
        raise AuthConfigError(f"{path}: cookie.key must be a random secret of at least 32 characters")
    return config


def user_role(entry: Mapping[str, Any]) -> str:
    roles = entry.get("roles") or []
    return str(roles[0]) if roles else ""


def user_from_entry(username: str, entry: Mapping[str, Any], organization_ids: Mapping[str, int]) -> User:
    """A signed-in user from their credentials entry. Organizations are named in the file (by
    Korean name, English name or short name); a name that matches no organization limits the
    user to nothing rather than to everything."""
    names = entry.get("organizations")
    organizations = None
    if names:
        organizations = tuple(sorted({organization_ids[n] for n in names if n in organization_ids}))
    display = " ".join(p for p in (entry.get("first_name"), entry.get("last_name")) if p) or username
    return User(username=username, name=display, role=user_role(entry), organizations=organizations)


def hash_password(password: str) -> str:
    """A bcrypt hash, the form streamlit-authenticator checks at sign-in."""
    import bcrypt

    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def save_user(username: str, *, password: str | None, role: str, name: str = "", email: str = "",
              organizations: Iterable[str] = (), path: Path | None = None) -> Path:
    """Add a user or change one (a None password keeps theirs). Makes the file, with a fresh
    random cookie secret, when it does not exist yet: this is how the first admin is created."""
    path = path or auth_file()
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if not username or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise ValueError("a user name is letters, digits, '.', '_' or '-'")
    config = read_config(path) if path.is_file() else {
        "cookie": {"name": COOKIE_NAME, "key": secrets.token_hex(32), "expiry_days": 1},
        "credentials": {"usernames": {}},
    }
    users = config["credentials"].setdefault("usernames", {}) or {}
    config["credentials"]["usernames"] = users
    entry = dict(users.get(username) or {})
    if password is None and "password" not in entry:
        raise ValueError("a new user needs a password")
    if password is not None:
        if len(password) < MIN_PASSWORD_LENGTH:
            raise ValueError(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
        entry["password"] = hash_password(password)
    entry["first_name"] = name or entry.get("first_name") or username
    entry.setdefault("last_name", "")
    entry["email"] = email or entry.get("email") or f"{username}@localhost"
    entry["roles"] = [role]
    organizations = [o for o in organizations if o]
    if organizations:
        entry["organizations"] = organizations
    else:
        entry.pop("organizations", None)
    users[username] = entry
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.chmod(temporary, 0o600)  # hashes and the cookie secret: for the server's account only
    temporary.replace(path)
    return path


def remove_user(username: str, path: Path | None = None) -> None:
    path = path or auth_file()
    config = read_config(path)
    users = config["credentials"]["usernames"]
    if username not in users:
        raise ValueError(f"no user {username!r}")
    admins = [u for u, e in users.items() if user_role(e) == "admin" and u != username]
    if user_role(users[username]) == "admin" and not admins:
        raise ValueError("the last admin cannot be removed")
    del users[username]
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def save_user_as(actor: "User | str", username: str, **values: Any) -> Path:
    """`save_user`, done by `actor`: only an admin may."""
    require(actor, "manage_users")
    return save_user(username, **values)


def remove_user_as(actor: "User | str", username: str, path: Path | None = None) -> None:
    require(actor, "manage_users")
    remove_user(username, path)
