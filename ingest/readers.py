"""Read one extract file into temp table `_rows(row_number, c0..cN)`, whatever its format."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path

import duckdb

from ingest.encoding import EncodingError, Sniffed, decode, sniff, transcode
from ingest.extract import Extract, ReadError, arrow_rows, clean_header
from ingest.headers import (
    HEADER_SEARCH_LINES,
    best_source,
    find_header,
    matched_text,
    no_header_message,
)
from ingest.sap_list import (
    TRUNCATION_COUNTS,
    Wrap,
    is_sap_header,
    materialize,
    numbered_lines,
    read_sap_list,
    sap_cells,
)
from ingest.sources import SOURCES, Source
from ingest.workbooks import cell_text, markup_kind, read_html, read_workbook, sheet_rows

__all__ = ["Extract", "ReadError", "cell_text", "peek_source", "read_extract", "text_sniff"]

DELIMITERS = {"\t": "tab", ";": "semicolon", ",": "comma"}
_MAX_QUOTED_LINES = 5


def read_extract(
    conn: duckdb.DuckDBPyConnection, path: Path, data: bytes, source: Source, workdir: Path,
    wrap: Wrap | None = None, sniffed: Sniffed | ReadError | None = None,
    sources: Mapping[str, Source] | None = None,
) -> Extract:
    """Detect the format (xlsx, xls, HTML table, SAP list, delimited text) of `data` (the
    bytes of `path`). `wrap(headers, select)` may add columns to `_rows` in the pass that
    materialises it. `sniffed` is `text_sniff(data)` when the caller worked it out ahead
    (None: done here). `sources` are the sources headers are matched against (a site's
    labels included); SOURCES when None."""
    sources = SOURCES if sources is None else sources
    if not data:
        raise ReadError("the file is empty (0 bytes): export it again")
    if data.startswith(b"PK\x03\x04"):
        return read_workbook(conn, path, source, sources, wrap, "xlsx")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return read_workbook(conn, path, source, sources, wrap, "xls")
    sniffed = sniffed if sniffed is not None else text_sniff(data)
    if isinstance(sniffed, ReadError):
        raise _with_column(sniffed, sources)
    if not (sniffed.head.strip() or (sniffed.text or _text(data, sniffed)).strip()):
        raise ReadError("the file has no text (only whitespace): export it again")
    kind = markup_kind(sniffed.head[:4096])
    if kind == "html":
        return read_html(conn, _text(data, sniffed), path, source, sources, wrap,
                         sniffed.encoding)
    if kind == "xml":
        raise ReadError(f"this {path.suffix or 'file'} is an Excel XML Spreadsheet 2003: open "
                        "it in Excel and save it as .xlsx")
    return _read_text(conn, data, sniffed, path, source, sources, workdir, wrap)


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


def peek_source(path: Path, sources: Mapping[str, Source]) -> str | None:
    """`looks like a X extract (matched …): move it to X/` for a file whose header row names
    a source (read from its first 1.6 MB or sheet rows), else None. Never raises."""
    try:
        with open(path, "rb") as file:
            data = file.read(1_600_000)
        if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            variants = [[[c or "" for c in row]] for row in sheet_rows(path)[:HEADER_SEARCH_LINES]]
        else:
            if len(data) == 1_600_000:  # a whole last line, no character cut in two
                data = data[:data.rfind(b"\n") + 1] or data
            sniffed = sniff(data)
            variants = _variants(_logical_lines(sniffed.head.split("\n")[:HEADER_SEARCH_LINES])[0])
        found = find_header(variants, sources)
    except Exception:  # a note about a stray file must not stop the ingest
        return None
    if found is None:
        return None
    cells = variants[found[0]][found[1]]
    source, _ = best_source(cells, sources)
    return (f"it looks like a {source.name} extract (matched {matched_text(source, cells)}): "
            f"move it to {source.name}/")


def _with_column(error: ReadError, sources: Mapping[str, Source]) -> ReadError:
    """A mojibake error naming the column of its first damaged cell when the header is found."""
    cause = error.__cause__
    if not isinstance(cause, EncodingError) or cause.text is None or cause.line is None:
        return error
    lines = [line.rstrip("\r") for line in cause.text.split("\n", HEADER_SEARCH_LINES + 1)]
    variants = _variants(lines[:HEADER_SEARCH_LINES])
    found = find_header(variants, sources)
    if found is None or cause.line - 1 <= found[0]:
        return error
    header = variants[found[0]][found[1]]
    line = cause.text.split("\n", cause.line)[cause.line - 1].rstrip("\r")
    delim = "|" if is_sap_header(lines[found[0]]) else list(DELIMITERS)[found[1]]
    cells = sap_cells(line) if delim == "|" else line.split(delim)
    pos = next((n for n, cell in enumerate(cells) if cause.hit in cell), None)
    if pos is None or pos >= len(header):
        return error
    located = ReadError(f"{error} (line {cause.line}, column {clean_header(header[pos])!r})")
    located.__cause__ = cause
    return located


def _text(data: bytes, sniffed: Sniffed) -> str:
    """The whole text (decoded only where a reader needs it: quoted csv, blank-looking head)."""
    if sniffed.text is None:
        sniffed.text = decode(data)[0]
    return sniffed.text


def _logical_lines(physical: list[str]) -> tuple[list[str], list[int]]:
    """Lines with a quoted field's line breaks joined (a header cell `"Cost\nCenter"`), and
    the index of the physical line each ends on."""
    lines, ends, i = [], [], 0
    while i < len(physical):
        line, end = physical[i], i
        if not is_sap_header(line):
            while line.count('"') % 2 and end + 1 < min(len(physical), i + _MAX_QUOTED_LINES):
                end += 1
                line += "\n" + physical[end]
            if line.count('"') % 2:
                line, end = physical[i], i
        lines.append(line)
        ends.append(end)
        i = end + 1
    return lines, ends


def _variants(lines: list[str]) -> list[list[list[str]]]:
    """Per line, the ways of cutting it into cells: a `|`-framed SAP header, else each
    delimiter. When the file has a real SAP header block (a `|` line over a `|---|` rule),
    other `|` lines (selection, sort and statistics boxes) are not header candidates."""
    block = [is_sap_header(a) and b.startswith("|-") for a, b in zip(lines, lines[1:] + [""],
                                                                     strict=True)]
    return [
        ([sap_cells(line)] if block[i] or not any(block) else [])
        if is_sap_header(line) else [line.split(d) for d in DELIMITERS]
        for i, line in enumerate(lines)
    ]


def _read_text(conn, data: bytes, sniffed: Sniffed, path: Path, source: Source,
               sources: Mapping[str, Source], workdir: Path, wrap: Wrap | None) -> Extract:
    encoding, direct = sniffed.encoding, sniffed.direct
    physical = [line.rstrip("\r") for line in sniffed.head.split("\n")[:HEADER_SEARCH_LINES]]
    head, ends = _logical_lines(physical)
    variants = _variants(head)
    found = find_header(variants, sources)
    if found is None:
        raise ReadError(no_header_message(source, variants, head))
    idx, variant = found
    title = [" ".join(line.split()) for line in head[:idx] if line.strip()]
    crlf = "\r\n" in sniffed.head
    delim = "|" if is_sap_header(head[idx]) else list(DELIMITERS)[variant]
    quoted = delim != "|" and ('"' in sniffed.text if sniffed.text is not None else b'"' in data)
    last_header_line = ends[idx]
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
            conn, text_path, crlf, duck_encoding, head[idx], last_header_line + 1, tail,
            wrap)
        headers = [clean_header(h) for h in sap_cells(head[idx])]
        return Extract(headers, rows_read, encoding, "sap_list", title, warnings)
    if quoted:
        cells = next(csv.reader(io.StringIO(head[idx], newline=""), delimiter=delim))
        headers = [clean_header(h) for h in cells]
        rows_read = _csv_rows(conn, _text(data, sniffed), last_header_line, delim, headers,
                              wrap)
    else:
        headers = [clean_header(h.strip().strip('"')) for h in head[idx].split(delim)]
        rows_read = _delimited_rows(conn, text_path, crlf, duck_encoding, last_header_line,
                                    delim, headers, wrap)
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
    arrow_rows(conn, numbers, columns, headers, wrap)
    return len(numbers)
