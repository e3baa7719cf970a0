"""Readers: every format to the same intermediate form, encodings, and clean refusals."""

from __future__ import annotations

import pytest

from atlas.importer.errors import ImportRefused
from atlas.importer.model import MAX_BYTES
from atlas.importer.readers import decode_text, read_document, read_path
from tests.fixtures_import import make_formats

SAMPLE_TABLE = [
    ["일자", "장소", "시 간", "주 요 내 용"],
    ["6.24. (월)", "인천", "19:20~14:00", "이동 (인천 → 시애틀 타코마공항)"],
    ["6.28. (금)", "캘거리", "10:30~11:00", "캘거리 부시장 면담"],
]


@pytest.fixture
def formats(shared_dir):
    return shared_dir / "fixtures" / "formats"


def _tables(doc):
    return [b.rows for b in doc.blocks if b.kind == "table"]


def _texts(doc):
    return [b.text for b in doc.blocks if b.kind != "table"]


@pytest.mark.parametrize("name, encoding", [
    ("sample_cp949.txt", "cp949"), ("sample_euc-kr.txt", "cp949"),
    ("sample_utf16.txt", "utf-16"), ("sample_utf8sig.txt", "utf-8-sig"),
])
def test_text_fixtures_in_every_encoding_read_the_same(formats, name, encoding):
    doc = read_path(formats / name)
    assert doc.encoding == encoding
    assert _texts(doc)[0] == "공무 국외 출장 등 결과보고서"
    assert _tables(doc) == [SAMPLE_TABLE]
    table = next(b for b in doc.blocks if b.kind == "table")
    assert (table.line_start, table.line_end, table.row_lines) == (3, 5, [3, 4, 5])


@pytest.mark.parametrize("name", ["sample.docx", "sample.pdf", "sample.hwpx", "sample.hwp"])
def test_binary_fixtures_give_the_same_blocks(formats, name):
    doc = read_path(formats / name)
    assert _tables(doc) == [SAMPLE_TABLE]
    assert _texts(doc) == ["공무 국외 출장 등 결과보고서",
                           "출장국: 미국(시애틀) 및 캐나다(캘거리). 켈거리 부시장 면담 결과를 보고합니다.",
                           "- 후속: 켈거리시와의 공무원 인력교류 추진 가능성 타진"]
    # Line numbers point into the stored text, which is the rendering of the blocks.
    lines = doc.raw_text.splitlines()
    table = next(b for b in doc.blocks if b.kind == "table")
    assert lines[table.row_lines[1] - 1].split("\t")[2] == "19:20~14:00"


def test_euc_kr_is_decoded_as_cp949_which_knows_more_syllables():
    text = "똠방각하 햏 출장보고"
    content = text.encode("cp949")
    with pytest.raises(UnicodeDecodeError):
        content.decode("euc-kr")
    assert decode_text(content) == (text, "cp949")


def test_utf8_without_bom_and_utf16_without_bom():
    assert decode_text("출장 결과".encode("utf-8")) == ("출장 결과", "utf-8")
    assert decode_text("출장 결과 보고서입니다".encode("utf-16-le"))[0] == "출장 결과 보고서입니다"


def test_binary_junk_named_txt_is_refused():
    junk = bytes(range(256)) * 40
    with pytest.raises(ImportRefused) as refused:
        read_document("report.txt", junk)
    assert refused.value.code == "binary"
    assert "binary" in refused.value.message("en") and "이진" in refused.value.message("ko")


def test_an_empty_file_is_refused():
    with pytest.raises(ImportRefused) as refused:
        read_document("empty.txt", b"")
    assert refused.value.code == "empty"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "huge.pdf"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing is written or read
    with pytest.raises(ImportRefused) as refused:
        read_path(big)
    assert refused.value.code == "too_large"
    with pytest.raises(ImportRefused):
        read_document("small.txt", "출장".encode(), max_bytes=3)


def test_unsupported_extension_is_refused():
    with pytest.raises(ImportRefused) as refused:
        read_document("photo.jpg", b"\xff\xd8\xff")
    assert refused.value.code == "unsupported_format"


def test_the_damaged_hwpx_without_manifest_is_refused(formats):
    with pytest.raises(ImportRefused) as refused:
        read_path(formats / "hwpxlib_error_20240626_no_manifest.hwpx")
    assert refused.value.code == "damaged"
    assert "manifest" in refused.value.detail


def test_a_docx_named_pdf_and_a_broken_zip_are_damaged(formats, tmp_path):
    with pytest.raises(ImportRefused) as refused:
        read_document("report.pdf", (formats / "sample.docx").read_bytes())
    assert refused.value.code == "damaged"
    with pytest.raises(ImportRefused) as refused:
        read_document("report.hwpx", b"PK\x03\x04" + b"\x00" * 100)
    assert refused.value.code == "damaged"
    with pytest.raises(ImportRefused) as refused:
        read_document("report.docx", (formats / "sample.docx").read_bytes()[:2000])
    assert refused.value.code == "damaged"


@pytest.mark.parametrize("lock", ["password", "distribution"])
def test_a_password_or_distribution_locked_hwp_is_refused(formats, tmp_path, lock):
    locked = make_formats.lock_hwp(formats / "sample.hwp", tmp_path / f"{lock}.hwp", lock)
    with pytest.raises(ImportRefused) as refused:
        read_path(locked)
    assert refused.value.code == "protected"
    assert "배포용" in refused.value.message("en") or "password" in refused.value.message("en")


def test_private_use_characters_are_flagged_and_left_out_of_the_text():
    doc = read_document("report.txt", "공무 국외 출장 결과보고서\n\uf53a글 문서에서 옮김\n".encode())
    assert [(n.code, n.line_start) for n in doc.notes] == [("private_use_character", 2)]
    assert doc.blocks[1].text == "글 문서에서 옮김"
    assert "\uf53a" in doc.raw_text  # the stored text stays as it was


def test_markdown_headings_and_tables_of_the_text_export(shared_dir):
    doc = read_path(shared_dir / "seeds" / "004_ffbe9128cdf1f7a6.txt")
    first = doc.blocks[0]
    assert (first.kind, first.level, first.text, first.line_start) == ("heading", 1, "공무 국외 출장 등 결과보고서", 3)
    overview = doc.blocks[2]
    assert overview.kind == "table" and overview.row_lines[0] == 7
    assert overview.rows[0][:2] == ["출 장 명", "미국·캐나다 공무국외출장"]


def test_pdf_tables_continued_on_the_next_page_are_joined(tmp_path):
    if make_formats.font_path() is None:
        pytest.skip("no Korean TrueType font (fonts-nanum or Pretendard) to draw a PDF with")
    rows = [["일자", "장소", "내용"]] + [[f"6.{d}.", "시애틀", f"일정 {d}"] for d in range(1, 70)]
    parts = [make_formats.Part("paragraph", "출장 일정"), make_formats.Part("table", rows=rows)]
    doc = read_path(make_formats.write_pdf(parts, tmp_path / "long.pdf"))
    tables = _tables(doc)
    assert len(tables) == 1, "the header repeated on page 2 starts no new table"
    assert tables[0] == rows
