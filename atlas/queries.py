"""Named SQL queries: one statement per file under queries/<domain>/<name>.sql.

Each file starts with a header comment::

    -- Purpose: what the query answers.
    -- Grain: one row per city.
    -- Params: $date_from, $date_to   (or: none)

Values are always bound as `$named` parameters; the loader checks that the header declares
exactly the parameters the statement uses, and the runner that callers supply all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from atlas.paths import QUERIES_DIR

_PARAM = re.compile(r"(?<![\w$:])\$([a-z_][a-z0-9_]*)")
_STRING_OR_COMMENT = re.compile(r"'(?:[^']|'')*'|--[^\n]*")


SCRIPT_DIRS = ("migrations", "scripts")  # multi-statement SQL run whole, not named queries


class QueryError(ValueError):
    """A query file is malformed, missing, or called without its parameters."""


@dataclass(frozen=True)
class Query:
    name: str  # "overview/counts"
    sql: str
    purpose: str
    grain: str
    params: frozenset[str]

    def bind(self, supplied: dict | None) -> dict:
        """Pick this query's parameters out of `supplied`; raise if any is missing."""
        supplied = supplied or {}
        missing = sorted(self.params - supplied.keys())
        if missing:
            raise QueryError(f"query {self.name} needs parameters it was not given: {', '.join(missing)}")
        return {key: supplied[key] for key in self.params}


def used_params(sql: str) -> set[str]:
    """The $names a statement uses, ignoring string literals and comments."""
    return set(_PARAM.findall(_STRING_OR_COMMENT.sub(" ", sql)))


def parse(name: str, text: str) -> Query:
    header: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("--"):
            break
        match = re.match(r"--\s*(Purpose|Grain|Params):\s*(.*)", stripped, re.IGNORECASE)
        if match:
            header[match.group(1).lower()] = match.group(2).strip()
    for field in ("purpose", "grain", "params"):
        if not header.get(field):
            raise QueryError(f"query {name}: header lacks '-- {field.title()}:'")
    declared = set() if header["params"].lower() == "none" else set(re.findall(r"\$([a-z_][a-z0-9_]*)", header["params"]))
    used = used_params(text)
    if declared != used:
        raise QueryError(
            f"query {name}: header declares {sorted(declared)} but the statement uses {sorted(used)}"
        )
    body = _STRING_OR_COMMENT.sub(lambda m: m.group(0) if m.group(0).startswith("'") else "", text)
    if body.strip().rstrip(";").count(";"):
        raise QueryError(f"query {name}: one statement per file")
    return Query(name=name, sql=text.strip().rstrip(";"), purpose=header["purpose"],
                 grain=header["grain"], params=frozenset(used))


@lru_cache(maxsize=None)
def load(name: str) -> Query:
    """Load queries/<name>.sql (cached for the process)."""
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file() or name.split("/")[0] in SCRIPT_DIRS:
        raise QueryError(f"no query named {name!r} (looked for {path})")
    return parse(name, path.read_text(encoding="utf-8"))


def all_names(root: Path = QUERIES_DIR) -> list[str]:
    """Every named query (migrations and multi-statement scripts excluded)."""
    return sorted(
        p.relative_to(root).with_suffix("").as_posix()
        for p in root.rglob("*.sql")
        if p.parent.name not in SCRIPT_DIRS
    )
