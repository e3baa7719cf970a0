"""`python -m atlas import` and `python -m atlas extract --json`: the contract others read."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from atlas.paths import ROOT

CONTRACT = {
    "document": {"file", "format", "kind", "published"},
    "trip": {"title", "organization", "start_date", "end_date", "countries", "cities", "travellers"},
    "city": {"name_ko", "name_en", "country"},
    "traveller": {"name", "title", "organization"},
    "itinerary": {"date", "start", "end", "city", "kind", "description"},
    "meeting": {"date", "start", "end", "city", "institution", "attendees", "summary"},
    "attendee": {"name", "title", "organization", "side"},
    "institution": {"name_ko", "name_en", "city", "type", "sectors"},
    "program": {"name", "institution", "type", "cost", "currency", "duration", "description"},
    "follow_up": {"action", "institution", "stage"},
    "warning": {"code", "message", "line"},
}


def _atlas(*args: str, db=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "ATLAS_USER": "cli-tester"}
    if db is not None:
        env["ATLAS_DB"] = str(db)
    return subprocess.run([sys.executable, "-m", "atlas", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=180, env=env)


def test_extract_prints_exactly_the_contract_shape_and_writes_nothing(shared_dir, tmp_path):
    db = tmp_path / "none.duckdb"
    result = _atlas("extract", str(shared_dir / "seeds" / "004_ffbe9128cdf1f7a6.txt"), "--json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert not db.exists(), "extract writes nothing, not even a database"
    data = json.loads(result.stdout)
    assert set(data) == {"document", "trips", "itinerary", "meetings", "institutions", "programs", "follow_ups",
                         "warnings"}
    assert set(data["document"]) == CONTRACT["document"]
    assert data["document"] == {"file": "004_ffbe9128cdf1f7a6.txt", "format": "txt", "kind": "report",
                                "published": "2024-07-31"}
    [trip] = data["trips"]
    assert set(trip) == CONTRACT["trip"]
    assert (trip["start_date"], trip["end_date"], trip["countries"]) == ("2024-06-24", "2024-07-01", ["US", "CA"])
    assert all(set(c) == CONTRACT["city"] for c in trip["cities"])
    assert all(set(p) == CONTRACT["traveller"] for p in trip["travellers"])
    for part, name in (("itinerary", "itinerary"), ("meetings", "meeting"), ("institutions", "institution"),
                       ("programs", "program"), ("follow_ups", "follow_up"), ("warnings", "warning")):
        assert data[part], part
        assert all(set(row) == CONTRACT[name] for row in data[part]), part
    for meeting in data["meetings"]:
        assert set(meeting["institution"]) == {"name_ko", "name_en"}
        assert all(set(a) == CONTRACT["attendee"] for a in meeting["attendees"])
    flight = data["itinerary"][17]
    assert (flight["date"], flight["start"], flight["end"], flight["city"], flight["kind"]) == (
        "2024-06-30", "16:50", "19:40", "인천", "flight")
    assert {w["code"] for w in data["warnings"]} >= {"duration_mismatch", "time_runs_backwards",
                                                   "attendee_count_mismatch", "summary_disagrees"}


def test_extract_leaves_null_what_the_article_does_not_say(shared_dir, tmp_path):
    result = _atlas("extract", str(shared_dir / "seeds" / "000_0ec3ef31fa67ca02.txt"), "--json",
                    "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["document"]["kind"] == "news" and data["document"]["published"] == "2020-01-01"
    washington = [m for m in data["meetings"] if m["city"] == "워싱턴 D.C."]
    assert washington and all(m["date"] is None and m["start"] is None for m in washington)


def test_extract_refuses_bad_input_with_a_reason(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 20)
    result = _atlas("extract", str(junk), "--json", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "junk.txt" in result.stderr and "[binary]" in result.stderr


def test_import_exit_codes_and_output(shared_dir, tmp_path):
    db = tmp_path / "cli.duckdb"
    sample = shared_dir / "fixtures" / "formats" / "sample.hwpx"
    first = _atlas("import", str(sample), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("imported sample.hwpx: document ")
    again = _atlas("import", str(sample), "--db", str(db))
    assert again.returncode == 0 and again.stdout.startswith("unchanged sample.hwpx")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    damaged = shared_dir / "fixtures" / "formats" / "hwpxlib_error_20240626_no_manifest.hwpx"
    bad = _atlas("import", str(empty), str(damaged), "--db", str(db))
    assert bad.returncode == 1
    assert "refused empty.txt: the file is empty [empty]" in bad.stderr
    assert "[damaged]" in bad.stderr and "manifest" in bad.stderr
    export = json.loads(_atlas("export", "--db", str(db)).stdout)
    imported = [d for d in export["documents"] if d["file_name"] == "sample.hwpx"]
    assert len(imported) == 1 and imported[0]["imported_by"] == "cli-tester"


def test_help_lists_import_and_extract():
    result = _atlas("--help")
    assert result.returncode == 0
    for command in ("import", "extract", "init", "export"):
        assert command in result.stdout


@pytest.mark.parametrize("args", [["import"], ["extract"]])
def test_usage_errors_exit_2(args):
    assert _atlas(*args).returncode == 2
