"""SAP list ("unconverted") exports: `|`-framed fixed-width rows cut in SQL at the header's `|`."""

from __future__ import annotations

import re
from collections.abc import Callable

import duckdb

TRUNCATION_COUNTS = (5_000, 10_000)
_RULE = re.compile(r"^\s*-{10,}\s*$")


def is_sap_header(line: str) -> bool:
    stripped = line.rstrip()
    return stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3


def sap_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.rstrip().split("|")[1:-1]]


Wrap = Callable[[list[str], str], str]


def materialize(conn, select: str, params: list, headers: list[str], wrap: Wrap | None) -> None:
    """Temp table `_rows` from `select` (row_number, c0..cN). `wrap(headers, select)` may add
    columns computed in the same pass (landing's checks and natural keys)."""
    sql = wrap(headers, select) if wrap else select
    conn.execute(f"CREATE OR REPLACE TEMP TABLE _rows AS {sql}", params)
    conn.execute("DROP TABLE IF EXISTS _lines")


def numbered_lines(conn: duckdb.DuckDBPyConnection, path: str, crlf: bool,
                   encoding: str) -> str:
    """SQL of a subquery `(line_no, line)` of a text file: one row per physical line, in file
    order, blank lines included (as NULL) so that line numbers stay true.

    The lines are read into temp table `_lines` (dropped by `materialize`) and numbered by
    their row id: a table keeps the order of a read that preserves insertion order, and both
    the read and the scans of it run in parallel, where `row_number() OVER ()` over the read
    would number in a single thread."""
    new_line = "\\r\\n" if crlf else "\\n"
    read = (f"read_csv({_lit(path)}, delim = chr(1), quote = '', escape = '', header = false, "
            "columns = {'line': 'VARCHAR'}, auto_detect = false, strict_mode = false, "
            f"new_line = {_lit(new_line)}, encoding = {_lit(encoding)})")
    conn.execute(f"CREATE OR REPLACE TEMP TABLE _lines AS SELECT line FROM {read}")
    return "(SELECT rowid + 1 AS line_no, line FROM _lines)"


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def read_sap_list(
    conn: duckdb.DuckDBPyConnection, path: str, crlf: bool, encoding: str, header_line: str,
    header_no: int, tail: list[str], wrap: Wrap | None = None,
) -> tuple[int, list[str]]:
    """Temp table `_rows(row_number, c0..cN)`; returns rows read and truncation warnings.

    Data rows are the `|` lines after the header that are not the repeated page header, a
    `|---|` separator or a `|*` total; columns are cut at the header row's `|` positions.
    """
    header = header_line.rstrip()
    bars = [i for i, ch in enumerate(header) if ch == "|"]
    # Splitting at `|` gives the same cells as cutting at the header's positions whenever a row
    # has exactly the header's number of bars, and is much cheaper; other rows (a `|` inside a
    # text, a cut last line) are cut by position.
    cols = ", ".join(
        f"trim(CASE WHEN len(f) = {len(bars) + 1} THEN f[{n + 2}] "
        f"ELSE substr(line, {a + 2}, {b - a - 1}) END) AS c{n}"
        for n, (a, b) in enumerate(zip(bars, bars[1:], strict=False))
    )
    # Repeated page headers and blank framed rows are recognised by a prefix of the raw line:
    # a filter on the cut cells would be evaluated once more for every row.
    first_cells = header[: bars[min(2, len(bars) - 1)] + 1]
    blank = "".join("|" + " " * (b - a - 1) for a, b in zip(bars, bars[1:], strict=False))
    lines = numbered_lines(conn, path, crlf, encoding)
    select = (
        f"SELECT line_no AS row_number, {cols} FROM "
        f"(SELECT line_no, line, string_split(line, '|') AS f FROM {lines} "
        "WHERE line_no > ? AND starts_with(line, '|') AND NOT starts_with(line, '|*') "
        "AND NOT starts_with(line, '|-') AND NOT starts_with(line, ?) "
        "AND NOT starts_with(line, ?))"
    )
    materialize(conn, select, [header_no, first_cells, blank], sap_cells(header), wrap)
    rows_read = conn.execute("SELECT count(*) FROM _rows").fetchall()[0][0]
    warnings = []
    last_text = next((line for line in reversed(tail) if line.strip()), "")
    if not _RULE.match(last_text):
        warnings.append("no dashed end rule: the SAP list export may be truncated")
    data = [line.rstrip() for line in tail if line.startswith("|")
            and not line.startswith(("|*", "|-")) and line.rstrip() != header]
    if data and (len(data[-1]) < len(header) or not data[-1].endswith("|")):
        warnings.append("the last data row is shorter than the header: the file looks cut")
    if rows_read in TRUNCATION_COUNTS:
        warnings.append(f"exactly {rows_read} data rows: the export may have hit a row limit")
    return rows_read, warnings
