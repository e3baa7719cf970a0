"""Migrations, the transaction helper and the one way in."""

from __future__ import annotations

import duckdb
import pytest

from atlas import db as atlas_db
from atlas.db import DatabaseError, migrations, open_database


def _schema(database) -> list[tuple]:
    rows, _ = database.rows(
        "select table_name, column_name, data_type from information_schema.columns order by all"
    )
    return rows


def test_new_database_gets_every_migration(db_path):
    database = open_database(db_path)
    assert database.created
    assert database.schema_version() == len(migrations()) >= 2
    tables = {r[0] for r in _schema(database)}
    for table in ("organizations", "documents", "trips", "trip_travellers", "countries", "cities",
                  "itinerary_items", "institutions", "meetings", "meeting_attendees", "follow_ups",
                  "follow_up_events", "programs", "data_quality_flags", "schema_migrations"):
        assert table in tables


def test_second_start_changes_nothing(db_path):
    first = atlas_db.get_database(db_path)
    before_schema = _schema(first)
    from atlas.export import export_tables

    before = export_tables(first)
    atlas_db.close_all()
    second = atlas_db.get_database(db_path)
    assert not second.created
    assert _schema(second) == before_schema
    assert export_tables(second) == before


def test_a_changed_landed_migration_is_refused(db_path):
    database = open_database(db_path)
    database.close()
    connection = duckdb.connect(str(db_path))
    connection.execute("update schema_migrations set checksum = 'edited' where version = 1")
    connection.close()
    with pytest.raises(DatabaseError, match="changed after it was applied"):
        open_database(db_path)


def test_migration_files_are_numbered_without_gaps():
    versions = [m.version for m in migrations()]
    assert versions == list(range(1, len(versions) + 1))


def test_transaction_rolls_back_everything_on_error(empty_db):
    with pytest.raises(RuntimeError):
        with empty_db.transaction() as tx:
            tx.insert("organizations", {"name_ko": "테스트시", "name_en": "Test City", "kind": "local_government"})
            raise RuntimeError("boom")
    assert empty_db.sql("select count(*) as n from organizations")["n"][0] == 0


def test_transaction_commits_and_bumps_the_data_version(empty_db):
    version = empty_db.data_version
    with empty_db.transaction() as tx:
        new_id = tx.insert("organizations", {"name_ko": "테스트시", "name_en": "Test City",
                                             "kind": "local_government"}, returning="organization_id")
    assert empty_db.sql("select name_en from organizations where organization_id = ?", [new_id])["name_en"][0] == "Test City"
    assert empty_db.data_version == version + 1


def test_insert_refuses_identifiers_that_are_not_plain(empty_db):
    with pytest.raises(ValueError, match="identifier"):
        with empty_db.transaction() as tx:
            tx.insert("organizations; drop table trips", {"name_ko": "x"})
    with pytest.raises(ValueError, match="identifier"):
        with empty_db.transaction() as tx:
            tx.insert("organizations", {"name_ko) values ('x'); --": "x"})


def test_provenance_is_required(empty_db):
    """A fact row must name its document or the user who entered it."""
    with pytest.raises(duckdb.ConstraintException):
        with empty_db.transaction() as tx:
            tx.insert("trips", {"title": "t", "organization_id": 1, "status": "planned"})


def test_values_with_quotes_are_stored_verbatim(empty_db):
    hostile = "O'Brien\"; drop table trips; --"
    with empty_db.transaction() as tx:
        tx.insert("organizations", {"name_ko": hostile, "name_en": hostile, "kind": "other"})
    assert empty_db.sql("select name_ko from organizations")["name_ko"][0] == hostile
    assert "trips" in set(empty_db.query("export/tables")["table_name"])


def test_locked_database_gives_a_clear_message(db_path):
    import subprocess
    import sys
    import textwrap

    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            c = duckdb.connect({str(db_path)!r}); print('ready', flush=True); time.sleep(30)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseError, match="one writing process"):
            open_database(db_path)
    finally:
        holder.kill()
        holder.wait()


def test_trace_records_the_queries_run_inside_it(empty_db):
    with empty_db.trace() as calls:
        empty_db.query("filters/organizations")
        empty_db.query("settings/get", {"key": "x"})
    empty_db.query("filters/sectors")
    assert calls == [("filters/organizations", {}), ("settings/get", {"key": "x"})]
