"""Kannattavuus / Profitability: on the centre's actual costs (or, without them, "catalogue
costs"): the whale curve and its peak, the loss-makers and why, cost recovery per service and
who subsidises whom, margin by type, the 24-month trend and margin by customer."""

from __future__ import annotations

import streamlit as st

from dashboard import classification, i18n
from dashboard.charts import value as charts_value
from dashboard.data import engine, names, value
from dashboard.widgets import components, filters
from dashboard.widgets import costs as sections
from warehouse.formats import fmt_eur, fmt_int, fmt_pct

lang = i18n.current_lang()
db = engine.cached()
chosen = filters.current()
st.title(i18n.t("page_profitability", lang))
start, as_of = components.window(lang, chosen.months)
basis = sections.basis_note(db, lang)
st.caption(i18n.t("window_caption", lang, months=chosen.months) + " · "
           + i18n.t(f"basis_{basis}", lang))
type_names = names.load(db).types(lang)

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
    left_out = classification.note(value.unclassified_customers(db), "whale_left_out",
                                   lang)
    if left_out:
        st.caption(left_out)
    sections.whale(db, lang)

with st.container(border=True):
    sections.loss_makers(db, chosen, start, as_of, lang)

with st.container(border=True):
    sections.recovery(db, start, as_of, lang)

left, right = st.columns(2)
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
    sections.trend(db, chosen, as_of, lang)

with st.container(border=True):
    st.subheader(i18n.t("margin_by_customer_title", lang))
    components.table(customers, "margin_by_customer",
                     {"charges_eur": "eur", "cost_to_serve_eur": "eur", "margin_eur": "eur",
                      "margin_pct": "pct", "unclassified_eur": "eur"}, lang,
                     needs=("cost_to_serve_eur", "margin_eur", "margin_pct"))
