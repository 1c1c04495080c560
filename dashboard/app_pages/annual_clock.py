"""Vuosikello / Annual clock: a partnership manager's next 12 months over all their customers
(the thesis's annual clock, application updates, device replacements), with .ics export."""

from __future__ import annotations

import streamlit as st

from dashboard import auth, i18n
from dashboard.charts import careplan as charts_careplan
from dashboard.data import careplan, engine, overview
from dashboard.report import careplan_data, ics, labels, tables
from dashboard.widgets import careplan_editor, components
from warehouse import access
from warehouse.formats import fmt_int

lang = i18n.current_lang()
db = engine.cached()
st.title(labels.title("clock", lang))
managers = careplan.partnership_managers(db)
as_of = overview.as_of_month(db)
if not managers or as_of is None:
    st.info(i18n.t("empty", lang))
    st.stop()
editor = careplan_editor.editor(None)
user = (editor.manager_name or editor.display_name) if editor else None
manager = st.selectbox(i18n.column("partnership_manager", lang), managers,
                       index=managers.index(user) if user in managers else 0,
                       key="clock_manager")
customers = careplan.manager_customers(db, manager)
# Viewers: the contact person an application update goes to is shown as "—".
events = access.redact_events(
    careplan_data.events(db, customers, as_of, shared_once=True, lang=lang), editor)
start, end = careplan_data.window(as_of)
st.caption(i18n.t("clock_caption", lang, customers=fmt_int(len(customers), lang),
                  events=fmt_int(len(events), lang), start=f"{start:%m/%Y}",
                  end=f"{careplan_data.add_months(end, -1):%m/%Y}"))

kinds = labels.EVENT_KINDS.get(lang, labels.EVENT_KINDS["fi"])
chosen = st.pills(labels.column("what", lang), list(kinds), format_func=kinds.get,
                  selection_mode="multi", default=list(kinds), key="clock_kinds")
shown = events[events["kind"].isin(chosen or [])]

with st.container(border=True):
    st.plotly_chart(charts_careplan.annual_clock(shown, lang, kinds), theme=None,
                    key="chart_manager_clock")
    st.download_button(
        i18n.t("clock_ics", lang),
        data=lambda: ics.calendar(shown, f"{labels.title('clock', lang)} – {manager}"),
        file_name=access.safe_filename(f"vuosikello_{manager}.ics"), mime="text/calendar",
        key="ics_manager", icon=":material/event:",
        on_click=auth.audit_export, args=("annual clock ics", manager),
    )

with st.container(border=True):
    st.subheader(labels.title("recurring_events", lang))
    table = shown.assign(kind=shown["kind"].map(kinds))
    kinds_shown = {**tables.KINDS["recurring_events"], "customer_name": "text", "kind": "text"}
    frame = table[[c for c in ["month", "customer_name", "what", "who", "to_whom", "where",
                               "kind"] if c in table.columns]]
    st.dataframe(
        frame.assign(month=frame["month"].map(lambda m: tables.cell(m, "month", lang)))
        .rename(columns={c: labels.column(c, lang) for c in kinds_shown}),
        hide_index=True,
    )
    components.download_csv(shown, f"annual_clock_{manager.replace(' ', '_')}", lang)
