"""Where the project's files live, resolved from this package so the CWD does not matter."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
MIGRATIONS_DIR = QUERIES_DIR / "migrations"
DATA_DIR = ROOT / "data"
SEED_DIR = DATA_DIR / "seed"
DEFAULT_DB_PATH = DATA_DIR / "atlas.duckdb"


def db_path(override: str | os.PathLike | None = None) -> Path:
    """The database file: an explicit override, else $ATLAS_DB, else data/atlas.duckdb."""
    if override:
        return Path(override)
    env = os.environ.get("ATLAS_DB")
    return Path(env) if env else DEFAULT_DB_PATH
