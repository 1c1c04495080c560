"""Sidebar filters shared by every page (period, customer type, segment, partnership manager).

The widgets live in the sidebar that `app.py` draws on every run, so their values stay in
`st.session_state` while the user moves between pages.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.data.filters import Filters

PERIODS = (12, 24)
KEYS = {"months": "filter_months", "types": "filter_types", "segments": "filter_segments",
        "managers": "filter_managers"}


def current() -> Filters:
    """The filters in the session (defaults before the sidebar has drawn)."""
    state = st.session_state
    return Filters(
        months=int(state.get(KEYS["months"]) or PERIODS[0]),
        types=tuple(state.get(KEYS["types"], ())),
        segments=tuple(int(s) for s in state.get(KEYS["segments"], ())),
        managers=tuple(state.get(KEYS["managers"], ())),
    )


def sidebar(options: pd.DataFrame, lang: str, type_names: Mapping[str, str]) -> Filters:
    """Draw the filter widgets; `options` has one row per customer type, segment, manager;
    `type_names` names the customer types (the warehouse's `reference.customer_types`)."""
    def values(column: str) -> list:
        return sorted(options[column].dropna().unique().tolist())

    st.segmented_control(
        i18n.t("filter_period", lang), options=list(PERIODS), key=KEYS["months"],
        default=PERIODS[0], format_func=lambda m: i18n.t("months_n", lang, n=m),
    )
    st.multiselect(i18n.t("filter_types", lang), values("customer_type"), key=KEYS["types"],
                   format_func=lambda code: type_names.get(code, code),
                   placeholder=i18n.t("filter_all", lang))
    st.multiselect(i18n.t("filter_segments", lang), [int(s) for s in values("segment")],
                   key=KEYS["segments"], placeholder=i18n.t("filter_all", lang))
    st.multiselect(i18n.t("filter_managers", lang), values("partnership_manager"),
                   key=KEYS["managers"], placeholder=i18n.t("filter_all", lang))
    return current()
