"""Streamlit blocks of the budget page: the override form and the list of overrides.

An override replaces the € of one line of next year's proposal with the manager's amount and a
justification. It is a care-plan entry (section `budget_override`, warehouse/careplans.py), so
it has versions and history, survives every rebuild, and reaches the marts on the next build
(the mart adds an `override` line = the manager's amount − the computed line).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.data import budget
from dashboard.data.names import Names
from dashboard.report.budget_export import adjustment_label
from dashboard.report.careplan_data import local_time
from dashboard.widgets import careplan_editor, edits
from warehouse import access
from warehouse.careplans import CarePlanStore, StaleEdit
from warehouse.formats import fmt_datetime, fmt_eur

SECTION = "budget_override"




def shown(lines: pd.DataFrame, named: Names, lang: str) -> pd.DataFrame:
    """The proposal's lines as the page shows them: the service's name, the line's kind and
    explanation in `lang`, an override's overridden line by its kind (not its key)."""
    overridden = lines["detail"].where(lines["adjustment"] != "override").fillna(
        lines["detail"].map(lambda key: adjustment_label(str(key).split(":")[0], lang)
                            if isinstance(key, str) else key))
    return lines.assign(
        service=lines["activity_type"].map(lambda code: named.activity(code, lang)),
        line=lines["adjustment"].map(lambda a: adjustment_label(a, lang)),
        detail=overridden, explanation=budget.explanations(lines, lang))


def current_user(default: str | None):
    """The acting user as the care-plan editor knows it (signed in, or demo with the sidebar
    name). Never a plain name: the store would take that for the operator."""
    return careplan_editor.editor(default)


def _line_label(row, lang: str) -> str:
    """`service · line – detail (€)`; `row.service` is the service's name in `lang`."""
    detail = row.detail if isinstance(row.detail, str) and row.detail else ""
    what = adjustment_label(row.adjustment, lang) + (f" – {detail}" if detail else "")
    return f"{row.service} · {what} ({fmt_eur(row.amount_eur, lang, decimals=0)})"


def override_form(store: CarePlanStore, customer_id: str, lines: pd.DataFrame, user,
                  lang: str) -> None:
    """Pick a line, type the new yearly € and why; saved as a `budget_override` entry.
    `lines`: the proposal's lines with `service`, their service's name in `lang`."""
    if lines.empty or not access.can_edit(user, customer_id):
        return
    own = lines[lines["adjustment"] != "override"].reset_index(drop=True)
    with st.form(f"budget_override_{customer_id}", clear_on_submit=True):
        index = st.selectbox(i18n.t("override_line", lang), list(own.index),
                             format_func=lambda i: _line_label(own.loc[i], lang))
        amount = st.number_input(i18n.t("override_amount", lang), step=100.0, format="%.2f",
                                 value=float(own.loc[index, "amount_eur"]) if len(own) else 0.0)
        why = st.text_area(i18n.t("override_why", lang))
        if not st.form_submit_button(i18n.t("override_save", lang), icon=":material/save:"):
            return
    if not why.strip():
        st.error(i18n.t("override_need_why", lang))
        return
    if not user:
        st.error(i18n.t("override_no_user", lang))
        return
    row = own.loc[index]
    try:
        store.add(customer_id, SECTION, {
            "budget_year": int(row["budget_year"]), "activity_type": row["activity_type"],
            "line_key": row["line_key"], "amount_eur": round(float(amount), 2),
            "justification": why.strip()}, user=user)
    except access.Forbidden as refused:
        st.error(str(refused))
        return
    edits.saved(store)  # the page follows the save into the proposal
    st.toast(i18n.t("override_saved", lang), icon=":material/check:")
    st.rerun()


def overrides(store: CarePlanStore, customer_id: str, user, lang: str,
              service_of: Callable[[str], str] = str) -> None:
    """The customer's live overrides with who and when, each removable (history kept);
    `service_of` names an activity type's service."""
    entries = store.entries(customer_id, SECTION)
    if not entries:
        st.caption(i18n.t("override_none", lang))
        return
    for entry in entries:
        f = entry.fields
        cols = st.columns([5, 1])
        line = adjustment_label(str(f.get("line_key") or "").split(":")[0], lang)
        cols[0].markdown(
            f"**{service_of(f.get('activity_type'))} · {line}** ({f.get('budget_year')}): "
            f"{fmt_eur(f.get('amount_eur'), lang, decimals=0)} — {f.get('justification')}  \n"
            f"_{entry.updated_by}, {fmt_datetime(local_time(entry.updated_at), lang)}, "
            f"v{entry.version}_")
        if access.can_edit(user, customer_id) and cols[1].button(
                i18n.t("override_remove", lang), key=f"rm_{entry.entry_id}"):
            try:
                store.delete(entry.entry_id, expected_version=entry.version, user=user)
                edits.saved(store)
                st.toast(i18n.t("override_removed", lang), icon=":material/check:")
                st.rerun()
            except (StaleEdit, access.Forbidden) as refused:
                st.error(str(refused))
