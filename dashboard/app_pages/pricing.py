"""Hinnoittelu / Pricing what-if: a service's unit price or charging driver → customers' charges;
cost recovery on the centre's actual rates and each service's break-even price."""

from __future__ import annotations

import streamlit as st

from dashboard import i18n, whatif
from dashboard.charts import ops as charts_ops
from dashboard.data import costs, engine, pricing
from dashboard.data import names as warehouse_names
from dashboard.widgets import budget_whatif, components, filters
from dashboard.widgets import costs as sections
from warehouse.formats import fmt_eur, fmt_int, fmt_pct, signed

lang = i18n.current_lang()
db = engine.cached()
chosen = filters.current()
st.title(i18n.t("page_pricing", lang))
start, as_of = components.window(lang, 12)
st.caption(i18n.t("pricing_caption", lang))

catalogue = pricing.service_catalogue(db).set_index("activity_type")
named = warehouse_names.load(db)
left, middle, right = st.columns(3)
activity = left.selectbox(
    i18n.t("pick_service", lang), list(catalogue.index), key="pricing_activity",
    format_func=lambda code: f"{named.activity(code, lang)} ({code})")
service = catalogue.loc[activity]
unit = i18n.named("unit_", service["unit"], lang)  # the catalogue's unit (kpl, h, hlö)
price = middle.number_input(
    i18n.t("unit_price", lang, unit=unit), min_value=0.0, step=0.5,
    value=float(service["unit_price_eur"]), key=f"pricing_price_{activity}")
driver = right.selectbox(
    i18n.t("charging_driver", lang), list(whatif.DRIVERS), key=f"pricing_driver_{activity}",
    format_func=lambda code: i18n.t(f"driver_{code}", lang))
st.caption(i18n.t("catalogue_line", lang, price=fmt_eur(service["unit_price_eur"], lang),
                  cost=fmt_eur(service["unit_cost_eur"], lang),
                  driver=i18n.t(f"driver_{service['cost_driver']}", lang)))
recovered = costs.service_recovery(db, start, as_of).set_index("activity_type")
if activity in recovered.index:  # the actual (or catalogue) cost per billed unit
    st.caption(i18n.t("actual_rate_line", lang, unit=unit,
                      cost=fmt_eur(recovered.at[activity, "break_even_price_eur"], lang),
                      recovery=fmt_pct(recovered.at[activity, "recovery_pct"], lang))
               + " · " + i18n.t(f"basis_{costs.cost_basis(db)}", lang))

base = pricing.pricing_base(db, chosen, activity, start, as_of)
result = whatif.simulate(base, float(service["unit_price_eur"]), price, driver)
recovery = whatif.recovery(base, result)
counts = whatif.winners_and_losers(result)
row = st.columns(4)
row[0].metric(i18n.t("kpi_service_change", lang),
              signed(fmt_eur(result["change_eur"].sum(), lang)), border=True)
row[1].metric(i18n.t("kpi_losers", lang), fmt_int(counts["losers"], lang), border=True)
row[2].metric(i18n.t("kpi_winners", lang), fmt_int(counts["winners"], lang), border=True)
row[3].metric(i18n.t("kpi_recovery", lang), fmt_pct(recovery.after, lang),
              delta=signed(fmt_pct((recovery.after or 0) - (recovery.before or 0), lang)),
              border=True)

with st.container(border=True):
    st.subheader(i18n.t("winners_losers_title", lang))
    if charts_ops.moved(result).empty:  # nothing to draw: say what would show here
        st.info(i18n.t("chart_no_change", lang))
    else:
        axes = (i18n.t("axis_price_change", lang), i18n.t("axis_customer", lang))
        components.chart(charts_ops.price_change(result, lang, axes=axes), result,
                         f"pricing_{activity}", lang)

with st.container(border=True):
    st.subheader(i18n.t("pricing_table_title", lang))
    components.table(result, f"pricing_table_{activity}",
                     {"charged_eur": "eur", "quantity": "int", "current_eur": "eur",
                      "new_eur": "eur", "change_eur": "eur", "change_pct": "pct"}, lang)

with st.container(border=True):
    st.subheader(i18n.t("break_even_title", lang))
    names = sections.code_names(db, lang)
    components.table(
        recovered.reset_index()[["activity_type", "allocation_driver", "unit_price_eur",
                                 "break_even_price_eur", "recovery_pct", "charges_eur",
                                 "cost_eur"]].assign(
            activity_type=lambda f: f["activity_type"].map(lambda c: names.get(c, c)),
            allocation_driver=lambda f: f["allocation_driver"].map(
                lambda c: sections.driver_label(c, lang))),
        "break_even_prices", sections.MONEY, lang)

# ---- budget: save the scenario's price as next year's price proposal ----
with st.container(border=True):
    budget_whatif.save_proposal_form(activity, price, driver, lang)
# ---- end budget ----
