"""Workbooks: xlsx and Excel 97-2003 `.xls` (BIFF) via python-calamine, and HTML tables saved
with an Excel name (`export.xls` that is really a web page)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

from python_calamine import CalamineWorkbook

from ingest.extract import Extract, ReadError, arrow_rows, clean_header
from ingest.headers import find_header, no_header_message, norm_label
from ingest.sap_list import Wrap
from ingest.sources import Source

_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|table|head|body|meta)\b",
                         re.IGNORECASE | re.DOTALL)
_XML_SPREADSHEET = re.compile(r"\s*<\?xml[^>]*>\s*(<\?mso-application[^>]*>\s*)?<Workbook\b",
                              re.IGNORECASE)


def cell_text(value: object) -> str | None:
    """A workbook cell as the text it holds: ISO dates, integers without `.0`."""
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


def read_workbook(conn, path: Path, source: Source, sources: Mapping[str, Source],
                  wrap: Wrap | None, fmt: str) -> Extract:
    """xlsx or xls: the sheet named after the source, else the first one."""
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for broken files
        name = "Excel 97-2003 (.xls)" if fmt == "xls" else fmt
        raise ReadError(f"not a readable {name} workbook: {exc}") from exc
    known = {norm_label(n) for n in (source.name, *source.sheet_names)}
    sheet = next((n for n in book.sheet_names if norm_label(n) in known), book.sheet_names[0])
    warnings = [f"read sheet {sheet!r}"] if len(book.sheet_names) > 1 else []
    return grid_extract(conn, _cells(book, sheet), source, sources, wrap, fmt, warnings)


def _cells(book, sheet: str) -> list[list[str | None]]:
    return [[cell_text(v) for v in row] for row in
            book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)]


def sheet_rows(path: Path) -> list[list[str | None]]:
    """The first sheet's cells as text (to name the source of a stray file)."""
    book = CalamineWorkbook.from_path(str(path))
    return _cells(book, book.sheet_names[0])


def grid_extract(conn, rows: list[list[str | None]], source: Source,
                 sources: Mapping[str, Source], wrap: Wrap | None, fmt: str,
                 warnings: list[str]) -> Extract:
    """Rows of cells (sheet or HTML table) → `_rows`; the row number is the grid's row."""
    cells = [[[c or "" for c in row]] for row in rows]
    found = find_header(cells, sources)
    if found is None:
        raise ReadError(no_header_message(source, cells, [" | ".join(filter(None, r))
                                                          for r in rows]))
    idx = found[0]
    headers = [clean_header(c) for c in rows[idx]]
    title = [" ".join(c for c in row if c) for row in rows[:idx] if any(row)]
    numbers, columns = [], [[] for _ in headers]
    for i, row in enumerate(rows[idx + 1:], start=idx + 2):
        if not any(row):
            continue
        numbers.append(i)
        for n in range(len(headers)):
            columns[n].append(row[n] if n < len(row) else None)
    arrow_rows(conn, numbers, columns, headers, wrap)
    return Extract(headers, len(numbers), None, fmt, title, warnings)


def markup_kind(head: str) -> str | None:
    """'html' for a web page or HTML table, 'xml' for an XML Spreadsheet 2003, else None."""
    if _HTML_START.match(head):
        return "html"
    return "xml" if _XML_SPREADSHEET.match(head) else None


class _Tables(HTMLParser):
    """Rows of the `<table>`s of a page, in order; notes what a simple table does not have."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str | None]] = []
        self.depth, self.cell, self.problem = 0, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.depth += 1
            if self.depth > 1:
                self.problem = "a table inside a table"
        elif tag == "tr" and self.depth:
            self.rows.append([])
        elif tag in ("td", "th") and self.depth and self.rows:
            spans = [v for k, v in attrs if k in ("colspan", "rowspan") and v not in ("1", None)]
            if spans:
                self.problem = "merged cells (colspan/rowspan)"
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()) or None)
            self.cell = None
        elif tag == "table":
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def read_html(conn, text: str, path: Path, source: Source, sources: Mapping[str, Source],
              wrap: Wrap | None, encoding: str) -> Extract:
    """A simple HTML table (one header row, no merged cells, no nested tables)."""
    what = f"this {path.suffix or 'file'} is an HTML page saved with an Excel name"
    parser = _Tables()
    parser.feed(text)
    parser.close()
    if parser.problem or not any(parser.rows):
        why = parser.problem or "no table in it"
        raise ReadError(f"{what}: it is not a simple table ({why}); open it in Excel and save "
                        "it as .xlsx, or export the list again as text")
    try:
        ext = grid_extract(conn, parser.rows, source, sources, wrap, "html table", [])
    except ReadError as exc:
        raise ReadError(f"{what}: {exc}") from exc
    ext.encoding = encoding
    return ext
