"""The profitability page's sections on actual costs: the cost basis note, the whale curve with
its peak, the loss-makers and each service's cost against what they pay for it, cost recovery
per service with who subsidises whom, and the 24-month trend."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import i18n
from dashboard.charts import costs as charts_costs
from dashboard.charts import value as charts_value
from dashboard.data import costs, names, pricing, reader, value
from dashboard.data.filters import Filters
from dashboard.data.reader import Reader
from dashboard.widgets import components
from warehouse.formats import fmt_eur, fmt_int, fmt_pct

MONEY = {"charges_eur": "eur", "cost_to_serve_eur": "eur", "margin_eur": "eur",
         "margin_pct": "pct", "worst_charges_eur": "eur", "worst_cost_eur": "eur",
         "driver_quantity": "num", "rate_eur": "eur", "cost_eur": "eur",
         "unallocated_eur": "eur", "surplus_eur": "eur", "recovery_pct": "pct",
         "break_even_price_eur": "eur", "unit_price_eur": "eur", "billed_quantity": "int"}


def code_names(db: Reader, lang: str) -> dict[str, str]:
    """Catalogue code → `Service name (CODE)` in the language (names: the warehouse's)."""
    named = names.load(db)
    return {code: f"{named.activity(code, lang)} ({code})"
            for code in pricing.service_catalogue(db)["activity_type"]}


def driver_label(code: object, lang: str) -> str:
    return i18n.t(f"driver_{code}", lang) if isinstance(code, str) else "–"


def basis_note(db: Reader, lang: str) -> str:
    """Says what the costs rest on: actual costs, or "catalogue costs" (a warning)."""
    basis = costs.cost_basis(db)
    show = st.info if basis == "actual" else st.warning
    show(i18n.t(f"basis_note_{basis}", lang), icon=":material/account_balance:")
    return basis


def whale(db: Reader, lang: str) -> None:
    whale_frame = value.whale_curve(db)
    peak = costs.whale_peak(whale_frame)
    label = ""
    if peak:
        label = i18n.t("whale_peak_label", lang, pct=fmt_pct(peak["margin_share"], lang),
                       n=fmt_int(peak["customers"], lang))
        st.caption(i18n.t("whale_peak_caption", lang, n=fmt_int(peak["customers"], lang),
                          share=fmt_pct(peak["customer_share"], lang),
                          pct=fmt_pct(peak["margin_share"], lang)))
    figure = charts_costs.whale_with_peak(
        whale_frame, peak, lang,
        (i18n.t("axis_customer_share", lang), i18n.t("axis_margin_share", lang)), label)
    components.chart(figure, whale_frame, "whale_curve", lang)


def loss_makers(db: Reader, chosen: Filters, start: dt.date, end: dt.date, lang: str) -> None:
    st.subheader(i18n.t("loss_title", lang))
    st.caption(i18n.t("loss_caption", lang))
    frame = costs.loss_makers(db, chosen, start, end)
    if frame.empty:
        st.info(i18n.t("loss_none", lang))
        return
    names = code_names(db, lang)
    # Why, beside the loss: the service, what the customer pays for it, what it costs, and
    # the driver that cost follows (the totals are in the table of all customers below).
    shown = frame.assign(
        worst_activity_type=frame["worst_activity_type"].map(lambda c: names.get(c, c)),
        allocation_driver=frame["allocation_driver"].map(lambda c: driver_label(c, lang)))[
        ["customer_id", "customer_name", "customer_type", "margin_eur", "margin_pct",
         "worst_activity_type", "worst_charges_eur", "worst_cost_eur", "allocation_driver",
         "driver_quantity"]]
    components.table(shown, "loss_makers", MONEY, lang)
    who = dict(zip(frame["customer_id"], frame["customer_name"], strict=True))
    customer = st.selectbox(i18n.t("loss_pick", lang), list(who), key="loss_customer",
                            format_func=lambda cid: who.get(cid, cid))
    breakdown = costs.customer_breakdown(db, chosen, customer, start, end)
    st.caption(i18n.t("loss_breakdown_caption", lang))
    series = {"charges_eur": i18n.t("trend_charges", lang),
              "cost_to_serve_eur": i18n.t("trend_cost", lang)}
    figure = charts_value.charges_vs_cost(
        breakdown, "activity_type", lang, names, series,
        axes=(i18n.t("axis_service", lang), i18n.t("axis_period_eur", lang)))
    components.chart(figure, breakdown.assign(
        allocation_driver=breakdown["allocation_driver"].map(lambda c: driver_label(c, lang))),
        "loss_breakdown", lang)


def recovery(db: Reader, start: dt.date, end: dt.date, lang: str) -> None:
    st.subheader(i18n.t("recovery_title", lang))
    st.caption(i18n.t("recovery_caption", lang))
    frame = costs.service_recovery(db, start, end)
    names = code_names(db, lang)
    figure = charts_costs.recovery(frame, lang, names, i18n.t("axis_recovery", lang),
                                   i18n.t("axis_service", lang))
    shown = frame.assign(activity_type=frame["activity_type"].map(lambda c: names.get(c, c)),
                         allocation_driver=frame["allocation_driver"].map(
                             lambda c: driver_label(c, lang)))
    components.chart(figure, shown, "service_recovery", lang)
    left_over = costs.unallocated(db, start, end)
    if not left_over.empty:  # never dropped: said with its reasons
        st.caption(i18n.t("unallocated_caption", lang,
                          eur=fmt_eur(left_over["amount_eur"].sum(), lang, 0),
                          reasons=", ".join(
                              f"{i18n.t(f'unallocated_{r.reason}', lang)} "
                              f"{fmt_eur(r.amount_eur, lang, 0)}"
                              for r in left_over.itertuples())))
    services, customers = costs.subsidies(db, "service"), costs.subsidies(db, "customer")
    if not customers.empty:
        surplus = customers.loc[customers["role"] == "pays_more", "surplus_eur"].sum()
        deficit = -customers.loc[customers["role"] == "pays_less", "surplus_eur"].sum()
        st.caption(i18n.t(
            "subsidy_caption", lang,
            services=fmt_int((services["role"] == "pays_more").sum(), lang),
            customers=fmt_int((customers["role"] == "pays_more").sum(), lang),
            surplus=fmt_eur(surplus, lang, 0), deficit=fmt_eur(deficit, lang, 0)))


def trend(db: Reader, chosen: Filters, as_of: dt.date, lang: str) -> None:
    st.subheader(i18n.t("cost_trend_title", lang))
    frame = costs.margin_trend(db, chosen, reader.month_start(as_of, 23), as_of)
    series = {"charges_eur": i18n.t("trend_charges", lang),
              "cost_to_serve_eur": i18n.t("trend_cost", lang),
              "margin_eur": i18n.t("trend_margin", lang)}
    axes = (i18n.t("axis_month", lang), i18n.t("axis_eur_month", lang))
    components.chart(charts_costs.trend(frame, lang, series, axes), frame, "margin_trend", lang)
