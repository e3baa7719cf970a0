"""Convert a text report (Markdown-like lines, tab-separated tables) into DOCX, HWPX, HWP and
PDF, so the readers can be tested on the same report in every format.

Nothing binary is committed: tests call these functions into a temporary directory, and the
script can be run by hand to look at the files:

    python tests/fixtures_import/make_formats.py ../shared/seeds/004_ffbe9128cdf1f7a6.txt /tmp/out

The conversion keeps what a person typing the report into Word or Hangul would keep: headings
(as heading styles in DOCX, bold larger lines elsewhere), paragraphs with their bullets,
tables as real tables. Markdown escapes and the HTML fragments of the text export are dropped
('<sup>+1일</sup>' stays as '+1일'), as they are not part of the document.
"""

from __future__ import annotations

import ctypes
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"),
    ROOT / "static/node_modules/pretendard/dist/public/static/alternative/Pretendard-Regular.ttf",
)


@dataclass
class Part:
    kind: str                 # heading | paragraph | table
    text: str = ""
    level: int = 0
    rows: list[list[str]] | None = None


def _plain(text: str) -> str:
    text = re.sub(r"<sup>\s*\+\s*(\d)\s*일?\s*</sup>", r"+\1일", text, flags=re.IGNORECASE)
    text = re.sub(r"</li>\s*<li[^>]*>", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("\\*", "*")
    return re.sub(r"[ ]{2,}", " ", text).strip() if "<" in text or "  " in text.strip() else text


def parts_of(text: str) -> list[Part]:
    """The report as headings, paragraphs and tables (the same split the text reader makes)."""
    parts: list[Part] = []
    table: Part | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        if "\t" in line and line.strip():
            if table is None:
                table = Part("table", rows=[])
                parts.append(table)
            table.rows.append([_plain(cell).strip() for cell in line.split("\t")])
            continue
        table = None
        if not line.strip():
            continue
        heading = re.match(r"^(#{1,6})\s+(.*\S)\s*$", line)
        if heading:
            parts.append(Part("heading", _plain(heading.group(2)), level=len(heading.group(1))))
        else:
            parts.append(Part("paragraph", _plain(line.rstrip())))
    for part in parts:
        if part.kind == "table":
            width = max(len(r) for r in part.rows)
            part.rows = [r + [""] * (width - len(r)) for r in part.rows]
    return parts


# -- DOCX -------------------------------------------------------------------------------------------

def write_docx(parts: list[Part], path: Path) -> Path:
    import docx

    document = docx.Document()
    for part in parts:
        if part.kind == "heading":
            document.add_heading(part.text, level=min(part.level, 6))
        elif part.kind == "paragraph":
            document.add_paragraph(part.text)
        else:
            table = document.add_table(rows=len(part.rows), cols=len(part.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(part.rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    document.save(str(path))
    return path


# -- HWPX and HWP ------------------------------------------------------------------------------------

def _hwpx_document(parts: list[Part]):
    from hwpx import HwpxDocument

    document = HwpxDocument.new()
    first = True
    for part in parts:
        if part.kind in ("heading", "paragraph"):
            if first:
                document.paragraphs[0].text = part.text
                first = False
            else:
                document.add_paragraph(part.text)
        else:
            first = False
            table = document.add_table(len(part.rows), len(part.rows[0]))
            for r, row in enumerate(part.rows):
                for c, value in enumerate(row):
                    if value:
                        table.set_cell_text(r, c, value)
    return document


def write_hwpx(parts: list[Part], path: Path) -> Path:
    document = _hwpx_document(parts)
    path.write_bytes(document.to_bytes())
    return path


def write_hwp(parts: list[Part], path: Path) -> Path:
    document = _hwpx_document(parts)
    path.write_bytes(document.to_bytes(format="hwp"))
    return path


def lock_hwp(source: Path, path: Path, flag: str = "password") -> Path:
    """A copy of an HWP 5 file whose header says it is password-protected (bit 1) or a
    distribution document (bit 2, 배포용): what Hancom writes when a file is locked."""
    data = bytearray(source.read_bytes())
    signature = b"HWP Document File"
    at = data.find(signature)
    if at < 0:
        raise ValueError("not an HWP 5 file")
    flags = int.from_bytes(data[at + 36:at + 40], "little")
    flags |= {"password": 0x2, "distribution": 0x4}[flag]
    data[at + 36:at + 40] = flags.to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


# -- PDF (drawn with pdfium, text kept as text, tables with ruled cells) -------------------------------

def font_path() -> Path | None:
    return next((p for p in FONT_CANDIDATES if p.is_file()), None)


class _PdfWriter:
    PAGE_W, PAGE_H, MARGIN = 595.0, 842.0, 40.0

    def __init__(self, font: Path):
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
        from PIL import ImageFont

        self.pdfium, self.raw = pdfium, raw
        self.pdf = pdfium.PdfDocument.new()
        data = font.read_bytes()
        self._font_buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        self.font = raw.FPDFText_LoadFont(self.pdf.raw, self._font_buffer, len(data), raw.FPDF_FONT_TRUETYPE, 1)
        self.measure = ImageFont.truetype(str(font), 100)
        self.page = None
        self.y = 0.0
        self._new_page()

    def _new_page(self) -> None:
        if self.page is not None:
            self.raw.FPDFPage_GenerateContent(self.page.raw)
        self.page = self.pdf.new_page(self.PAGE_W, self.PAGE_H)
        self.y = self.PAGE_H - self.MARGIN

    def width(self, text: str, size: float) -> float:
        return self.measure.getlength(text) * size / 100

    def wrap(self, text: str, size: float, width: float) -> list[str]:
        lines, current = [], ""
        for word in text.split(" "):
            candidate = f"{current} {word}" if current else word
            if self.width(candidate, size) <= width or not current:
                current = candidate
                while self.width(current, size) > width and len(current) > 1:  # a word longer than the line
                    cut = len(current)
                    while cut > 1 and self.width(current[:cut], size) > width:
                        cut -= 1
                    lines.append(current[:cut])
                    current = current[cut:]
            else:
                lines.append(current)
                current = word
        lines.append(current)
        return lines

    def text(self, x: float, y: float, text: str, size: float) -> None:
        raw = self.raw
        obj = raw.FPDFPageObj_CreateTextObj(self.pdf.raw, self.font, ctypes.c_float(size))
        encoded = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
        raw.FPDFText_SetText(obj, ctypes.cast(encoded, ctypes.POINTER(raw.FPDF_WCHAR)))
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        raw.FPDFPage_InsertObject(self.page.raw, obj)

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        raw = self.raw
        path = raw.FPDFPageObj_CreateNewPath(ctypes.c_float(x0), ctypes.c_float(y0))
        raw.FPDFPath_LineTo(path, ctypes.c_float(x1), ctypes.c_float(y1))
        raw.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
        raw.FPDFPageObj_SetStrokeWidth(path, ctypes.c_float(0.6))
        raw.FPDFPath_SetDrawMode(path, 0, 1)
        raw.FPDFPage_InsertObject(self.page.raw, path)

    def paragraph(self, text: str, size: float = 9.0, gap: float = 4.0) -> None:
        usable = self.PAGE_W - 2 * self.MARGIN
        for line in self.wrap(text, size, usable):
            if self.y - size * 1.4 < self.MARGIN:
                self._new_page()
            self.y -= size * 1.4
            self.text(self.MARGIN, self.y, line, size)
        self.y -= gap

    def table(self, rows: list[list[str]], size: float = 8.0) -> None:
        usable = self.PAGE_W - 2 * self.MARGIN
        cols = len(rows[0])
        natural = [max(self.width(r[c], size) for r in rows) + 8 for c in range(cols)]
        floor = [min(n, 40.0) for n in natural]
        total = sum(natural)
        if total <= usable:
            widths = natural
        else:  # share the width in proportion to content, never below a small floor
            spare = usable - sum(floor)
            extra = [n - f for n, f in zip(natural, floor)]
            widths = [f + spare * e / (sum(extra) or 1) for f, e in zip(floor, extra)]
        pad, leading = 3.0, size * 1.3
        header = rows[0]

        def draw_row(row: list[str]) -> None:
            cells = [self.wrap(value, size, w - 2 * pad) if value else [""] for value, w in zip(row, widths)]
            height = max(len(c) for c in cells) * leading + 2 * pad
            if self.y - height < self.MARGIN:
                self._new_page()
                if row is not header:
                    draw_row(header)  # the header repeats on the next page, as word processors do
            top = self.y
            x = self.MARGIN
            for lines, w in zip(cells, widths):
                for i, text in enumerate(lines):
                    if text:
                        self.text(x + pad, top - pad - (i + 1) * leading + size * 0.25, text, size)
                x += w
            bottom = top - height
            self.line(self.MARGIN, top, self.MARGIN + sum(widths), top)
            self.line(self.MARGIN, bottom, self.MARGIN + sum(widths), bottom)
            x = self.MARGIN
            for w in [0.0, *widths]:
                x += w
                self.line(x, top, x, bottom)
            self.y = bottom

        for row in rows:
            draw_row(row)
        self.y -= 8

    def save(self, path: Path) -> Path:
        self.raw.FPDFPage_GenerateContent(self.page.raw)
        self.pdf.save(str(path))
        return path


def write_pdf(parts: list[Part], path: Path, font: Path | None = None) -> Path:
    font = font or font_path()
    if font is None:
        raise FileNotFoundError("no Korean TrueType font (fonts-nanum or Pretendard) to draw the PDF with")
    writer = _PdfWriter(font)
    for part in parts:
        if part.kind == "heading":
            writer.paragraph(part.text, size=12.0 if part.level <= 2 else 10.5, gap=6.0)
        elif part.kind == "paragraph":
            writer.paragraph(part.text)
        else:
            writer.table(part.rows)
    return writer.save(path)


def write_all(source: Path, out: Path, stem: str | None = None) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    parts = parts_of(source.read_text(encoding="utf-8-sig"))
    stem = stem or source.stem
    made = {
        "docx": write_docx(parts, out / f"{stem}.docx"),
        "hwpx": write_hwpx(parts, out / f"{stem}.hwpx"),
        "hwp": write_hwp(parts, out / f"{stem}.hwp"),
    }
    if font_path() is not None:
        made["pdf"] = write_pdf(parts, out / f"{stem}.pdf")
    return made


if __name__ == "__main__":
    for kind, made in write_all(Path(sys.argv[1]), Path(sys.argv[2])).items():
        print(kind, made)
