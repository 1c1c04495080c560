"""Read the site folder's files as people save them: CSV (comma or semicolon, UTF-8 or
Windows-1252, from Excel or a text editor), xlsx, and TOML."""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path

from python_calamine import CalamineWorkbook

from warehouse.site.tables import Table


class SiteFileError(ValueError):
    """A site file cannot be read; the message names the file and what to do."""


def table_file(folder: Path, table: Table) -> Path | None:
    """The file that holds `table` in the folder: `<name>.csv` or `<name>.xlsx`, not both."""
    found = [p for p in (folder / f"{table.name}.csv", folder / f"{table.name}.xlsx")
             if p.exists()]
    if len(found) > 1:
        raise SiteFileError(f"{found[0]} and {found[1]} both exist: keep one of them")
    return found[0] if found else None


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SiteFileError(f"{path}: not text in UTF-8 or Windows-1252; save it as CSV UTF-8")


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row number as a spreadsheet shows it, {header: cell}) for each non-empty row."""
    if path.suffix.lower() == ".xlsx":
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        grid = [[_cell(v) for v in row] for row in sheet]
    else:
        text = _decode(path)
        first = text.splitlines()[0] if text.strip() else ""
        delimiter = ";" if first.count(";") > first.count(",") else ","
        grid = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not grid:
        return []
    headers = [h.strip().lower() for h in grid[0]]
    rows = []
    for number, cells in enumerate(grid[1:], start=2):
        values = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(headers)
                  if h}
        if any(values.values()):
            rows.append((number, values))
    rows.insert(0, (1, {h: h for h in headers if h}))
    return rows


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(_decode(path))
    except tomllib.TOMLDecodeError as exc:
        raise SiteFileError(f"{path}: {exc}. Check the quotes and brackets on that line.") from None
