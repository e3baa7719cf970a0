"""The audit export: every table, every row, as plain JSON."""

from __future__ import annotations

import base64
import datetime as dt
import math
from decimal import Decimal
from typing import Any

from atlas.db import Database


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def export_tables(database: Database) -> dict[str, list[dict[str, Any]]]:
    """{"table": [row, …]} for every application table, rows in primary-key order."""
    tables = database.query("export/tables")["table_name"].tolist()
    out: dict[str, list[dict[str, Any]]] = {}
    for table in tables:
        # The name comes from DuckDB's own catalog, never from a user.
        rows, columns = database.rows(f'select * from "{table}" order by all')
        out[table] = [{c: _plain(v) for c, v in zip(columns, row)} for row in rows]
    return out
