"""The same report in any format gives identical facts.

Seed 004 is converted by code (tests/fixtures_import/make_formats.py) into DOCX, HWPX, HWP
and PDF in a temporary directory, and the shared format fixtures hold one small report in
eight encodings and formats."""

from __future__ import annotations

import pytest

from atlas.importer import prepare_path
from tests.fixtures_import import make_formats
from tests.fixtures_import.keys import facts, seed_organizations

# Flags about the text export itself, which the other formats do not carry.
TEXT_EXPORT_ONLY = {"html_in_table_cell"}


def _comparable(path):
    got = facts(prepare_path(path, seed_organizations()).extraction, lines=False)
    got["flags"] = sorted(f for f in got["flags"] if f[0] not in TEXT_EXPORT_ONLY)
    return got


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    from tests.conftest import SHARED

    source = SHARED / "seeds" / "004_ffbe9128cdf1f7a6.txt"
    if not source.is_file():
        pytest.skip(f"../shared is not beside the project ({SHARED}); a user's fresh clone has none")
    made = make_formats.write_all(source, tmp_path_factory.mktemp("formats"))
    return source, made


@pytest.mark.parametrize("fmt", ["docx", "hwpx", "hwp", "pdf"])
def test_seed_004_gives_the_same_facts_in_every_format(converted, fmt):
    source, made = converted
    if fmt not in made:
        pytest.skip("no Korean TrueType font (fonts-nanum or Pretendard) to draw the PDF with")
    expected = _comparable(source)
    got = _comparable(made[fmt])
    for part in expected:
        assert got[part] == expected[part], f"{fmt}: {part}"


def test_the_converted_files_are_what_they_claim(converted):
    _, made = converted
    assert made["docx"].read_bytes()[:2] == b"PK"
    assert made["hwpx"].read_bytes()[:2] == b"PK"
    assert made["hwp"].read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    if "pdf" in made:
        assert made["pdf"].read_bytes()[:5] == b"%PDF-"


SAMPLES = ["sample_cp949.txt", "sample_euc-kr.txt", "sample_utf16.txt", "sample_utf8sig.txt",
           "sample.docx", "sample.pdf", "sample.hwpx", "sample.hwp"]


def test_every_format_fixture_gives_the_same_facts(shared_dir):
    formats = shared_dir / "fixtures" / "formats"
    results = {name: _comparable(formats / name) for name in SAMPLES}
    first = results[SAMPLES[0]]
    assert first["trip"]["countries"] == ["US", "CA"]
    assert [i["description"] for i in first["itinerary"]] == ["이동 (인천 → 시애틀 타코마공항)", "캘거리 부시장 면담"]
    assert [m["institution"] for m in first["meetings"]] == ["캘거리시"]
    for name, got in results.items():
        for part in ("document", "trip", "itinerary", "meetings", "institutions", "programs"):
            assert got[part] == first[part], f"{name}: {part}"
    # The four binary fixtures carry one more line, a follow-up, which the text ones do not have.
    for name in SAMPLES[4:]:
        assert [(f["action"], f["institutions"]) for f in results[name]["follow_ups"]] == [
            ("켈거리시와의 공무원 인력교류 추진 가능성 타진", ["캘거리시"])]
    for name in SAMPLES[:4]:
        assert results[name]["follow_ups"] == []
