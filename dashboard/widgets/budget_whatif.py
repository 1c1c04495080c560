"""The pricing what-if's "save as proposal": a next-year unit price proposal.

Saved in the care-plan store as an entry of section `price_proposal` for all customers ("*"),
with versions and history like every care-plan edit (only a director may save one). With
"use in next year's budget" ticked, the next build prices the budget proposal with it
(the `budget_price_list_next_year` mart), unless the seed `price_list_next_year.csv` names the
activity type.
"""

from __future__ import annotations

import streamlit as st

from dashboard import i18n
from dashboard.widgets import budget_editor, edits
from warehouse.careplans import ALL_CUSTOMERS, CarePlanStore
from warehouse.config import settings
from warehouse.formats import fmt_eur

SECTION = "price_proposal"




def save_proposal_form(activity_type: str, price: float, driver: str, lang: str) -> None:
    """A small form under the what-if; lists the saved proposals of this activity type."""
    store = CarePlanStore(settings().careplan_store)
    st.subheader(i18n.t("price_proposal_title", lang))
    with st.form(f"price_proposal_{activity_type}", clear_on_submit=True):
        name = st.text_input(i18n.t("price_proposal_name", lang),
                             value=f"{activity_type} {fmt_eur(price, lang)}")
        use = st.checkbox(i18n.t("price_proposal_use", lang), value=True)
        note = st.text_input(i18n.t("price_proposal_note", lang))
        submitted = st.form_submit_button(i18n.t("price_proposal_save", lang),
                                          icon=":material/save:")
    if submitted:
        user = budget_editor.current_user(None)
        if not user:
            st.error(i18n.t("price_proposal_no_user", lang))
        else:
            store.add(ALL_CUSTOMERS, SECTION, {
                "name": name.strip() or activity_type, "activity_type": activity_type,
                "unit_price_eur": round(float(price), 2), "cost_driver": driver,
                "use_for_budget": bool(use), "note": note.strip() or None}, user=user)
            edits.saved(store)  # the page follows the save into the budget proposal
            st.toast(i18n.t("price_proposal_saved", lang), icon=":material/check:")
            st.rerun()
    saved = [e for e in store.entries(ALL_CUSTOMERS, SECTION)
             if e.fields.get("activity_type") == activity_type]
    if saved:
        st.caption(i18n.t("price_proposal_saved_list", lang) + ": " + " · ".join(
            f"{e.fields['name']} ({e.fields['unit_price_eur']} €, {e.updated_by}, "
            f"{e.updated_at[:10]}{', budjetti' if e.fields.get('use_for_budget') else ''})"
            for e in saved[-5:]))
