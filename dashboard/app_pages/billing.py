"""Laskutuksen täsmäytys / Billing reconciliation: unbilled and overbilled devices."""

from __future__ import annotations

import streamlit as st

from dashboard import i18n
from dashboard.charts import ops as charts_ops
from dashboard.data import engine, ops
from dashboard.widgets import components, filters
from warehouse.formats import fmt_eur, fmt_int

lang = i18n.current_lang()
db = engine.cached()
chosen = filters.current()
st.title(i18n.t("page_billing", lang))
start, as_of = components.window(lang, chosen.months)
st.caption(i18n.t("billing_caption", lang, months=chosen.months))

monthly = ops.reconciliation_monthly(db, chosen, start, as_of)
by_customer = ops.reconciliation_by_customer(db, chosen, start, as_of)
row = st.columns(3)
row[0].metric(i18n.t("kpi_unbilled", lang), fmt_eur(monthly["unbilled_eur"].sum(), lang),
              border=True)
row[1].metric(i18n.t("kpi_overbilled", lang), fmt_eur(monthly["overbilled_eur"].sum(), lang),
              border=True)
row[2].metric(i18n.t("kpi_gap_customers", lang),
              fmt_int((by_customer["unbilled_eur"] > 0).sum(), lang), border=True)
# Months whose billed units are unknown: not in the totals above, and shown as such below.
needing = ops.reconciliation_needing_classification(db, chosen, start, as_of)
if not needing.empty:
    st.warning(i18n.t("billing_left_out", lang, months=fmt_int(len(needing), lang),
                      eur=fmt_eur(needing["unclassified_eur"].sum(), lang)),
               icon=":material/help:")

with st.container(border=True):
    st.subheader(i18n.t("billing_trend_title", lang))
    figure = charts_ops.reconciliation(monthly, lang, {
        "unbilled_eur": i18n.column("unbilled_eur", lang),
        "overbilled_eur": i18n.column("overbilled_eur", lang)},
        axes=(i18n.t("axis_month", lang), i18n.t("axis_billing_gap", lang)), window=(start, as_of))
    components.chart(figure, monthly, "billing_reconciliation_monthly", lang)

with st.container(border=True):
    st.subheader(i18n.t("billing_customers_title", lang))
    components.table(by_customer, "billing_reconciliation_by_customer",
                     {"unbilled_eur": "eur", "overbilled_eur": "eur", "active_devices": "int",
                      "billed_devices": "int", "device_gap": "int"}, lang)

if not needing.empty:
    with st.container(border=True):
        st.subheader(i18n.t("billing_needs_title", lang))
        components.table(needing, "billing_reconciliation_needs_classification",
                         {"month": "month", "active_devices": "int", "billed_devices": "int",
                          "device_gap": "int", "unbilled_eur": "eur", "overbilled_eur": "eur",
                          "unclassified_eur": "eur"}, lang,
                         needs=("billed_devices", "device_gap", "unbilled_eur",
                                "overbilled_eur"))

with st.container(border=True):
    st.subheader(i18n.t("devices_title", lang))
    if by_customer.empty:
        st.info(i18n.t("empty", lang))
    else:
        names = dict(zip(by_customer["customer_id"], by_customer["customer_name"], strict=True))
        customer = st.selectbox(i18n.t("pick_customer", lang), list(names),
                                format_func=lambda cid: f"{names[cid]} ({cid})",
                                key="billing_customer")
        if components.customer_page_available():
            st.markdown(f"[{i18n.t('open_customer', lang)} ↗]({components.customer_url(customer)})")
        components.table(ops.customer_devices(db, customer), f"active_devices_{customer}",
                         {"last_hw_scan_date": "date", "first_seen_date": "date",
                          "replacement_due_date": "date", "snapshot_date": "date"}, lang)
