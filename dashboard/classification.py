"""The "needs classification" state: a figure that depends on a charge's service (cost to
serve, margin, billed devices, the budget proposal) is unknown while some charge's code is not
in the site's service catalogue. The marts keep such a figure NULL beside `needs_classification`;
every page and the pack show this state (and the unclassified euros) instead of a number."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from dashboard import i18n
from warehouse.formats import fmt_eur, fmt_int, fmt_pct

FLAG = "needs_classification"


def state(lang: str) -> str:
    return i18n.t("needs_classification", lang)


def needs(row: Any) -> bool:
    """True when a row (dict, Series or namedtuple) carries needs_classification."""
    value = row.get(FLAG) if hasattr(row, "get") else getattr(row, FLAG, None)
    return bool(value) if value is not None and not pd.isna(value) else False


def eur(value: Any, flagged: bool, lang: str, decimals: int = 2) -> str:
    """Euros, or the state when the figure is unknown until classified."""
    return state(lang) if flagged else fmt_eur(value, lang, decimals)


def pct(value: Any, flagged: bool, lang: str) -> str:
    return state(lang) if flagged else fmt_pct(value, lang)


def with_euros(unclassified_eur: Any, lang: str) -> str:
    """`Luokittelua tarvitaan (luokittelemattomat 1 234,56 €)`."""
    return i18n.t("needs_classification_with", lang, eur=fmt_eur(unclassified_eur, lang))


def flagged_rows(frame: pd.DataFrame) -> pd.Series:
    if FLAG not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame[FLAG].fillna(False).astype(bool)


def summary(frame: pd.DataFrame) -> tuple[int, float]:
    """(customers needing classification, their unclassified euros) of a per-customer frame."""
    rows = frame[flagged_rows(frame)]
    euros = float(rows["unclassified_eur"].sum()) if "unclassified_eur" in rows else 0.0
    return len(rows), euros


def note(frame: pd.DataFrame, key: str, lang: str) -> str | None:
    """The page's note (`key` of the labels, with {customers} and {eur}), or None when every
    customer of `frame` is classified."""
    count, euros = summary(frame)
    if not count:
        return None
    return i18n.t(key, lang, customers=fmt_int(count, lang), eur=fmt_eur(euros, lang))


def style(styler: Styler, frame: pd.DataFrame, columns: Sequence[str],
          labels: dict[str, str], lang: str) -> Styler:
    """Show the state in `columns` of the rows that need classification (the cell's value is
    NULL there; the table would otherwise show a dash), and the flag column as text."""
    rows = frame.index[flagged_rows(frame)]
    shown = [labels.get(c, c) for c in columns if c in frame.columns]
    text = state(lang)
    if len(rows) and shown:
        styler = styler.format(lambda _: text, subset=(rows, shown))
    if FLAG in frame.columns:
        styler = styler.format(
            lambda v: text if v is True or v == 1 else i18n.t("classified", lang),
            subset=[labels.get(FLAG, FLAG)])
    return styler
