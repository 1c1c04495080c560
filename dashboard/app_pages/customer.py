"""Asiakas / Customer: the care plan of one customer (thesis appendix 4), filled from the
warehouse, with the judgement fields editable and the budget-meeting pack one click away."""

from __future__ import annotations

import streamlit as st

from dashboard import auth, classification, i18n
from dashboard.charts import careplan as charts_careplan
from dashboard.data import careplan, engine
from dashboard.report import careplan_data, figures, ics, labels, pack, tables
from dashboard.report.redaction import redact_plan
from dashboard.widgets import careplan_editor, components
from warehouse import access
from warehouse.careplans import CarePlanStore
from warehouse.config import settings
from warehouse.formats import fmt_eur, fmt_int, signed

lang = i18n.current_lang()
db = engine.cached()
store_path = settings().careplan_store
store = CarePlanStore(store_path)
customers = careplan.customer_list(db)
if customers.empty:
    st.info(i18n.t("empty", lang))
    st.stop()
ids = list(customers["customer_id"])
names = dict(zip(customers["customer_id"], customers["customer_name"], strict=True))
wanted = st.query_params.get("customer")
customer_id = st.selectbox(
    labels.header("customer", lang), ids, index=ids.index(wanted) if wanted in ids else 0,
    format_func=lambda c: f"{names[c]} ({c})", key="careplan_customer",
)
st.query_params["customer"] = customer_id
user = careplan_editor.editor(careplan.customer_list(db).set_index("customer_id")
                              .loc[customer_id, "partnership_manager"])
# Viewers see contact persons' names as "—"; the store re-checks every edit.
plan = redact_plan(careplan_data.assemble(db, customer_id, store, lang), user, store)
head = plan.header
editable = access.can_edit(user, customer_id, lambda _: head["partnership_manager"])

st.title(f"{labels.title('plan', lang)}: {auth.escape_markdown(head['customer_name'])}")
st.caption(" · ".join(f"**{k}:** {auth.escape_markdown(v)}"
                      for k, v in tables.header_rows(plan, lang)[1:7]))
components.metric_row([
    {"label": labels.header("current_value_eur", lang),
     "value": fmt_eur(head["current_value_eur"], lang, decimals=0),
     "delta": signed(fmt_eur(head["value_change_eur"], lang, decimals=0))},
    {"label": labels.header("staff", lang), "value": fmt_int(head["staff_count"], lang),
     "delta": signed(fmt_int(head["staff_change"], lang))},
    {"label": labels.header("potential_score", lang),
     "value": fmt_int(head["potential_score"], lang)},
    {"label": labels.header("abc_class", lang), "value": head["abc_class"] or "–"}])
flagged = classification.needs(head)  # margin unknown until every charge is classified
components.metric_row([
    {"label": labels.header("lifetime_value_eur", lang),
     "value": fmt_eur(head["lifetime_value_eur"], lang, decimals=0)},
    {"label": labels.header("potential_value_eur", lang),
     "value": fmt_eur(head["potential_value_eur"], lang, decimals=0)},
    {"label": labels.header("margin_eur", lang),
     "value": classification.eur(head["margin_eur"], flagged, lang, decimals=0)},
    {"label": labels.header("margin_pct", lang),
     "value": classification.pct(head["margin_pct"], flagged, lang)}])
if flagged:
    st.warning(i18n.t("customer_needs_classification", lang,
                      eur=fmt_eur(head["unclassified_eur"], lang)), icon=":material/help:")

buttons = st.container(horizontal=True, gap="small")
stem = access.safe_filename(tables.file_stem(plan), "hoitosuunnitelma")
for fmt, icon in (("pdf", ":material/picture_as_pdf:"), ("xlsx", ":material/table_view:"),
                  ("html", ":material/print:")):
    buttons.download_button(
        i18n.t("plan_pack_button", lang, format=fmt.upper()),
        data=lambda fmt=fmt: pack.build_bytes(db, customer_id, fmt, store_path, user=user,
                                              lang=lang),
        file_name=f"{stem}.{fmt}", mime=pack.MIME[fmt], key=f"pack_{fmt}", icon=icon,
        on_click="ignore",
    )

with st.container(border=True):
    st.subheader(labels.title("potential", lang))
    careplan_editor.potential(store, customer_id, head["potential_score"], user, lang,
                              editable=editable)
    st.caption(i18n.t("potential_caption", lang))

for section in careplan_data.SECTION_ORDER:
    with st.container(border=True):
        st.subheader(labels.title(section, lang))
        frame = plan.sections[section]
        if section in careplan_data.MANUAL_SECTIONS:
            careplan_editor.section(store, customer_id, section, frame, user, lang,
                                    editable=editable)
            continue
        st.dataframe(tables.display(frame, section, lang), hide_index=True)
        components.download_csv(frame, f"{section}_{customer_id}", lang)
        if section == "recurring_events":
            kinds = labels.EVENT_KINDS.get(lang, labels.EVENT_KINDS["fi"])
            st.plotly_chart(charts_careplan.annual_clock(frame, lang, kinds), theme=None,
                            key="chart_clock")
            st.download_button(
                i18n.t("clock_ics_customer", lang),
                data=lambda frame=frame: ics.calendar(frame, head["customer_name"]),
                file_name=access.safe_filename(f"vuosikello_{customer_id}.ics"),
                mime="text/calendar", key="ics_customer", icon=":material/event:",
                on_click=auth.audit_export, args=("annual clock ics", customer_id))

figs = figures.figures(plan, lang, keys=("charges", "changes", "devices"))
for key, frame in (("charges", plan.charges), ("changes", plan.changes),
                   ("devices", plan.device_ages)):
    with st.container(border=True):
        st.subheader(labels.title(key, lang))
        components.chart(figs[key], frame, f"{key}_{customer_id}", lang)

with st.container(border=True):
    st.subheader(labels.title("history", lang))
    if plan.history.empty:
        st.info(i18n.t("empty", lang))
    else:
        st.dataframe(tables.display(plan.history, "history", lang), hide_index=True)
        components.download_csv(plan.history, f"careplan_history_{customer_id}", lang)
