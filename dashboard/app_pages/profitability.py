"""Kannattavuus / Profitability: whale curve, margin by customer and type, cost to serve."""

from __future__ import annotations

import streamlit as st

from dashboard import classification, i18n
from dashboard.charts import value as charts_value
from dashboard.data import engine, names, value
from dashboard.widgets import components, filters
from warehouse.formats import fmt_eur, fmt_int, fmt_pct

lang = i18n.current_lang()
db = engine.cached()
chosen = filters.current()
st.title(i18n.t("page_profitability", lang))
start, as_of = components.window(lang, chosen.months)
st.caption(i18n.t("window_caption", lang, months=chosen.months))
named = names.load(db)
type_names = named.types(lang)

customers = value.profitability(db, chosen, start, as_of)
# Margin % over the customers whose margin is known (the others' charges would dilute it).
known = customers[~classification.flagged_rows(customers)]
charges, margin = customers["charges_eur"].sum(), known["margin_eur"].sum()
known_charges = known["charges_eur"].sum()
components.metric_row([
    {"label": i18n.t("kpi_charges_window", lang, months=chosen.months),
     "value": fmt_eur(charges, lang, 0)},
    {"label": i18n.t("kpi_margin", lang), "value": fmt_eur(margin, lang, 0)},
    {"label": i18n.t("kpi_margin_pct", lang),
     "value": fmt_pct(margin / known_charges if known_charges else None, lang)},
    {"label": i18n.t("kpi_unprofitable", lang),
     "value": fmt_int((known["margin_eur"] < 0).sum(), lang)},
])
note = classification.note(customers, "needs_classification_note", lang)
if note:
    st.warning(note, icon=":material/help:")

with st.container(border=True):
    st.subheader(i18n.t("whale_title", lang))
    st.caption(i18n.t("whale_caption", lang))
    whale = value.whale_curve(db)
    left_out = classification.note(value.unclassified_customers(db), "whale_left_out",
                                   lang)
    if left_out:
        st.caption(left_out)
    figure = charts_value.whale_curve(
        whale, lang, (i18n.t("axis_customer_share", lang), i18n.t("axis_margin_share", lang)))
    components.chart(figure, whale, "whale_curve", lang)

left, right = st.columns([2, 3])  # the services' bars need the room of their names
with left.container(border=True):
    st.subheader(i18n.t("margin_by_type_title", lang))
    by_type = value.profitability_by_type(db, chosen, start, as_of)
    figure = charts_value.bars(by_type, "customer_type", "margin_eur", lang, names=type_names,
                               axes=(i18n.t("axis_margin_eur", lang),
                                     i18n.t("axis_customer_type", lang)))
    components.chart(figure, by_type, "margin_by_type", lang)
    if by_type["unclassified_customers"].sum():
        st.caption(i18n.t("needs_classification_note", lang,
                          customers=fmt_int(by_type["unclassified_customers"].sum(), lang),
                          eur=fmt_eur(by_type["unclassified_eur"].sum(), lang)))
with right.container(border=True):
    st.subheader(i18n.t("cost_by_driver_title", lang))
    drivers = value.cost_by_driver(db, chosen, start, as_of)
    figure = charts_value.charges_vs_cost(
        drivers, "activity_type", lang,
        {code: named.activity(code, lang) for code in drivers["activity_type"]},
        {"charges_eur": i18n.t("amount", lang), "cost_to_serve_eur": i18n.t("cost", lang)},
        axes=(i18n.t("axis_period_eur", lang), i18n.t("axis_service", lang)))
    components.chart(figure, drivers, "cost_by_driver", lang)

with st.container(border=True):
    st.subheader(i18n.t("low_margin_title", lang))
    st.caption(i18n.t("low_margin_caption", lang))
    components.table(
        value.margin_reasons(db, chosen, start, as_of),
        "low_margin_customers",
        {"margin_eur": "eur", "margin_pct": "pct", "worst_margin_eur": "eur",
         "billed_quantity": "int", "driver_quantity": "int"}, lang)

with st.container(border=True):
    st.subheader(i18n.t("margin_by_customer_title", lang))
    components.table(customers, "margin_by_customer",
                     {"charges_eur": "eur", "cost_to_serve_eur": "eur", "margin_eur": "eur",
                      "margin_pct": "pct", "unclassified_eur": "eur"}, lang,
                     needs=("cost_to_serve_eur", "margin_eur", "margin_pct"))
