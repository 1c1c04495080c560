"""SAP list ("unconverted") exports: `|`-framed fixed-width rows cut in SQL at the header's `|`."""

from __future__ import annotations

import re
from collections.abc import Callable

import duckdb

TRUNCATION_COUNTS = (5_000, 10_000)
_RULE = re.compile(r"^\s*-{10,}\s*$")
TRUNCATED = "no dashed end rule: the SAP list export may be truncated"


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
    rows, end_warnings, after_end = _table_tail(tail, header, bars)
    last_line = 1 << 62
    if after_end:  # a statistics box or other `|` lines below the table's end rule
        last_line = conn.execute("SELECT count(*) FROM _lines").fetchall()[0][0] - after_end
    select = (
        f"SELECT line_no AS row_number, {cols} FROM "
        f"(SELECT line_no, line, string_split(line, '|') AS f FROM {lines} "
        "WHERE line_no > ? AND line_no <= ? AND starts_with(line, '|') "
        "AND NOT starts_with(line, '|*') AND NOT starts_with(line, '|-') "
        "AND NOT starts_with(line, ?) AND NOT starts_with(line, ?))"
    )
    materialize(conn, select, [header_no, last_line, first_cells, blank], sap_cells(header),
                wrap)
    rows_read = conn.execute("SELECT count(*) FROM _rows").fetchall()[0][0]
    warnings = list(end_warnings)
    data = [line.rstrip() for line in rows if line.startswith("|")
            and not line.startswith(("|*", "|-")) and line.rstrip() != header]
    if data and (len(data[-1]) < len(header) or not data[-1].endswith("|")):
        warnings.append("the last data row is shorter than the header: the file looks cut")
    if rows_read in TRUNCATION_COUNTS:
        warnings.append(f"exactly {rows_read} data rows: the export may have hit a row limit")
    return rows_read, warnings


def _table_tail(tail: list[str], header: str, bars: list[int]
                ) -> tuple[list[str], list[str], int]:
    """The table's lines among the file's last lines, the end-rule warning, and how many
    lines follow the table's end rule when `|` lines (a statistics box) are among them (0
    otherwise: nothing below the table needs leaving out)."""
    lines = tail[:-1] if tail and tail[-1] == "" else tail

    def table_row(line: str) -> bool:  # a row of the table's own frame (data or total)
        line = line.rstrip()
        return len(line) == len(header) and all(line[b] == "|" for b in bars)

    last = max((i for i, line in enumerate(lines) if table_row(line)), default=None)
    if last is None:  # no whole row in the tail: the last line decides
        end = next((line for line in reversed(lines) if line.strip()), "")
        warning = [] if _RULE.match(end) else [TRUNCATED]
        return lines, warning, 0
    after = lines[last + 1:]
    rule = next((j for j, line in enumerate(after) if line.strip()), None)
    if rule is None or not _RULE.match(after[rule]):
        return lines, [TRUNCATED], 0
    below = after[rule + 1:]
    boxed = any(line.startswith("|") for line in below)
    return lines[:last + 1], [], len(below) if boxed else 0
