"""The intermediate form every reader produces, so that extraction never depends on the format.

A document is a list of blocks in reading order: headings, paragraphs and tables (rows of
cells). Every block keeps the line span it occupies in the document's text — for plain text
the file's own lines, for the other formats the lines of the text the reader renders from the
blocks (that rendering is what is stored as the document's raw text, so a line number always
points into the stored text).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The kinds of document the importer knows, in the documents.format vocabulary.
FORMATS = ("txt", "md", "docx", "pdf", "hwp", "hwpx")
MAX_BYTES = 50 * 1024 * 1024  # larger files are refused before they are parsed


@dataclass
class Block:
    kind: str            # 'heading' | 'paragraph' | 'table'
    text: str            # the text; for a table its rows joined by tabs and newlines
    line_start: int      # 1-based line of the stored text
    line_end: int
    level: int = 0       # heading level 1..6 (0 for other blocks)
    rows: list[list[str]] = field(default_factory=list)
    row_lines: list[int] = field(default_factory=list)  # the line of each row (tables)


@dataclass
class ReaderNote:
    """Something a reader noticed and the importer must report (a data-quality flag)."""

    code: str
    message: str
    line_start: int | None = None
    line_end: int | None = None
    severity: str = "warning"


@dataclass
class SourceDocument:
    file_name: str
    format: str          # one of FORMATS
    sha256: str
    size_bytes: int
    content: bytes       # the original file, kept as uploaded
    raw_text: str        # the text the line numbers point into
    blocks: list[Block]
    encoding: str | None = None
    notes: list[ReaderNote] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.raw_text.splitlines()


def render(blocks: list[Block]) -> str:
    """Lay blocks out as text (a blank line between blocks) and set their line spans.

    Used by every reader except plain text, whose own lines are kept."""
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        start = len(lines) + 1
        if block.kind == "table":
            block.row_lines = []
            for row in block.rows:
                block.row_lines.append(len(lines) + 1)
                lines.append("\t".join(" ".join(cell.split("\n")) for cell in row))
        elif block.kind == "heading":
            lines.append("#" * max(1, block.level) + " " + block.text.replace("\n", " "))
        else:
            lines.extend(block.text.split("\n"))
        block.line_start, block.line_end = start, len(lines)
        if block.kind == "table":
            block.text = "\n".join(lines[start - 1:len(lines)])
    return "\n".join(lines) + ("\n" if lines else "")
