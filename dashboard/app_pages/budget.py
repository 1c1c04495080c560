"""Budjetti / Budget: next year's budget values per customer or for all customers of a
partnership manager, each € of change explained, overridable with a justification, the
method's backtest accuracy and the finance office's XLSX."""

from __future__ import annotations

import streamlit as st

from dashboard import i18n
from dashboard.charts import ops as charts_ops
from dashboard.data import budget, careplan, engine, names, reader
from dashboard.report import budget_export
from dashboard.widgets import budget_editor, components
from warehouse.careplans import CarePlanStore
from warehouse.config import settings
from warehouse.formats import fmt_eur, fmt_pct, signed

lang = i18n.current_lang()
db = engine.cached()
customers = careplan.customer_list(db)
if customers.empty:
    st.info(i18n.t("empty", lang))
    st.stop()
store = CarePlanStore(settings().careplan_store)
mode = st.segmented_control(" ", ["customer", "manager"], default="customer",
                            key="budget_mode", label_visibility="collapsed",
                            format_func=lambda m: i18n.t(f"budget_by_{m}", lang))
if mode == "manager":
    managers = careplan.partnership_managers(db)
    manager = st.selectbox(i18n.column("partnership_manager", lang), managers, key="budget_mgr")
    ids = tuple(careplan.manager_customers(db, manager)["customer_id"])
    customer_id = None
else:
    labels = dict(zip(customers["customer_id"], customers["customer_name"], strict=True))
    all_ids = list(labels)
    wanted = st.query_params.get("customer")
    customer_id = st.selectbox(
        i18n.column("customer_name", lang), all_ids,
        index=all_ids.index(wanted) if wanted in all_ids else 0,
        format_func=lambda c: f"{labels[c]} ({c})", key="budget_customer")
    st.query_params["customer"] = customer_id
    ids = (customer_id,)

lines = budget.proposal_lines(db, ids)
if lines.empty:
    st.info(i18n.t("empty", lang))
    st.stop()
year = int(lines["budget_year"].iloc[0])
as_of = lines["as_of_month"].iloc[0]
st.title(i18n.t("budget_title", lang, year=year))
st.caption(i18n.t("budget_caption", lang, start=f"{reader.month_start(as_of, 11):%m/%Y}",
                  end=f"{as_of:%m/%Y}"))
# Unclassified charges are in no line: say whose proposal is incomplete and by how much.
for row in budget.needing_classification(db, ids).itertuples():
    st.warning(i18n.t("budget_incomplete", lang, customers=f"{row.customer_name} "
                      f"({row.customer_id})", eur=fmt_eur(row.unclassified_eur, lang)),
               icon=":material/help:")
run_rate = float(lines.loc[lines["adjustment"] == "run_rate", "amount_eur"].sum())
proposal = float(lines["amount_eur"].sum())
row = st.columns(3)
row[0].metric(i18n.t("kpi_run_rate", lang), fmt_eur(run_rate, lang, decimals=0), border=True)
row[1].metric(i18n.t("kpi_proposal", lang, year=year), fmt_eur(proposal, lang, decimals=0),
              border=True)
row[2].metric(i18n.t("kpi_budget_change", lang),
              signed(fmt_eur(proposal - run_rate, lang, decimals=0)),
              delta=signed(fmt_pct((proposal - run_rate) / run_rate, lang)) if run_rate else None,
              border=True)
export = budget.finance_export(db, ids)
st.download_button(
    i18n.t("budget_export", lang), data=budget_export.workbook_bytes(export, lines),
    file_name=f"budjetti_{year}_{customer_id or 'kumppanuuspaallikko'}.xlsx",
    mime=components.XLSX_MIME, icon=":material/table_view:", key="budget_xlsx")

if mode == "manager":
    with st.container(border=True):
        st.subheader(i18n.t("budget_customers", lang))
        components.table(budget.proposal_by_customer(db, ids), "budget_customers",
                         {"run_rate_eur": "eur", "proposal_eur": "eur", "change_eur": "eur",
                          "change_pct": "pct"}, lang)

named = names.load(db)
shown = budget_editor.shown(lines, named, lang)
with st.container(border=True):
    st.subheader(i18n.t("budget_lines", lang))
    columns = ["customer_id", "service", "line", "detail", "amount_eur", "explanation"]
    components.table(shown[columns if mode == "manager" else columns[1:]],
                     f"budget_lines_{customer_id or 'manager'}", {"amount_eur": "eur"}, lang)

with st.container(border=True):
    st.subheader(i18n.t("budget_months", lang))
    months = budget.proposal_months(db, ids)
    series = {column: i18n.t(f"budget_{column}_series", lang)
              for column in ("amount_eur", "run_rate_eur")}
    axes = (i18n.t("axis_month", lang), i18n.t("axis_eur_month", lang))
    components.chart(charts_ops.budget_months(months, lang, series, axes), months,
                     f"budget_months_{customer_id or 'manager'}", lang)

if customer_id is not None:
    with st.container(border=True):
        st.subheader(i18n.t("budget_overrides", lang))
        user = budget_editor.current_user(lines["partnership_manager"].iloc[0])
        budget_editor.override_form(store, customer_id, shown, user, lang)
        budget_editor.overrides(store, customer_id, user, lang,
                                lambda code: named.activity(code, lang))

with st.container(border=True):
    st.subheader(i18n.t("budget_accuracy", lang))
    st.caption(i18n.t("budget_accuracy_caption", lang))
    summary = budget.backtest_summary(db)
    summary["forecast"] = summary["forecast"].map(lambda f: i18n.t(f, lang))
    components.table(summary[["budget_year", "months_compared", "forecast", "customers", "mape",
                              "wape", "abs_error_eur", "error_eur", "actual_eur"]],
                     "budget_backtest_summary",
                     {"mape": "pct", "wape": "pct", "abs_error_eur": "eur", "error_eur": "eur",
                      "actual_eur": "eur", "customers": "int", "months_compared": "int"}, lang)
    components.table(budget.backtest_customers(db, ids),
                     f"budget_backtest_{customer_id or 'manager'}",
                     {"predicted_eur": "eur", "baseline_eur": "eur", "actual_eur": "eur",
                      "error_eur": "eur", "ape": "pct", "baseline_error_eur": "eur",
                      "baseline_ape": "pct", "months_compared": "int"}, lang)
