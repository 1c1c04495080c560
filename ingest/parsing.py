"""Load the shared parsing macros (`parsing.sql`) into a DuckDB connection."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb

PARSING_SQL = Path(__file__).with_name("parsing.sql")
MACROS = ("fi_amount", "fi_quantity", "fi_date", "norm_code")


@cache
def _statements() -> tuple[str, ...]:
    lines = [
        line for line in PARSING_SQL.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("--")
    ]
    return tuple(s.strip() for s in "\n".join(lines).split(";") if s.strip())


def load_macros(conn: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Create fi_amount, fi_quantity, fi_date and norm_code as temp macros on `conn`."""
    for statement in _statements():
        conn.execute(statement)
    return conn
