"""Kumppanuudet / Partnership management: coverage gaps and each manager's portfolio."""

from __future__ import annotations

import streamlit as st

from dashboard import i18n
from dashboard.charts import ops as charts_ops
from dashboard.data import engine, names, ops
from dashboard.widgets import components, filters
from warehouse.formats import fmt_int

lang = i18n.current_lang()
db = engine.cached()
chosen = filters.current()
st.title(i18n.t("page_partnership", lang))
type_names = names.load(db).types(lang)

coverage = ops.coverage(db, chosen)
portfolios = ops.manager_portfolios(db, chosen)
gaps = coverage[coverage["is_gap"]]
row = st.columns(3)
row[0].metric(i18n.t("kpi_managers", lang),
              fmt_int(coverage["partnership_manager"].nunique(), lang), border=True)
row[1].metric(i18n.t("kpi_gaps", lang), fmt_int(len(gaps), lang), border=True)
row[2].metric(i18n.t("kpi_full_coverage", lang),
              fmt_int(coverage["partnership_manager"].nunique()
                      - gaps["partnership_manager"].nunique(), lang), border=True)

with st.container(border=True):
    st.subheader(i18n.t("coverage_title", lang))
    st.caption(i18n.t("coverage_caption", lang))
    figure = charts_ops.coverage_heatmap(
        coverage, lang, type_names,
        axes=(i18n.t("axis_customer_type", lang), i18n.t("axis_manager", lang)))
    components.chart(figure, coverage, "partnership_coverage", lang)
    for manager, rows in gaps.groupby("partnership_manager"):
        missing = ", ".join(type_names.get(code, code) for code in rows["customer_type"])
        st.markdown(i18n.t("gap_line", lang, manager=manager, missing=missing))

with st.container(border=True):
    st.subheader(i18n.t("portfolio_title", lang))
    figure = charts_ops.portfolios(portfolios, lang, {
        "current_value_eur": i18n.column("current_value_eur", lang),
        "potential_value_eur": i18n.column("potential_value_eur", lang)},
        axes=(i18n.t("axis_portfolio_eur", lang), i18n.t("axis_manager", lang)))
    components.chart(figure, portfolios[["partnership_manager", "current_value_eur",
                                         "potential_value_eur"]], "portfolio_values", lang)
    shown = portfolios.assign(missing_types=portfolios["missing_types"].map(
        lambda text: ", ".join(type_names.get(c, c) for c in text.split(", "))
        if isinstance(text, str) else None))
    components.table(shown, "manager_portfolios",
                     {"current_value_eur": "eur", "potential_value_eur": "eur",
                      "lifetime_value_eur": "eur", "margin_eur": "eur", "type_gaps": "int",
                      "unclassified_eur": "eur"},
                     lang, needs=("margin_eur",))
