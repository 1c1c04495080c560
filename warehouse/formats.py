"""The one place for number and date formats: Finnish first (`1 234,56 €`, `31.3.2024`), English.

Every layer uses these: the dashboard, the report pack, the terminal reports of the CLI and
the texts of the data-quality checks, so a euro reads the same everywhere.

Finnish uses U+00A0 (no-break space) as the thousands separator and before the unit, so a value
never wraps. English uses `€1,234.56` and ISO dates (`2024-03-31`), unambiguous for any reader.
Percent helpers take a fraction: 0.123 → `12,3 %`. Missing values render as an en dash.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal
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


def _number(value: Any, decimals: int, lang: str) -> str:
    """Grouping: `1 234,56` (fi) or `1,234.56` (en). A Decimal is formatted exactly."""
    exact = value if isinstance(value, Decimal) else float(value)
    text = f"{exact:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", NBSP).replace(".", ",")


def fmt_eur(value: Any, lang: str = "fi", decimals: int = 2) -> str:
    if _missing(value):
        return MISSING
    number = value if isinstance(value, Decimal) else float(value)
    sign = "-" if number < 0 else ""
    body = _number(abs(number), decimals, lang)
    return f"{sign}€{body}" if lang == "en" else f"{sign}{body}{NBSP}€"


def fmt_int(value: Any, lang: str = "fi") -> str:
    if _missing(value):
        return MISSING
    return _number(round(float(value)), 0, lang)


def fmt_num(value: Any, lang: str = "fi", decimals: int = 1) -> str:
    if _missing(value):
        return MISSING
    return _number(value, decimals, lang)


def fmt_quantity(value: Any, lang: str = "fi") -> str:
    """A quantity with as many decimals as it has: `1 234,5` (fi), `1,234.5` (en)."""
    if _missing(value):
        return MISSING
    exact = Decimal(str(value)).normalize()
    decimals = max(0, -exact.as_tuple().exponent)
    return _number(exact, decimals, lang)


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
