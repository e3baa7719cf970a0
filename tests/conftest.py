"""Shared fixtures: every test gets its own database file; nothing is committed as .duckdb."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas import db as atlas_db

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def sign_in_off(tmp_path_factory, monkeypatch):
    """Sign-in is off in tests unless a test turns it on with its own file: a developer's own
    config/auth.yaml must neither change the tests nor be written by them."""
    monkeypatch.setenv("ATLAS_AUTH_FILE", str(tmp_path_factory.mktemp("auth") / "auth.yaml"))


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    """A fresh database path, also exported as ATLAS_DB for code that reads the default."""
    path = tmp_path / "atlas.duckdb"
    monkeypatch.setenv("ATLAS_DB", str(path))
    yield path
    atlas_db.close_all()


@pytest.fixture
def empty_db(db_path):
    """Migrated, countries loaded, no facts."""
    from atlas.seed import ensure_reference_data

    database = atlas_db.open_database(db_path)
    ensure_reference_data(database)
    yield database
    database.close()


@pytest.fixture
def seeded_db(db_path):
    """A new default database: migrated and filled with the embedded seed dataset."""
    return atlas_db.get_database(db_path)


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is not beside the project ({SHARED}); a user's fresh clone has none")
    return SHARED
