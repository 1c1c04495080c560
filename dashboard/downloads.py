"""Downloads from the dashboard: CSV as Finnish Excel opens it, xlsx, and no live formulas."""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd

# xlsxwriter writes a string starting with "=" as a live formula and turns URLs into links
# unless told not to: every workbook the dashboard writes stores text as text.
XLSX_TEXT_AS_TEXT = {"options": {"strings_to_formulas": False, "strings_to_urls": False}}
_FORMULA_START = re.compile(r"^[=+\-@\t\r]")
_NUMBER = re.compile(r"^[+-]?\d[\d\s]*([.,]\d+)?$")


def excel_writer(target: Any, **options: Any) -> pd.ExcelWriter:
    """A pandas ExcelWriter (xlsxwriter) that never turns cell text into formulas or links."""
    return pd.ExcelWriter(target, engine="xlsxwriter", engine_kwargs=XLSX_TEXT_AS_TEXT,
                          **options)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
    the start: CSV injection, OWASP) get a leading apostrophe; numbers and signed numeric
    text stay as they are. Names from the extracts and care plans are not trusted."""
    def cell(value: Any) -> Any:
        if isinstance(value, str) and _FORMULA_START.match(value) and not _NUMBER.match(value):
            return "'" + value
        return value

    text_columns = [c for c in frame.columns
                    if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    if not text_columns:
        return frame
    safe = frame.copy()
    for column in text_columns:
        safe[column] = safe[column].map(cell)
    return safe


def to_csv_bytes(frame: pd.DataFrame, lang: str = "fi") -> bytes:
    """CSV for download. Finnish: `;` and decimal comma with a BOM, as Finnish Excel opens it.
    Formula-like text is neutralised (`neutralise_formulas`)."""
    frame = neutralise_formulas(frame)
    if lang == "en":
        return frame.to_csv(index=False).encode("utf-8")
    return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An Excel workbook with one sheet of `frame`; numbers stay numbers."""
    buffer = io.BytesIO()
    with excel_writer(buffer) as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buffer.getvalue()
