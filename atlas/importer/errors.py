"""Why a file is refused. A refused file writes nothing; the page and the CLI say why.

The sentences live in the translation table (atlas/strings/import_.py, keys
`import.refused.<code>`); the CLI prints the English one with its code, which scripts can
rely on.
"""

from __future__ import annotations

CODES = ("empty", "too_large", "unsupported_format", "binary", "undecodable", "damaged", "protected",
         "no_text", "not_a_trip")


class ImportRefused(Exception):
    """The file cannot be imported. `code` is one of CODES; `detail` adds specifics."""

    def __init__(self, code: str, detail: str | None = None, file_name: str | None = None):
        if code not in CODES:
            raise ValueError(f"unknown refusal code {code!r}")
        self.code = code
        self.detail = detail
        self.file_name = file_name
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        from atlas.i18n import t

        text = t(f"import.refused.{self.code}", lang)
        return f"{text} ({self.detail})" if self.detail else text
