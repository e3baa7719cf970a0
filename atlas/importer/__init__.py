"""Import trip reports and news articles (HWP, HWPX, PDF, DOCX, text) with provenance.

    read (readers.py) -> SourceDocument: headings, paragraphs, tables with line numbers
    extract (extract.py, report.py, news.py) -> Extraction: trip, itinerary, meetings, ...
    store (writer.py) -> rows in one transaction, each with its document and line span

`prepare` runs the first two steps (nothing is written: the CLI's `extract` and the import
page's review use it); `import_paths` runs all three for files on disk.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from atlas.importer.errors import ImportRefused
from atlas.importer.extract import extract
from atlas.importer.extraction import Extraction
from atlas.importer.model import MAX_BYTES, SourceDocument
from atlas.importer.names import Knowledge
from atlas.importer.readers import read_document, read_path
from atlas.importer.writer import Outcome, store, store_many

__all__ = ["ImportRefused", "Extraction", "Knowledge", "Outcome", "Prepared", "FileResult", "prepare",
           "prepare_path", "import_paths", "store", "store_many", "current_user", "MAX_BYTES"]


@dataclass
class Prepared:
    doc: SourceDocument
    extraction: Extraction


@dataclass
class FileResult:
    """One file of an import: what was stored, or why it was refused."""

    file_name: str
    outcome: Outcome | None = None
    refused: ImportRefused | None = None
    extraction: Extraction | None = None


def prepare(file_name: str, content: bytes, knowledge: Knowledge | None = None) -> Prepared:
    """Read and extract one file; raises ImportRefused (nothing is written either way)."""
    doc = read_document(file_name, content)
    return Prepared(doc, extract(doc, knowledge))


def prepare_path(path: str | Path, knowledge: Knowledge | None = None) -> Prepared:
    doc = read_path(path)
    return Prepared(doc, extract(doc, knowledge))


def current_user() -> str:
    return os.environ.get("ATLAS_USER") or getpass.getuser()


def import_paths(database, paths: list[str | Path], user: str | None = None, batch_size: int = 50) -> list[FileResult]:
    """Import files: each is read and extracted; refused ones write nothing; the rest are
    stored in transactions of up to `batch_size` documents (a failed batch is retried one
    document per transaction, so one bad write cannot take the others with it)."""
    user = user or current_user()
    knowledge = Knowledge.from_database(database)
    results: list[FileResult] = []
    pending: list[tuple[FileResult, Prepared]] = []

    def flush() -> None:
        if not pending:
            return
        try:
            outcomes = store_many(database, [(p.doc, p.extraction) for _, p in pending], user)
        except ImportRefused:
            raise
        except Exception:
            outcomes = []
            for result, prepared in pending:
                outcomes.append(store(database, prepared.doc, prepared.extraction, user))
        for (result, _), outcome in zip(pending, outcomes):
            result.outcome = outcome
        pending.clear()

    names_in_batch: set[str] = set()
    for path in paths:
        path = Path(path)
        result = FileResult(path.name)
        results.append(result)
        try:
            prepared = prepare_path(path, knowledge)
        except ImportRefused as refused:
            refused.file_name = refused.file_name or path.name
            result.refused = refused
            continue
        except OSError as error:
            result.refused = ImportRefused("damaged", str(error), file_name=path.name)
            continue
        result.extraction = prepared.extraction
        if path.name in names_in_batch:  # a second version of a file in the same run: store the first one first
            flush()
            names_in_batch.clear()
        pending.append((result, prepared))
        names_in_batch.add(path.name)
        if len(pending) >= batch_size:
            flush()
            names_in_batch.clear()
    flush()
    return results
