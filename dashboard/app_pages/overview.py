"""Yleiskatsaus / Overview: KPIs, monthly charges by service against last year, top customers."""

from __future__ import annotations

import streamlit as st

from dashboard import i18n
from dashboard.charts import overview as charts_overview
from dashboard.data import engine, names, overview
from dashboard.widgets import components, filters
from warehouse.formats import fmt_eur, fmt_int, fmt_pct, signed

lang = i18n.current_lang()
db = engine.cached()
chosen = filters.current()
st.title(i18n.t("page_overview", lang))
components.quality_banner(lang)

kpi = overview.kpis(db, chosen).iloc[0]
row = st.columns(3)
row[0].metric(i18n.t("kpi_charges", lang), fmt_eur(kpi["current_value_eur"], lang),
              border=True)
row[1].metric(
    i18n.t("kpi_change", lang),
    signed(fmt_eur(kpi["value_change_eur"], lang)),
    delta=signed(fmt_pct(kpi["value_change_pct"], lang)),
    border=True,
)
row[2].metric(i18n.t("kpi_margin", lang), fmt_eur(kpi["margin_eur"], lang), border=True)
if kpi["unclassified_customers"]:  # their margin is unknown: not in the sum, and said so
    st.warning(i18n.t("needs_classification_note", lang,
                      customers=fmt_int(kpi["unclassified_customers"], lang),
                      eur=fmt_eur(kpi["unclassified_eur"], lang)), icon=":material/help:")
row = st.columns(4)
for column, key, value in [
    (row[0], "kpi_customers", kpi["customers"]),
    (row[1], "kpi_staff", kpi["staff_count"]),
    (row[2], "kpi_devices", kpi["active_devices"]),
    (row[3], "kpi_applications", kpi["applications"]),
]:
    column.metric(i18n.t(key, lang), fmt_int(value, lang), border=True)
# What the partnership managers' potential scores predict: moves with a saved score.
st.columns(3)[0].metric(i18n.t("kpi_potential_value", lang),
                        fmt_eur(kpi["potential_value_eur"], lang),
                        help=i18n.t("kpi_potential_value_help", lang), border=True)

start, as_of = components.window(lang, chosen.months)
by_service = overview.charges_by_service(db, start, as_of, chosen)
totals = overview.monthly_totals_yoy(db, start, as_of, chosen)

with st.container(border=True):
    st.subheader(i18n.t("trend_title", lang))
    st.caption(i18n.t("trend_caption", lang))
    known = names.load(db)
    service_names = {code: known.service(code, lang) for code in by_service["service"]}
    previous_year = i18n.t("previous_year", lang)
    figure = charts_overview.charge_trend(
        by_service, totals, lang, service_names, previous_year,
        axes=(i18n.t("axis_month", lang), i18n.t("axis_charges_eur", lang)))
    components.chart(
        figure,
        charts_overview.trend_table(by_service, totals, service_names, previous_year),
        "charges_by_service_monthly",
        lang,
    )

with st.container(border=True):
    st.subheader(i18n.t("top_title", lang))
    components.table(
        overview.top_customers(db, 10, chosen),
        "top_customers",
        {"current_value_eur": "eur", "value_change_eur": "eur", "value_change_pct": "pct",
         "margin_eur": "eur", "potential_value_eur": "eur", "unclassified_eur": "eur"},
        lang, needs=("margin_eur",),
    )
