"""The writer: provenance, one transaction, idempotence, new versions, shared institutions,
and bad input that writes nothing."""

from __future__ import annotations

import pytest

from atlas.importer import Knowledge, import_paths, prepare, store
from tests.fixtures_import import make_formats

REPORT = "004_ffbe9128cdf1f7a6.txt"
NEWS = "000_0ec3ef31fa67ca02.txt"
FACT_TABLES = ("trips", "trip_travellers", "trip_destinations", "itinerary_items", "meetings", "meeting_attendees",
               "meeting_agenda_items", "programs", "follow_ups", "data_quality_flags", "institutions")
COUNTED = FACT_TABLES + ("documents", "organizations", "departments", "cities", "follow_up_institutions",
                         "follow_up_events")


def _counts(database) -> dict[str, int]:
    return {table: int(database.sql(f"select count(*) from {table}").iat[0, 0]) for table in COUNTED}


@pytest.fixture
def seed_file(shared_dir):
    return shared_dir / "seeds" / REPORT


@pytest.fixture
def with_orgs(empty_db):
    """An empty database with our organizations set up (as every installation has them)."""
    import json

    from atlas.paths import SEED_DIR

    with empty_db.transaction() as tx:
        for org in json.loads((SEED_DIR / "organizations.json").read_text(encoding="utf-8")):
            org_id = tx.insert("organizations", {"name_ko": org["name_ko"], "name_en": org["name_en"],
                                                 "short_name": org["short_name"], "kind": org["kind"],
                                                 "aliases": org["aliases"]}, returning="organization_id")
            for dept in org["departments"]:
                tx.insert("departments", {"organization_id": org_id, "name_ko": dept["name_ko"]})
    return empty_db


def _import(database, path, user="tester", name=None, content=None):
    content = content if content is not None else path.read_bytes()
    prepared = prepare(name or path.name, content, Knowledge.from_database(database))
    return store(database, prepared.doc, prepared.extraction, user)


def test_a_report_is_stored_with_its_provenance(with_orgs, seed_file):
    db = with_orgs
    outcome = _import(db, seed_file)
    assert outcome.status == "imported"
    doc = db.sql("select * from documents where document_id = ?", [outcome.document_id]).iloc[0]
    assert (doc["file_name"], doc["format"], doc["kind"], doc["imported_by"]) == (REPORT, "txt", "report", "tester")
    assert bytes(doc["content"]) == seed_file.read_bytes()
    assert doc["raw_text"] == seed_file.read_text(encoding="utf-8")
    for table in FACT_TABLES:
        missing = db.sql(f"select count(*) from {table} where document_id is null or line_start is null "
                         f"and {'true' if table != 'data_quality_flags' else 'false'}").iat[0, 0]
        assert missing == 0, f"{table} rows without provenance"
    assert db.query("integrity/orphans").empty
    trip = db.sql("select t.*, o.name_ko as org, d.name_ko as dept from trips t join organizations o using "
                  "(organization_id) left join departments d using (department_id)").iloc[0]
    assert (trip["org"], trip["dept"], str(trip["start_date"])[:10]) == ("대전과학산업진흥원", "과학협력부", "2024-06-24")
    assert (int(trip["line_start"]), int(trip["line_end"])) == (7, 13)
    assert db.sql("select count(*) from meetings").iat[0, 0] == 9
    assert db.sql("select count(*) from itinerary_items").iat[0, 0] == 19
    # A fact's line span points at the text that states it.
    row = db.sql("select line_start from itinerary_items where seq = 18").iat[0, 0]
    assert "WS86" in seed_file.read_text(encoding="utf-8").splitlines()[row - 1]
    flag = db.sql("select entity_type, entity_id, code from data_quality_flags where code = 'duration_mismatch'").iloc[0]
    item = db.sql("select seq from itinerary_items where item_id = ?", [int(flag["entity_id"])]).iat[0, 0]
    assert (flag["entity_type"], item) == ("itinerary_item", 18)
    ours = db.sql("select count(*) from meeting_attendees where side = 'ours' and organization_id is null").iat[0, 0]
    assert ours == 0, "our attendees point at our organizations"


def test_importing_the_same_document_again_changes_nothing(with_orgs, seed_file):
    db = with_orgs
    _import(db, seed_file)
    before = _counts(db)
    again = _import(db, seed_file, user="someone else")
    assert again.status == "unchanged"
    assert _counts(db) == before


def test_a_new_version_replaces_the_facts_and_keeps_hand_edited_follow_ups(with_orgs, seed_file):
    db = with_orgs
    first = _import(db, seed_file)
    edited = int(db.sql("select follow_up_id from follow_ups order by follow_up_id limit 1").iat[0, 0])
    db.sql("update follow_ups set edited_by_hand = true, stage = 'agreed', action = '손으로 고친 후속조치' "
           "where follow_up_id = ?", [edited])
    text = seed_file.read_text(encoding="utf-8").replace("09:30~10:30\t1h\t· 시애틀 경제개발공사 회의",
                                                         "09:00~10:30\t1h30'\t· 시애틀 경제개발공사 회의")
    second = _import(db, seed_file, content=text.encode("utf-8"))
    assert (second.status, second.replaced_document_id, second.kept_follow_ups) == ("replaced", first.document_id, 1)
    assert db.sql("select count(*) from trips").iat[0, 0] == 1
    assert db.sql("select count(*) from meetings").iat[0, 0] == 9
    assert db.sql("select count(*) from itinerary_items where document_id = ?", [first.document_id]).iat[0, 0] == 0
    assert str(db.sql("select start_time from itinerary_items where seq = 5").iat[0, 0]) == "09:00:00"
    kept = db.sql("select * from follow_ups where follow_up_id = ?", [edited]).iloc[0]
    new_trip = db.sql("select trip_id from trips").iat[0, 0]
    assert (kept["stage"], kept["action"], kept["trip_id"]) == ("agreed", "손으로 고친 후속조치", new_trip)
    assert db.sql("select count(*) from follow_ups").iat[0, 0] == 16  # 15 new + the kept one
    assert db.sql("select count(*) from documents").iat[0, 0] == 2   # the old version stays, for provenance
    assert db.query("integrity/orphans").empty


def test_an_institution_met_on_two_trips_is_one_row(with_orgs, seed_file):
    db = with_orgs
    _import(db, seed_file)
    institutions = db.sql("select count(*) from institutions").iat[0, 0]
    # A second trip's report, another file, spelling the names differently.
    text = seed_file.read_text(encoding="utf-8").replace("2024", "2025").replace("플랫폼캘거리", "플랫폼 캘거리")
    text = text.replace("바이오허브X 회의", "BiohubX 회의").replace("(BiohubX)", "(바이오허브X)")
    outcome = _import(db, seed_file, name="2025_calgary.txt", content=text.encode("utf-8"))
    assert outcome.status == "imported" and outcome.counts["institutions"] == 0
    assert db.sql("select count(*) from institutions").iat[0, 0] == institutions
    per_trip = db.sql("select institution_id, count(distinct trip_id) n from meetings where institution_id is not "
                      "null group by 1")
    assert (per_trip["n"] == 2).all()


def test_the_seed_dataset_institutions_are_reused(seeded_db, shared_dir):
    """A new report naming the institutions of the seed dataset adds no institution rows."""
    before = seeded_db.sql("select count(*) from institutions").iat[0, 0]
    text = (shared_dir / "seeds" / REPORT).read_text(encoding="utf-8").replace("2024", "2026")
    outcome = _import(seeded_db, shared_dir / "seeds" / REPORT, name="2026_visit.txt", content=text.encode())
    assert outcome.status == "imported" and outcome.counts["institutions"] == 0
    assert seeded_db.sql("select count(*) from institutions").iat[0, 0] == before
    shared = seeded_db.sql("select count(distinct m.institution_id) from meetings m join trips t using (trip_id) "
                           "where t.document_id = ? and m.institution_id in (select institution_id from "
                           "institutions where entered_by is null and document_id in (select document_id from "
                           "documents where imported_by = 'seed'))", [outcome.document_id]).iat[0, 0]
    assert shared == 8  # the nine meetings were with eight institutions, all already known
    assert seeded_db.query("integrity/orphans").empty


BAD = {
    "empty.txt": b"",
    "junk.txt": bytes(range(256)) * 64,
    "minutes.txt": "# 주간 회의록\n\n- 예산 심의\n- 다음 회의 일정 논의\n".encode(),
    "photo.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 64,
}


def test_bad_input_is_refused_and_writes_nothing(seeded_db, tmp_path, shared_dir):
    paths = []
    for name, content in BAD.items():
        (tmp_path / name).write_bytes(content)
        paths.append(tmp_path / name)
    formats = shared_dir / "fixtures" / "formats"
    paths.append(formats / "hwpxlib_error_20240626_no_manifest.hwpx")
    paths.append(make_formats.lock_hwp(formats / "sample.hwp", tmp_path / "locked.hwp", "password"))
    paths.append(make_formats.lock_hwp(formats / "sample.hwp", tmp_path / "배포용.hwp", "distribution"))
    big = tmp_path / "huge.docx"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    paths.append(big)
    before = _counts(seeded_db)
    results = import_paths(seeded_db, paths, user="tester")
    codes = {r.file_name: r.refused.code for r in results}
    assert codes == {"empty.txt": "empty", "junk.txt": "binary", "minutes.txt": "not_a_trip",
                     "photo.jpg": "unsupported_format", "hwpxlib_error_20240626_no_manifest.hwpx": "damaged",
                     "locked.hwp": "protected", "배포용.hwp": "protected", "huge.docx": "too_large"}
    assert all(r.outcome is None for r in results)
    assert _counts(seeded_db) == before


def test_a_refused_file_does_not_stop_the_others(seeded_db, tmp_path, shared_dir):
    (tmp_path / "empty.txt").write_bytes(b"")
    sample = shared_dir / "fixtures" / "formats" / "sample.docx"
    results = import_paths(seeded_db, [tmp_path / "empty.txt", sample], user="tester")
    assert results[0].refused.code == "empty"
    assert results[1].outcome.status == "imported"
