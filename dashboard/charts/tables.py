"""Tables as pandas Stylers: formats by column kind, translated headers. No `st.*` calls."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from warehouse.formats import formatter

Kind = str | Callable[[Any], str]


def style_table(
    frame: pd.DataFrame, kinds: Mapping[str, Kind], labels: Mapping[str, str], lang: str
) -> Styler:
    """Format columns by kind (eur, int, pct, num, score, date, month, datetime, or a function)
    and rename them.

    The underlying values stay numeric, so sorting in the browser still sorts numbers.
    """
    shown = frame.rename(columns=dict(labels))
    formats = {
        labels.get(column, column): kind if callable(kind) else formatter(kind, lang)
        for column, kind in kinds.items()
        if column in frame.columns
    }
    return shown.style.format(formats, na_rep="–")
