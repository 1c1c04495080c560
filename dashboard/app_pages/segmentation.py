"""Segmentointi / Segmentation: who the customers are, who carries the charges, potential."""

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
st.title(i18n.t("page_segmentation", lang))
type_names = names.load(db).types(lang)

values = value.customer_values(db, chosen)
counts = value.segment_counts(db, chosen)
a_class = values[values["abc_class"] == "A"]
components.metric_row([
    {"label": i18n.t("kpi_customers", lang), "value": fmt_int(len(values), lang)},
    {"label": i18n.t("kpi_a_customers", lang), "value": fmt_int(len(a_class), lang),
     "help": i18n.t("kpi_a_customers_help", lang)},
    {"label": i18n.t("kpi_a_share", lang), "value": fmt_pct(
        a_class["current_value_eur"].sum() / values["current_value_eur"].sum()
        if len(values) else None, lang)},
    {"label": i18n.t("kpi_grow", lang), "help": i18n.t("kpi_grow_help", lang),
     "value": fmt_int((values["value_quadrant"] == "grow").sum(), lang)},
])

note = classification.note(values, "segmentation_note", lang)
if note:
    st.warning(note, icon=":material/help:")

columns = st.columns(3)
for column, (dimension, labels) in zip(columns, [
    ("customer_type", type_names), ("segment", {}), ("abc_class", {}),
], strict=True):
    with column.container(border=True):
        st.subheader(i18n.t(f"by_{dimension}", lang))
        rows = counts[counts[dimension].notna()][[dimension, "customers", "current_value_eur"]]
        if dimension == "segment":
            rows = rows.astype({"segment": int})
        labels = labels or {v: f"{i18n.column(dimension, lang)} {v}" for v in rows[dimension]}
        figure = charts_value.bars(rows, dimension, "customers", lang, names=labels, money=False,
                                   height=260, by_category=dimension != "customer_type",
                                   axes=(i18n.t("axis_customers", lang),
                                         i18n.t(f"axis_{dimension}", lang)))
        components.chart(figure, rows, f"customers_by_{dimension}", lang)

with st.container(border=True):
    st.subheader(i18n.t("matrix_title", lang))
    st.caption(i18n.t("matrix_caption", lang, median=fmt_eur(
        values["median_value_eur"].iloc[0] if len(values) else None, lang, 0)))
    quadrants = {key: i18n.t(f"quadrant_{key}", lang)
                 for key in ("develop", "maintain", "grow", "streamline")}
    figure = charts_value.value_potential(
        values, lang, type_names, quadrants,
        (i18n.t("axis_current_value", lang), i18n.t("axis_potential", lang)))
    components.chart(figure, values, "value_potential", lang)

with st.container(border=True):
    st.subheader(i18n.t("abc_title", lang))
    st.caption(i18n.t("abc_caption", lang))
    components.table(
        values[["customer_id", "customer_name", "customer_type", "partnership_manager",
                "current_value_eur", "cumulative_value_share", "abc_class", "potential_score",
                "potential_value_eur", "value_quadrant", "needs_classification",
                "unclassified_eur"]],
        "customers_abc", {"current_value_eur": "eur", "cumulative_value_share": "pct",
                          "potential_value_eur": "eur", "unclassified_eur": "eur",
                          "value_quadrant": lambda q: i18n.t(f"quadrant_{q}", lang)}, lang)

with st.container(border=True):
    st.subheader(i18n.t("treemap_title", lang))
    figure = charts_value.treemap(values, lang, type_names, i18n.t("all_customers", lang))
    components.chart(figure, values[["customer_type", "customer_id", "customer_name",
                                     "current_value_eur"]], "treemap", lang)

with st.container(border=True):
    st.subheader(i18n.t("per_staff_title", lang))
    st.caption(i18n.t("per_staff_caption", lang))
    spend = value.spend_per_staff(db, chosen)
    figure = charts_value.spend_per_staff(
        spend, lang, type_names, i18n.t("type_median", lang),
        axes=(i18n.t("axis_spend_per_staff", lang), i18n.t("axis_type_and_customer", lang)))
    components.chart(figure, spend, "it_spend_per_staff", lang)
