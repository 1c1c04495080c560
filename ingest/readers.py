"""Read one extract file into temp table `_rows(row_number, c0..cN)`, whatever its format."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
from python_calamine import CalamineWorkbook

from ingest.encoding import EncodingError, Sniffed, decode, sniff, transcode
from ingest.sap_list import (
    TRUNCATION_COUNTS,
    Wrap,
    is_sap_header,
    materialize,
    numbered_lines,
    read_sap_list,
    sap_cells,
)
from ingest.sources import Source, best_source, norm_label

HEADER_SEARCH_LINES = 60
MIN_HEADER_SCORE = 2
DELIMITERS = {"\t": "tab", ";": "semicolon", ",": "comma"}


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


def _find_header(rows: list[list[list[str]]]) -> tuple[int, int] | None:
    """(row index, variant index) of the first row naming enough known labels of any source."""
    for i, variants in enumerate(rows[:HEADER_SEARCH_LINES]):
        scores = [best_source(cells)[1] for cells in variants]
        if scores and max(scores) >= MIN_HEADER_SCORE:
            return i, scores.index(max(scores))
    return None


def _no_header(source: Source) -> ReadError:
    required = "; ".join(f"{f.name} ({', '.join(f.labels)})" for f in source.fields if f.required)
    return ReadError(
        f"no header row found in the first {HEADER_SEARCH_LINES} lines; a {source.name} "
        f"extract needs columns {required}"
    )


def read_extract(
    conn: duckdb.DuckDBPyConnection, path: Path, data: bytes, source: Source, workdir: Path,
    wrap: Wrap | None = None, sniffed: Sniffed | ReadError | None = None,
) -> Extract:
    """Detect the format (xlsx, SAP list, delimited text) of `data` (the bytes of `path`).
    `wrap(headers, select)` may add columns to `_rows` in the pass that materialises it.
    `sniffed` is `text_sniff(data)` when the caller worked it out ahead (None: done here)."""
    if not data:
        raise ReadError("the file is empty (0 bytes): export it again")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(conn, path, source, wrap)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError("binary Excel 97-2003 workbook: save it as .xlsx or as text")
    sniffed = sniffed if sniffed is not None else text_sniff(data)
    if isinstance(sniffed, ReadError):
        raise sniffed
    if not (sniffed.head.strip() or (sniffed.text or _text(data, sniffed)).strip()):
        raise ReadError("the file has no text (only whitespace): export it again")
    return _read_text(conn, data, sniffed, path, source, workdir, wrap)


def text_sniff(data: bytes) -> Sniffed | ReadError | None:
    """The encoding sniff of a text file, or the ReadError it leads to; None for what is not
    read as text (empty, xlsx, Excel 97-2003). Returns the error instead of raising it so
    that it can be worked out ahead, before the file is known to need reading."""
    if not data or data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return None
    try:
        return sniff(data)
    except (EncodingError, UnicodeDecodeError) as exc:
        error = ReadError(f"cannot trust the text encoding: {exc}")
        error.__cause__ = exc
        return error


def _text(data: bytes, sniffed: Sniffed) -> str:
    """The whole text (decoded only where a reader needs it: quoted csv, blank-looking head)."""
    if sniffed.text is None:
        sniffed.text = decode(data)[0]
    return sniffed.text


def _read_text(conn, data: bytes, sniffed: Sniffed, path: Path, source: Source,
               workdir: Path, wrap: Wrap | None) -> Extract:
    encoding, direct = sniffed.encoding, sniffed.direct
    head = sniffed.head.split("\n")[:HEADER_SEARCH_LINES]
    head = [line.rstrip("\r") for line in head]
    variants = [
        [sap_cells(line)] if is_sap_header(line) else [line.split(d) for d in DELIMITERS]
        for line in head
    ]
    found = _find_header(variants)
    if found is None:
        raise _no_header(source)
    idx, variant = found
    title = [line.strip() for line in head[:idx] if line.strip()]
    crlf = "\r\n" in sniffed.head
    delim = "|" if is_sap_header(head[idx]) else list(DELIMITERS)[variant]
    quoted = delim != "|" and ('"' in sniffed.text if sniffed.text is not None else b'"' in data)
    # DuckDB reads UTF-8 and Latin-1 itself; anything else is transcoded once to UTF-8 (from
    # the text when it was decoded anyway, else in chunks from the bytes).
    text_path, duck_encoding = str(path), direct
    if not direct and not quoted:
        text_path, duck_encoding = str(workdir / "utf8.txt"), "utf-8"
        with open(text_path, "wb") as target:
            if sniffed.text is not None:
                target.write(sniffed.text.encode("utf-8"))
            else:
                transcode(data, encoding, target)
    if delim == "|":
        tail = [line.rstrip("\r") for line in sniffed.tail.split("\n")]
        rows_read, warnings = read_sap_list(
            conn, text_path, crlf, duck_encoding, head[idx], idx + 1, tail, wrap)
        return Extract(sap_cells(head[idx]), rows_read, encoding, "sap_list", title, warnings)
    headers = [h.strip().strip('"').strip() for h in head[idx].split(delim)]
    if quoted:
        rows_read = _csv_rows(conn, _text(data, sniffed), idx, delim, headers, wrap)
    else:
        rows_read = _delimited_rows(conn, text_path, crlf, duck_encoding, idx, delim,
                                    headers, wrap)
    warnings = []
    last = next((line for line in reversed(sniffed.tail.split("\n")) if line.strip()), "")
    if rows_read and last.count(delim) < len(headers) - 1:
        warnings.append("the last line has fewer fields than the header: the file looks cut")
    if rows_read in TRUNCATION_COUNTS:
        warnings.append(f"exactly {rows_read} data rows: the export may have hit a row limit")
    fmt = f"delimited ({DELIMITERS[delim]})"
    return Extract(headers, rows_read, encoding, fmt, title, warnings)


def _delimited_rows(conn, path: str, crlf: bool, encoding: str, idx: int, delim: str,
                    headers: list[str], wrap: Wrap | None) -> int:
    """Unquoted delimited text: numbered lines split in SQL, in one statement. Lines of only
    delimiters and spaces are not rows."""
    cols = ", ".join(f"trim(f[{n + 1}]) AS c{n}" for n in range(len(headers)))
    lines = numbered_lines(conn, path, crlf, encoding)
    select = (f"SELECT line_no AS row_number, {cols} FROM "
              f"(SELECT line_no, string_split(line, ?) AS f FROM {lines} "
              "WHERE line_no > ? AND ltrim(line, ? || ' ') <> '')")
    materialize(conn, select, [delim, idx + 1, delim], headers, wrap)
    return conn.execute("SELECT count(*) FROM _rows").fetchall()[0][0]


def _csv_rows(conn, text: str, idx: int, delim: str, headers: list[str],
              wrap: Wrap | None) -> int:
    """Quoted delimited text (fields may hold delimiters or line breaks): Python's csv."""
    start = 0
    for _ in range(idx + 1):
        start = text.find("\n", start) + 1 or len(text)
    reader = csv.reader(io.StringIO(text[start:], newline=""), delimiter=delim)
    width = len(headers)
    columns: list[list[str | None]] = [[] for _ in range(width)]
    numbers, line_no = [], idx + 1
    for record in reader:
        first_line, line_no = line_no + 1, idx + 1 + reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        numbers.append(first_line)
        for n in range(width):
            columns[n].append(record[n].strip() if n < len(record) else None)
    _arrow_rows(conn, numbers, columns, headers, wrap)
    return len(numbers)


def _arrow_rows(conn, numbers: list[int], columns: list[list[str | None]], headers: list[str],
                wrap: Wrap | None) -> None:
    table = pa.table(
        {"row_number": pa.array(numbers, pa.int64())}
        | {f"c{n}": pa.array(col, pa.string()) for n, col in enumerate(columns)}
    )
    conn.register("_rows_arrow", table)
    materialize(conn, "SELECT * FROM _rows_arrow", [], headers, wrap)
    conn.unregister("_rows_arrow")


def cell_text(value: object) -> str | None:
    """An xlsx cell as the text it holds: ISO dates, integers without `.0`."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = repr(value)
        return format(value, "f").rstrip("0") if "e" in text else text
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip() or None


def _read_xlsx(conn, path: Path, source: Source, wrap: Wrap | None) -> Extract:
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for broken archives
        raise ReadError(f"not a readable xlsx workbook: {exc}") from exc
    known = {norm_label(n) for n in (source.name, *source.sheet_names)}
    sheet = next((n for n in book.sheet_names if norm_label(n) in known), book.sheet_names[0])
    rows = [[cell_text(v) for v in row] for row in
            book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)]
    found = _find_header([[[c or "" for c in row]] for row in rows])
    if found is None:
        raise _no_header(source)
    idx = found[0]
    headers = [c or "" for c in rows[idx]]
    title = [" ".join(c for c in row if c) for row in rows[:idx] if any(row)]
    numbers, columns = [], [[] for _ in headers]
    for i, row in enumerate(rows[idx + 1:], start=idx + 2):
        if not any(row):
            continue
        numbers.append(i)
        for n in range(len(headers)):
            columns[n].append(row[n] if n < len(row) else None)
    _arrow_rows(conn, numbers, columns, headers, wrap)
    warnings = [f"read sheet {sheet!r}"] if len(book.sheet_names) > 1 else []
    return Extract(headers, len(numbers), None, "xlsx", title, warnings)
