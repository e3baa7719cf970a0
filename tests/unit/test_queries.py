"""The query runner and every named query file."""

from __future__ import annotations

import re

import pytest

from atlas import queries
from atlas.filters import Filters
from atlas.paths import ROOT
from atlas.queries import QueryError, parse


def test_every_query_file_parses_and_declares_exactly_its_parameters():
    names = queries.all_names()
    assert len(names) >= 10
    for name in names:
        query = queries.load(name)  # raises on a bad header, a mismatch, or two statements
        assert query.purpose and query.grain


def test_header_must_declare_the_parameters_used():
    with pytest.raises(QueryError, match="declares"):
        parse("x/y", "-- Purpose: p\n-- Grain: g\n-- Params: $a\nselect $a, $b")


def test_header_fields_are_required():
    with pytest.raises(QueryError, match="Grain"):
        parse("x/y", "-- Purpose: p\n-- Params: none\nselect 1")


def test_one_statement_per_file():
    with pytest.raises(QueryError, match="one statement"):
        parse("x/y", "-- Purpose: p\n-- Grain: g\n-- Params: none\nselect 1; select 2")


def test_dollar_signs_in_strings_and_comments_are_not_parameters():
    query = parse("x/y", "-- Purpose: p\n-- Grain: g\n-- Params: $a\nselect '$notme', $a -- $nor_me")
    assert query.params == {"a"}


def test_missing_parameter_is_refused_by_the_runner(empty_db):
    with pytest.raises(QueryError, match="date_from"):
        empty_db.query("overview/counts", {})


def test_every_query_binds_and_runs_on_an_empty_database(empty_db):
    """Each statement is prepared and executed with every parameter NULL (or a neutral value)
    inside a transaction that is rolled back, so writes leave nothing behind."""
    neutral = {"limit": 10}
    for name in queries.all_names():
        query = queries.load(name)
        params = {p: neutral.get(p) for p in query.params}
        if name.startswith(("reference/", "settings/")):
            continue  # writes with NOT NULL columns; exercised by the seed loader tests
        empty_db.query(name, params)


def _query_calls() -> list[tuple[str, str, set[str] | None]]:
    """(file, query name, parameters the call supplies — None when not knowable statically)."""
    import ast

    filter_params = set(Filters().params())
    calls = []
    sources = list((ROOT / "atlas").rglob("*.py")) + list((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            method = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            # db.query(name, params) / ctx.filtered(name, **extra) / tx.run(name, params) /
            # run_query(database, name, params) / queries.load(name) (run by hand, e.g. atlas/db.py)
            position = 1 if method == "run_query" else 0
            if method not in {"query", "filtered", "run", "scalar", "run_query", "load"} or len(node.args) <= position:
                continue
            first = node.args[position]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str) and "/" in first.value):
                continue
            supplied: set[str] | None = {k.arg for k in node.keywords if k.arg}
            if method == "filtered":
                supplied |= filter_params
            elif len(node.args) > position + 1:
                arg = node.args[position + 1]
                if isinstance(arg, ast.Dict) and all(isinstance(k, ast.Constant) for k in arg.keys):
                    supplied = {k.value for k in arg.keys}
                elif isinstance(arg, ast.Call) and getattr(arg.func, "attr", "") == "params":
                    supplied = set(filter_params)
                else:
                    supplied = None
            if method == "load":
                supplied = None  # its caller binds the parameters itself
            calls.append((path.name, first.value, supplied))
    return calls


def test_every_query_is_used_and_every_used_name_exists():
    calls = _query_calls()
    files = set(queries.all_names())
    used = {name for _, name, _ in calls}
    assert used <= files, f"calls to missing queries: {sorted(used - files)}"
    unused = files - used - {"integrity/orphans"}  # the integrity check is run by tests
    assert not unused, f"query files nobody calls: {sorted(unused)}"


def test_callers_supply_every_parameter_a_query_uses():
    checked = 0
    for source, name, supplied in _query_calls():
        if supplied is None:
            continue
        missing = queries.load(name).params - supplied
        assert not missing, f"{source} calls {name} without {sorted(missing)}"
        checked += 1
    assert checked >= 10


def test_filtered_queries_get_every_filter_parameter():
    """Queries taking filter parameters must take all of them (Filters.params supplies the set)."""
    filter_params = set(Filters().params())
    for name in queries.all_names():
        params = queries.load(name).params
        if params & filter_params:
            assert filter_params <= params, f"{name} uses only some filter parameters"


def test_no_sql_is_built_from_values_in_python():
    """Values go in as bound parameters: no f-string or %-format SQL with a value in it.
    The only dynamic identifiers are catalog names and checked column names (db.py, export.py)."""
    allowed = {"db.py", "export.py"}
    pattern = re.compile(r"""(execute|sql|rows)\(\s*f["']""")
    for path in (ROOT / "atlas").rglob("*.py"):
        if path.name in allowed:
            continue
        assert not pattern.search(path.read_text(encoding="utf-8")), path
