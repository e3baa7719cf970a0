"""The one way into the database (`Database.query`) and the one way to write (`transaction`).

One DuckDB connection per database file per process (DuckDB allows a single read-write
process per file); every call takes its own cursor and reads its result fully, so callers
never share cursor state across threads (Streamlit runs sessions in threads).
"""

from __future__ import annotations

import hashlib
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import duckdb
import pandas as pd

from atlas import queries
from atlas.paths import MIGRATIONS_DIR, QUERIES_DIR, db_path

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


class DatabaseError(RuntimeError):
    """The database cannot be opened or migrated; the message says why in plain words."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


def migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The numbered migration files, in order (NNN_name.sql)."""
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = re.match(r"^(\d{3})_([a-z0-9_]+)\.sql$", path.name)
        if not match:
            raise DatabaseError(f"migration file name must look like 001_name.sql: {path.name}")
        found.append(Migration(int(match.group(1)), match.group(2), path.read_text(encoding="utf-8")))
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise DatabaseError(f"migrations must be numbered 1..N without gaps, found {versions}")
    return found


@dataclass(frozen=True)
class ReadLimits:
    """What a user's reads are limited to: some organizations (None: all), and no people's names."""

    organizations: tuple[int, ...] | None = None
    hide_names: bool = False

    @property
    def active(self) -> bool:
        return self.organizations is not None or self.hide_names


@lru_cache(maxsize=1)
def _limit_script() -> str:
    return (QUERIES_DIR / "scripts" / "user_limits.sql").read_text(encoding="utf-8")


class Writer:
    """Writes inside one open transaction. Table and column names are checked identifiers
    from our own code; every value is a bound parameter."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection):
        self._cursor = cursor

    def insert(self, table: str, row: Mapping[str, Any], returning: str | None = None) -> Any:
        columns = list(row)
        for name in [table, *columns, *([returning] if returning else [])]:
            if not _IDENTIFIER.match(name):
                raise ValueError(f"not a plain identifier: {name!r}")
        placeholders = ", ".join(f"${c}" for c in columns)
        sql = f"insert into {table} ({', '.join(columns)}) values ({placeholders})"
        if returning:
            sql += f" returning {returning}"
            return self._cursor.execute(sql, dict(row)).fetchone()[0]
        self._cursor.execute(sql, dict(row))
        return None

    def insert_frame(self, table: str, frame: pd.DataFrame) -> int:
        """Bulk insert: every row of `frame` into the same-named columns of `table`."""
        columns = list(frame.columns)
        for name in [table, *columns]:
            if not _IDENTIFIER.match(name):
                raise ValueError(f"not a plain identifier: {name!r}")
        if frame.empty:
            return 0
        self._cursor.register("_incoming_rows", frame)
        try:
            column_list = ", ".join(columns)
            self._cursor.execute(f"insert into {table} ({column_list}) select {column_list} from _incoming_rows")
        finally:
            self._cursor.unregister("_incoming_rows")
        return len(frame)

    def run(self, name: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame | None:
        """Run a named query inside the transaction; returns rows when it yields any."""
        query = queries.load(name)
        result = self._cursor.execute(query.sql, query.bind(dict(params or {})))
        if result.description is None:
            return None
        return result.df()

    def scalar(self, name: str, params: Mapping[str, Any] | None = None) -> Any:
        frame = self.run(name, params)
        return None if frame is None or frame.empty else frame.iat[0, 0]


class Database:
    """An open, migrated database file."""

    def __init__(self, path: Path, connection: duckdb.DuckDBPyConnection, created: bool):
        self.path = path
        self.created = created  # True when this process made the file
        self._connection = connection
        self._write_lock = threading.Lock()
        self.data_version = 0  # bumped by every committed transaction; keys the app's caches
        self._traces: list[list] = []
        catalog = connection.execute("select current_database()").fetchone()[0]
        self._catalog = '"' + catalog.replace('"', '""') + '"'

    # -- reading ---------------------------------------------------------------------------
    @contextmanager
    def trace(self) -> Iterator[list]:
        """Record the (name, params) of every named read query run inside the block (benchmarks)."""
        calls: list = []
        self._traces.append(calls)
        try:
            yield calls
        finally:
            self._traces.remove(calls)

    def query(self, name: str, params: Mapping[str, Any] | None = None,
              limits: ReadLimits | None = None) -> pd.DataFrame:
        """Run a named read query and return its rows as a DataFrame, as the signed-in user
        may see them (`limits`, see atlas/access.py; None: everything)."""
        query = queries.load(name)
        for calls in self._traces:
            calls.append((name, dict(params or {})))
        cursor = self._cursor(limits)
        try:
            return cursor.execute(query.sql, query.bind(dict(params or {}))).df()
        finally:
            cursor.close()

    def _cursor(self, limits: ReadLimits | None) -> duckdb.DuckDBPyConnection:
        """A fresh cursor; for a limited user, one whose fact tables are shadowed by views of
        what they may see (queries/scripts/user_limits.sql). Temporary views belong to the
        cursor that made them, so no other caller ever sees them."""
        cursor = self._connection.cursor()
        if limits is None or not limits.active:
            return cursor
        try:
            organizations = None if limits.organizations is None else [int(o) for o in limits.organizations]
            allow, hide = queries.load("scope/allow"), queries.load("scope/hide_names")
            cursor.execute(allow.sql, allow.bind({"organization_ids": organizations}))
            cursor.execute(hide.sql, hide.bind({"hide_names": limits.hide_names}))
            cursor.execute(_limit_script().replace("{base}", self._catalog))
        except BaseException:
            cursor.close()
            raise
        return cursor

    def scalar(self, name: str, params: Mapping[str, Any] | None = None) -> Any:
        frame = self.query(name, params)
        return None if frame.empty else frame.iat[0, 0]

    def sql(self, statement: str, params: Sequence[Any] | Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Ad-hoc read for tests and tools; the app uses named queries."""
        cursor = self._connection.cursor()
        try:
            return cursor.execute(statement, params or []).df()
        finally:
            cursor.close()

    def rows(self, statement: str, params: Sequence[Any] | Mapping[str, Any] | None = None) -> tuple[list[tuple], list[str]]:
        """Ad-hoc read returning plain Python rows and column names (no pandas conversion)."""
        cursor = self._connection.cursor()
        try:
            result = cursor.execute(statement, params or [])
            return result.fetchall(), [d[0] for d in result.description]
        finally:
            cursor.close()

    # -- writing ---------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        """Everything inside commits together or not at all."""
        with self._write_lock:
            cursor = self._connection.cursor()
            cursor.execute("begin transaction")
            try:
                yield Writer(cursor)
            except BaseException:
                cursor.execute("rollback")
                raise
            else:
                cursor.execute("commit")
                self.data_version += 1
            finally:
                cursor.close()

    def schema_version(self) -> int:
        cursor = self._connection.cursor()
        try:
            return cursor.execute("select coalesce(max(version), 0) from schema_migrations").fetchone()[0]
        finally:
            cursor.close()

    def close(self) -> None:
        self._connection.close()


def migrate(connection: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations this database lacks; return the versions applied.

    Refuses to start when an applied migration's file was edited afterwards: migrations are
    append-only, so a changed checksum means two databases could disagree about the schema.
    """
    connection.execute(
        """create table if not exists schema_migrations (
               version integer primary key, name varchar not null,
               checksum varchar not null, applied_at timestamp not null default current_timestamp)"""
    )
    applied = dict(connection.execute("select version, checksum from schema_migrations").fetchall())
    done = []
    for migration in migrations():
        if migration.version in applied:
            if applied[migration.version] != migration.checksum:
                raise DatabaseError(
                    f"migration {migration.version:03d}_{migration.name} was changed after it was applied; "
                    "add a new migration instead of editing a landed one"
                )
            continue
        connection.execute("begin transaction")
        try:
            connection.execute(migration.sql)
            connection.execute(
                "insert into schema_migrations (version, name, checksum) values ($v, $n, $c)",
                {"v": migration.version, "n": migration.name, "c": migration.checksum},
            )
            connection.execute("commit")
        except Exception:
            connection.execute("rollback")
            raise
        done.append(migration.version)
    return done


def open_database(path: str | Path | None = None, read_only: bool = False) -> Database:
    """Open (creating if needed) and migrate a database file. Prefer `get_database`."""
    target = db_path(path)
    created = not target.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        connection = duckdb.connect(str(target), read_only=read_only)
    except duckdb.IOException as error:
        raise DatabaseError(
            f"cannot open the database {target}: {error}. Another program (a running app or import) "
            "may hold it; DuckDB allows one writing process per file."
        ) from error
    if not read_only:
        migrate(connection)
    return Database(target, connection, created)


_open: dict[Path, Database] = {}
_open_lock = threading.Lock()


def get_database(path: str | Path | None = None) -> Database:
    """The process-wide database for `path` (default: $ATLAS_DB or data/atlas.duckdb),
    migrated and, when new, filled with the embedded seed dataset."""
    target = db_path(path).resolve()
    with _open_lock:
        database = _open.get(target)
        if database is None:
            database = open_database(target)
            from atlas import seed  # late import: seed needs the db layer

            seed.ensure_reference_data(database)
            if database.created:
                seed.load_seed_dataset(database)
            _open[target] = database
        return database


def close_all() -> None:
    """Close every cached database (tests use this between cases)."""
    with _open_lock:
        for database in _open.values():
            database.close()
        _open.clear()
