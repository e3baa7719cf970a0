"""The command line: help, init (idempotent), the audit export."""

from __future__ import annotations

import json
import subprocess
import sys

from atlas.paths import ROOT


def _atlas(*args: str, env_db=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "atlas", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_help_lists_the_commands():
    result = _atlas("--help")
    assert result.returncode == 0
    for command in ("init", "export"):
        assert command in result.stdout


def test_init_creates_seeds_and_is_idempotent(tmp_path):
    db = tmp_path / "cli.duckdb"
    first = _atlas("init", "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "seed dataset loaded" in first.stdout and "trips 2" in first.stdout
    second = _atlas("init", "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert "seed dataset loaded" not in second.stdout and "trips 2" in second.stdout


def test_export_prints_every_table_as_json(tmp_path):
    db = tmp_path / "cli.duckdb"
    assert _atlas("init", "--db", str(db)).returncode == 0
    result = _atlas("export", "--format", "json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for table in ("trips", "meetings", "institutions", "follow_ups", "documents", "schema_migrations"):
        assert table in data
    assert len(data["trips"]) == 2
    assert {t["start_date"] for t in data["trips"]} == {"2024-06-24", "2020-01-07"}


def test_a_bad_database_path_fails_with_a_reason(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = _atlas("init", "--db", str(blocker / "x.duckdb"))
    assert result.returncode == 1
    assert result.stderr.startswith("error:")


def test_demo_writes_a_new_synthetic_database_and_refuses_a_real_one(tmp_path):
    db = tmp_path / "demo.duckdb"
    made = _atlas("demo", "--scale", "0.2", "--db", str(db))
    assert made.returncode == 0, made.stderr
    assert "trips 40" in made.stdout
    real = tmp_path / "real.duckdb"
    assert _atlas("init", "--db", str(real)).returncode == 0
    refused = _atlas("demo", "--scale", "0.2", "--db", str(real))
    assert refused.returncode == 1 and "real trips" in refused.stderr
