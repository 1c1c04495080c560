"""The one place for number and date formats: Finnish first (`1 234,56 €`, `31.3.2024`), English.

Finnish uses U+00A0 (no-break space) as the thousands separator and before the unit, so a value
never wraps. English uses `€1,234.56` and ISO dates (`2024-03-31`), unambiguous for any reader.
Percent helpers take a fraction: 0.123 → `12,3 %`. Missing values render as an en dash.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable
from typing import Any

import pandas as pd

NBSP = "\u00a0"
MISSING = "–"
MONTHS_FI = (
    "tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu",
    "heinäkuu", "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu",
)
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# Plotly's `separators`: the decimal character, then the thousands character.
PLOTLY_SEPARATORS = {"fi": "," + NBSP, "en": ".,"}


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _number(value: float, decimals: int, lang: str) -> str:
    """Unsigned-aware grouping: `1 234,56` (fi) or `1,234.56` (en)."""
    text = f"{float(value):,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", NBSP).replace(".", ",")


def fmt_eur(value: Any, lang: str = "fi", decimals: int = 2) -> str:
    if _missing(value):
        return MISSING
    sign = "-" if float(value) < 0 else ""
    body = _number(abs(float(value)), decimals, lang)
    return f"{sign}€{body}" if lang == "en" else f"{sign}{body}{NBSP}€"


def fmt_int(value: Any, lang: str = "fi") -> str:
    if _missing(value):
        return MISSING
    return _number(round(float(value)), 0, lang)


def fmt_num(value: Any, lang: str = "fi", decimals: int = 1) -> str:
    if _missing(value):
        return MISSING
    return _number(value, decimals, lang)


def fmt_pct(fraction: Any, lang: str = "fi", decimals: int = 1) -> str:
    """0.123 → `12,3 %` (fi, with a no-break space as Finnish style wants) or `12.3%` (en)."""
    if _missing(fraction):
        return MISSING
    body = _number(float(fraction) * 100, decimals, lang)
    return f"{body}%" if lang == "en" else f"{body}{NBSP}%"


def signed(text: str) -> str:
    """Prefix a `+` to a formatted non-negative value, for deltas."""
    return text if text.startswith("-") or text == MISSING else f"+{text}"


def _as_date(value: Any) -> dt.date | None:
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def fmt_date(value: Any, lang: str = "fi") -> str:
    day = _as_date(value)
    if day is None:
        return MISSING
    return day.isoformat() if lang == "en" else f"{day.day}.{day.month}.{day.year}"


def fmt_month(value: Any, lang: str = "fi") -> str:
    """The first day of a month → `maaliskuu 2024` / `March 2024`."""
    day = _as_date(value)
    if day is None:
        return MISSING
    names = MONTHS_EN if lang == "en" else MONTHS_FI
    return f"{names[day.month - 1]} {day.year}"


def fmt_datetime(value: Any, lang: str = "fi") -> str:
    """`31.3.2024 klo 8.21` (fi) or `2024-03-31 08:21` (en)."""
    if _missing(value):
        return MISSING
    stamp = pd.Timestamp(value)
    if lang == "en":
        return stamp.strftime("%Y-%m-%d %H:%M")
    return f"{fmt_date(stamp, 'fi')} klo {stamp.hour}.{stamp.minute:02d}"


def formatter(kind: str, lang: str) -> Callable[[Any], str]:
    """A one-argument formatter by kind: eur, int, pct, num, score, date, month, datetime."""
    if kind == "score":
        return lambda value: fmt_num(value, lang=lang, decimals=2)
    functions: dict[str, Callable[..., str]] = {
        "eur": fmt_eur, "int": fmt_int, "pct": fmt_pct, "num": fmt_num,
        "date": fmt_date, "month": fmt_month, "datetime": fmt_datetime,
    }
    function = functions[kind]
    return lambda value: function(value, lang=lang)


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
