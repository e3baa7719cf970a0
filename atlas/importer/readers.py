"""Readers: a file's bytes -> SourceDocument (the intermediate form of model.py).

One reader per format; `read_document` picks it from the file name and checks the bytes
agree (a .txt full of binary junk, a .hwpx that is not a package, a locked .hwp are refused
with a clear reason before anything is extracted).
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
import zipfile
from pathlib import Path

from atlas.importer.errors import ImportRefused
from atlas.importer.model import FORMATS, MAX_BYTES, Block, ReaderNote, SourceDocument, render

_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


def format_of(file_name: str) -> str | None:
    suffix = Path(file_name).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def read_document(file_name: str, content: bytes, max_bytes: int = MAX_BYTES) -> SourceDocument:
    """Read one file. Raises ImportRefused with the reason when it cannot be imported."""
    name = Path(file_name).name
    fmt = format_of(name)
    if fmt is None:
        raise ImportRefused("unsupported_format", Path(name).suffix or name, file_name=name)
    if len(content) == 0:
        raise ImportRefused("empty", file_name=name)
    if len(content) > max_bytes:
        raise ImportRefused("too_large", f"{len(content) / 1024 / 1024:.1f} MB", file_name=name)
    reader = {"txt": _read_text, "md": _read_text, "docx": _read_docx, "pdf": _read_pdf,
              "hwpx": _read_hwpx, "hwp": _read_hwp}[fmt]
    try:
        raw_text, blocks, encoding, notes = reader(content)
    except ImportRefused as refused:
        refused.file_name = name
        raise
    if not any((b.text or "").strip() for b in blocks):
        raise ImportRefused("no_text", file_name=name)
    notes = notes + _private_use_notes(raw_text)
    for block in blocks:  # extraction reads the text without private-use code points
        block.text = _PRIVATE_USE.sub("", block.text)
        block.rows = [[_PRIVATE_USE.sub("", cell) for cell in row] for row in block.rows]
    return SourceDocument(
        file_name=name, format=fmt, sha256=hashlib.sha256(content).hexdigest(), size_bytes=len(content),
        content=content, raw_text=raw_text, blocks=blocks, encoding=encoding, notes=notes,
    )


def read_path(path: str | Path, max_bytes: int = MAX_BYTES) -> SourceDocument:
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:  # refuse before reading a huge file into memory
        raise ImportRefused("too_large", f"{size / 1024 / 1024:.1f} MB", file_name=path.name)
    return read_document(path.name, path.read_bytes(), max_bytes=max_bytes)


def _private_use_notes(text: str) -> list[ReaderNote]:
    notes = []
    for number, line in enumerate(text.splitlines(), start=1):
        found = _PRIVATE_USE.findall(line)
        if found:
            codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
            notes.append(ReaderNote("private_use_character",
                                    f"사용자 정의 영역 문자({codes})가 있어 읽을 때 제외함: 글꼴 전용 기호일 수 있음",
                                    number, number))
    return notes


# -- plain text ----------------------------------------------------------------------------------

def decode_text(content: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). UTF-8 (with or without BOM), UTF-16 (BOM), cp949 (which
    also reads EUC-KR), then charset-normalizer as the fallback. Binary junk is refused."""
    if content.startswith(b"\xef\xbb\xbf"):
        return _checked(content[3:].decode("utf-8", errors="strict"), "utf-8-sig"), "utf-8-sig"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(content.decode("utf-16"), "utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise ImportRefused("undecodable", "utf-16") from error
    if b"\x00" in content[:4096]:
        # No BOM but NUL bytes: UTF-16 without BOM is possible, junk is likelier.
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = content.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, encoding
        raise ImportRefused("binary")
    for encoding in ("utf-8", "cp949"):
        try:
            return _checked(content.decode(encoding), encoding), encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(content).best()
    if best is None or not _looks_like_text(str(best)):
        raise ImportRefused("binary")
    return str(best), best.encoding


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ud800-\udfff]")


def _looks_like_text(text: str) -> bool:
    """Fewer than 1 % control characters or replacement characters."""
    if not text:
        return False
    return len(_CONTROL.findall(text)) / len(text) < 0.01


def _checked(text: str, encoding: str) -> str:
    if not _looks_like_text(text):
        raise ImportRefused("binary", encoding)
    return text


def _read_text(content: bytes):
    text, encoding = decode_text(content)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.splitlines()
    blocks: list[Block] = []
    table: Block | None = None
    for number, line in enumerate(lines, start=1):
        if "\t" in line and line.strip():
            cells = line.split("\t")
            if table is None:
                table = Block("table", "", number, number)
                blocks.append(table)
            table.rows.append(cells)
            table.row_lines.append(number)
            table.line_end = number
            table.text = (table.text + "\n" if table.text else "") + line
            continue
        table = None
        if not line.strip():
            continue
        heading = _HEADING.match(line)
        if heading:
            blocks.append(Block("heading", heading.group(2).strip(), number, number, level=len(heading.group(1))))
        else:
            blocks.append(Block("paragraph", line, number, number))
    return text, blocks, encoding, []


# -- DOCX ------------------------------------------------------------------------------------------

def _read_docx(content: bytes):
    if not content.startswith(_ZIP_MAGIC):
        raise ImportRefused("damaged", "not a DOCX (zip) package")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ImportRefused("damaged", str(error)[:200]) from error
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[Block] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip("\n")
            if not text.strip():
                continue
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            level = _docx_heading_level(style)
            blocks.append(Block("heading" if level else "paragraph", text.strip() if level else text, 0, 0,
                                level=level))
        elif tag == "tbl":
            rows = _docx_table_rows(Table(child, document))
            if rows:
                blocks.append(Block("table", "", 0, 0, rows=rows))
    raw = render(blocks)
    return raw, blocks, None, []


def _docx_heading_level(style: str) -> int:
    match = re.match(r"^(?:Heading|제목)\s*(\d)$", style.strip(), re.IGNORECASE)
    if match:
        return int(match.group(1))
    return 1 if style.strip().lower() == "title" else 0


def _docx_table_rows(table) -> list[list[str]]:
    """Cells row by row; a vertically merged cell is blank below its first row (the same
    convention as a text table, where a blank cell means 'same as above')."""
    rows = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            vmerge = tc.tcPr.vMerge if tc.tcPr is not None else None
            continued = vmerge is not None and vmerge.val in (None, "continue")
            text = "\n".join(p.text for p in _docx_cell_paragraphs(tc, table))
            span = tc.grid_span if hasattr(tc, "grid_span") else 1
            cells.append("" if continued else text)
            cells.extend([""] * (max(1, span) - 1))
        rows.append(cells)
    return rows


def _docx_cell_paragraphs(tc, table):
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, table) for p in tc.p_lst]


# -- PDF -------------------------------------------------------------------------------------------

def _read_pdf(content: bytes):
    if not content.lstrip()[:5] == b"%PDF-":
        raise ImportRefused("damaged", "not a PDF")
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    notes: list[ReaderNote] = []
    items: list[tuple] = []  # (page, top, kind, payload)
    try:
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            for page_no, page in enumerate(pdf.pages):
                tables = page.find_tables()
                boxes = [t.bbox for t in tables]
                for table in tables:
                    rows = [[(cell or "").strip() for cell in row] for row in table.extract()]
                    rows = [row for row in rows if any(row)]
                    if rows:
                        items.append((page_no, table.bbox[1], "table", rows))

                def outside(obj, boxes=boxes):
                    x = (obj["x0"] + obj["x1"]) / 2
                    y = (obj["top"] + obj["bottom"]) / 2
                    return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

                free = page.filter(outside) if boxes else page
                for line in free.extract_text_lines(keep_blank_chars=False):
                    items.append((page_no, line["top"], "line", (line["text"], line["x0"], line["x1"],
                                                                  float(page.width))))
                if not page.chars:
                    notes.append(ReaderNote("unreadable_section",
                                            f"{page_no + 1}쪽에서 글자를 읽지 못함(그림이나 스캔일 수 있음)"))
    except PDFPasswordIncorrect as error:
        raise ImportRefused("protected", "PDF password") from error
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        raise ImportRefused("damaged", str(error)[:200] or type(error).__name__) from error
    except Exception as error:  # pdfminer raises many private types on broken files
        if "password" in str(error).lower() or "encrypt" in str(error).lower():
            raise ImportRefused("protected", "PDF") from error
        raise ImportRefused("damaged", f"{type(error).__name__}: {str(error)[:160]}") from error

    items.sort(key=lambda item: (item[0], item[1]))
    blocks: list[Block] = []
    previous_line: tuple | None = None
    previous_page = -1
    for page_no, _top, kind, payload in items:
        if kind == "table":
            last = blocks[-1] if blocks else None
            # A table continued on the next page repeats its header row: join the two.
            if (last is not None and last.kind == "table" and page_no != previous_page
                    and payload and last.rows and payload[0] == last.rows[0]):
                last.rows.extend(payload[1:])
            elif (last is not None and last.kind == "table" and page_no != previous_page
                  and payload and len(payload[0]) == len(last.rows[-1])):
                last.rows.extend(payload)
            else:
                blocks.append(Block("table", "", 0, 0, rows=payload))
            previous_line = None
        else:
            text, x0, x1, width = payload
            if (previous_line is not None and blocks and blocks[-1].kind == "paragraph"
                    and _wrapped(previous_line, width) and not _starts_item(text)):
                blocks[-1].text = _join_wrapped(blocks[-1].text, text)
            else:
                heading = _HEADING.match(text)
                if heading:
                    blocks.append(Block("heading", heading.group(2), 0, 0, level=len(heading.group(1))))
                else:
                    blocks.append(Block("paragraph", text, 0, 0))
            previous_line = payload
        previous_page = page_no
    for block in blocks:
        if block.kind == "table":
            block.rows = [[" ".join(cell.split("\n")) for cell in row] for row in block.rows]
    raw = render(blocks)
    return raw, blocks, None, notes


def _wrapped(line: tuple, width: float) -> bool:
    """The line ran to the right margin, so the next line continues it."""
    _text, _x0, x1, _width = line
    return x1 > width * 0.80


_ITEM_START = re.compile(r"^\s*(?:[-•·○□■◦▪※*]|\d+[.)]|\[\d+\]|\(\d+\)|[가-하][.)]|[IVX]+\.|#)")


def _starts_item(text: str) -> bool:
    return bool(_ITEM_START.match(text))


def _join_wrapped(first: str, second: str) -> str:
    return first.rstrip() + " " + second.lstrip()


# -- HWPX / HWP --------------------------------------------------------------------------------------

_HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"


def _read_hwpx(content: bytes):
    if not content.startswith(_ZIP_MAGIC):
        if content.startswith(_OLE_MAGIC):
            raise ImportRefused("damaged", "this is an HWP 5 file named .hwpx")
        raise ImportRefused("damaged", "not an HWPX package")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
            mimetype = package.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except zipfile.BadZipFile as error:
        raise ImportRefused("damaged", "broken zip package") from error
    missing = [part for part in ("mimetype", "META-INF/manifest.xml", "Contents/content.hpf") if part not in names]
    if missing:
        raise ImportRefused("damaged", "HWPX package without " + ", ".join(missing))
    if mimetype != "application/hwp+zip":
        raise ImportRefused("damaged", f"unexpected mimetype {mimetype!r}")
    return _read_hancom(content)


def _read_hwp(content: bytes):
    if not content.startswith(_OLE_MAGIC):
        if content.startswith(_ZIP_MAGIC):
            raise ImportRefused("damaged", "this is an HWPX package named .hwp")
        raise ImportRefused("damaged", "not an HWP 5 file")
    return _read_hancom(content)


def _read_hancom(content: bytes):
    from hwpx import HwpxDocument
    from hwpx.errors import Hwp5Error, HwpxError

    notes: list[ReaderNote] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            document = HwpxDocument.open(content)
        skipped = [str(w.message) for w in caught if "not converted" in str(w.message)]
    except Hwp5Error as error:
        if error.code in ("hwp5-password", "hwp5-distribution", "hwp5-drm"):
            raise ImportRefused("protected", error.code) from error
        raise ImportRefused("damaged", f"{error.code}: {error.message[:160]}") from error
    except (HwpxError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportRefused("damaged", f"{type(error).__name__}: {str(error)[:160]}") from error
    except Exception as error:  # lxml and the record parser raise their own types on broken files
        raise ImportRefused("damaged", f"{type(error).__name__}: {str(error)[:160]}") from error
    blocks: list[Block] = []
    try:
        for section in document.sections:
            for paragraph in section.element.iterchildren(f"{_HP}p"):
                _hancom_paragraph(paragraph, blocks)
    finally:
        document.close()
    raw = render(blocks)
    for message in skipped:
        notes.append(ReaderNote("unreadable_section", f"HWP 내용 일부를 변환하지 못함: {message[:200]}"))
    return raw, blocks, None, notes


def _hancom_text(paragraph) -> str:
    """The paragraph's own text (tables inside it are read separately)."""
    parts: list[str] = []
    for run in paragraph.iterchildren(f"{_HP}run"):
        for child in run.iterchildren():
            tag = child.tag
            if tag == f"{_HP}t":
                parts.append(_t_text(child))
    return "".join(parts)


def _t_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        local = child.tag.rsplit("}", 1)[-1]
        if local == "tab":
            parts.append("\t")
        elif local in ("lineBreak",):
            parts.append("\n")
        parts.append(child.tail or "")
    return "".join(parts)


def _hancom_paragraph(paragraph, blocks: list[Block]) -> None:
    text = _hancom_text(paragraph)
    if text.strip():
        for line in text.split("\n"):
            if line.strip():
                blocks.append(Block("paragraph", line.replace("\t", " ").rstrip(), 0, 0))
    for run in paragraph.iterchildren(f"{_HP}run"):
        for table in run.iterchildren(f"{_HP}tbl"):
            rows = _hancom_table(table)
            if rows:
                blocks.append(Block("table", "", 0, 0, rows=rows))


def _hancom_table(table) -> list[list[str]]:
    """The table as a grid; a merged cell's text sits in its top-left position and the
    positions it covers are blank (a blank cell means 'same as above', as in a text table)."""
    cells: dict[tuple[int, int], str] = {}
    n_rows = int(table.get("rowCnt") or 0)
    n_cols = int(table.get("colCnt") or 0)
    for r, tr in enumerate(table.iterchildren(f"{_HP}tr")):
        for c, tc in enumerate(tr.iterchildren(f"{_HP}tc")):
            address = tc.find(f"{_HP}cellAddr")
            row = int(address.get("rowAddr")) if address is not None else r
            col = int(address.get("colAddr")) if address is not None else c
            lines = []
            sublist = tc.find(f"{_HP}subList")
            for p in (sublist.iterchildren(f"{_HP}p") if sublist is not None else ()):
                lines.append(_hancom_text(p).replace("\t", " "))
            cells[(row, col)] = "\n".join(line for line in lines if line.strip())
            n_rows, n_cols = max(n_rows, row + 1), max(n_cols, col + 1)
    return [[cells.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)]
