"""The one catalogue of fi/en labels and the one `t()`; the chosen language lives in
`st.session_state`.

Each area keeps its labels in its own module (core, analysis, costs, operations, columns,
classification, setup, budget, editors, edits, careplan, pack, status, docs, steward, charts,
clock);
`catalogue()` merges them, explicitly and once, and refuses a key two areas define.
"""

from __future__ import annotations

import streamlit as st

from dashboard.i18n.analysis import ANALYSIS_LABELS
from dashboard.i18n.budget import BUDGET_LABELS
from dashboard.i18n.careplan import CAREPLAN_LABELS
from dashboard.i18n.charts import CHART_LABELS
from dashboard.i18n.classification import CLASSIFICATION_LABELS
from dashboard.i18n.clock import CLOCK_LABELS
from dashboard.i18n.columns import COLUMN_LABELS
from dashboard.i18n.core import LABELS as CORE_LABELS
from dashboard.i18n.costs import COSTS_LABELS
from dashboard.i18n.docs import DOCS_LABELS
from dashboard.i18n.editors import EDITOR_LABELS
from dashboard.i18n.edits import EDITS_LABELS
from dashboard.i18n.operations import OPERATIONS_LABELS
from dashboard.i18n.pack import PACK_LABELS
from dashboard.i18n.setup import SETUP_LABELS
from dashboard.i18n.status import STATUS_LABELS
from dashboard.i18n.steward import STEWARD_LABELS
from dashboard.i18n.values import VALUES

LANGUAGES = {"fi": "Suomi", "en": "English"}
DEFAULT_LANG = "fi"
STATE_KEY = "lang"
QUERY_KEY = "lang"
AREAS = (CORE_LABELS, ANALYSIS_LABELS, COSTS_LABELS, OPERATIONS_LABELS, COLUMN_LABELS,
         CLASSIFICATION_LABELS, SETUP_LABELS, BUDGET_LABELS, EDITOR_LABELS, CAREPLAN_LABELS,
         PACK_LABELS, STATUS_LABELS, DOCS_LABELS, STEWARD_LABELS, CHART_LABELS, CLOCK_LABELS,
         EDITS_LABELS)


def catalogue(*areas: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """One label dictionary per language from the areas' dictionaries; a key defined by two
    areas is an error (one of them would silently win)."""
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for area in areas:
        for lang, labels in area.items():
            twice = merged[lang].keys() & labels.keys()
            if twice:
                raise ValueError(f"labels defined twice ({lang}): {sorted(twice)}")
            merged[lang].update(labels)
    return merged


LABELS = catalogue(*AREAS)


def adopt_address() -> None:
    """`?lang=en` (or `fi`) in the address chooses the language, so every page has a stable
    URL in each language; called by the entrypoint before the sidebar's choice is drawn, which
    writes itself back to the address (`remember`)."""
    asked = st.query_params.get(QUERY_KEY)
    if asked in LANGUAGES:
        st.session_state[STATE_KEY] = asked


def current_lang() -> str:
    lang = st.session_state.get(STATE_KEY, DEFAULT_LANG)
    return lang if lang in LANGUAGES else DEFAULT_LANG


def remember() -> None:
    """The sidebar's language choice into the address (`?lang=`), for reloads and links."""
    st.query_params[QUERY_KEY] = st.session_state.get(STATE_KEY, DEFAULT_LANG)


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The label for `key`; falls back to Finnish, then to the key itself."""
    labels = LABELS[lang or current_lang()]
    text = labels.get(key) or LABELS[DEFAULT_LANG].get(key, key)
    return text.format(**values) if values else text


def column(name: str, lang: str | None = None) -> str:
    """A display name for a mart column; unknown columns keep their name."""
    return t(f"col_{name}", lang) if f"col_{name}" in LABELS[DEFAULT_LANG] else name


def value_label(code: object, lang: str | None = None) -> str:
    """A display label for a coded value of the dashboard's own (check severities); unknown
    codes show as they are."""
    return VALUES[lang or current_lang()].get(str(code), str(code))


def named(prefix: str, code: object, lang: str | None = None) -> str:
    """The catalogue's name of a code of the product's own (key `prefix` + code: a source, a
    site file, a quarantine reason); a code the catalogue does not name shows as it is."""
    key = f"{prefix}{code}"
    return t(key, lang) if key in LABELS[DEFAULT_LANG] else str(code)
