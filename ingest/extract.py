"""What a reader hands on: the Extract (headers of temp table `_rows`) or a ReadError."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from ingest.sap_list import Wrap, materialize


class ReadError(ValueError):
    """The file cannot be read as an extract; the message says why and what to do."""


@dataclass
class Extract:
    """What a reader found: header labels of `_rows` columns c0..cN and how it read them."""

    headers: list[str]
    rows_read: int
    encoding: str | None
    file_format: str
    title_lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def clean_header(text: str | None) -> str:
    """A header cell as shown and stored: line breaks, doubled and edge spaces folded."""
    return " ".join(str(text or "").split())


def arrow_rows(conn, numbers: list[int], columns: list[list[str | None]], headers: list[str],
               wrap: Wrap | None) -> None:
    """Temp table `_rows` from Python columns (quoted csv, workbooks)."""
    table = pa.table(
        {"row_number": pa.array(numbers, pa.int64())}
        | {f"c{n}": pa.array(col, pa.string()) for n, col in enumerate(columns)}
    )
    conn.register("_rows_arrow", table)
    materialize(conn, "SELECT * FROM _rows_arrow", [], headers, wrap)
    conn.unregister("_rows_arrow")
