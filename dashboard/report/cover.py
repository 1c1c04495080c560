"""The pack's first page: who and when, and the three figures a budget meeting starts from.

The figures are the customer's charges of the last 12 months (with the change against the 12
months before), next year's budget proposal (with its change against those charges) and the
margin of the 12 months (or the "needs classification" state while some charges have no
service). The PDF and the HTML pack draw the same `Cover`, followed by the charges chart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard import classification, i18n
from dashboard.data.reader import month_start
from dashboard.report import labels
from dashboard.report.careplan_data import CarePlan, add_months
from dashboard.report.tables import cell
from warehouse.formats import MISSING, fmt_date, fmt_eur, fmt_pct, signed


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    note: str


@dataclass(frozen=True)
class Cover:
    title: str
    customer: str
    period: str
    people: str
    figures: tuple[Figure, Figure, Figure]
    note: str


def period(plan: CarePlan, lang: str) -> str:
    """The 12 months ending with the as-of month, as dates: `1.11.2025–31.10.2026`."""
    first = month_start(plan.as_of, 11)
    last = add_months(plan.as_of, 1) - dt.timedelta(days=1)
    return i18n.t("plan_cover_period", lang, start=fmt_date(first, lang),
                  end=fmt_date(last, lang))


def _charges(h: dict, lang: str) -> Figure:
    note = signed(fmt_eur(h["value_change_eur"], lang, decimals=0))
    if not pd.isna(h.get("value_change_pct")):
        note += f" ({signed(fmt_pct(h['value_change_pct'], lang))})"
    return Figure(i18n.t("plan_cover_charges", lang),
                  fmt_eur(h["current_value_eur"], lang, decimals=0),
                  i18n.t("plan_cover_charges_note", lang, change=note))


def _budget(plan: CarePlan, lang: str) -> Figure:
    if plan.budget.empty:
        return Figure(i18n.t("plan_cover_budget_none", lang), MISSING,
                      i18n.t("plan_cover_budget_missing", lang))
    year = int(plan.budget["budget_year"].iloc[0])
    total = float(plan.budget["amount_eur"].sum())
    current = plan.header["current_value_eur"]
    note = ""
    if current and not pd.isna(current):
        note = i18n.t("plan_cover_budget_note", lang,
                      change=signed(fmt_pct(total / float(current) - 1, lang)))
    if classification.needs(plan.header):
        note = classification.with_euros(plan.header.get("unclassified_eur"), lang)
    return Figure(i18n.t("plan_cover_budget", lang, year=year),
                  fmt_eur(total, lang, decimals=0), note)


def _margin(h: dict, lang: str) -> Figure:
    label = i18n.t("plan_cover_margin", lang)
    if classification.needs(h):
        return Figure(label, classification.state(lang),
                      classification.with_euros(h.get("unclassified_eur"), lang))
    # The same costs as the profitability page: actual, or said to be the catalogue's.
    basis = i18n.t(f"basis_{h.get('cost_basis') or 'catalogue'}", lang)
    return Figure(label, fmt_eur(h["margin_eur"], lang, decimals=0),
                  i18n.t("plan_cover_margin_note", lang, pct=fmt_pct(h["margin_pct"], lang))
                  + f" ({basis})")


def cover(plan: CarePlan, lang: str = "fi") -> Cover:
    h = plan.header
    customer_type = plan.names.customer_type(h["customer_type"], lang)
    return Cover(
        title=labels.title("plan", lang),
        customer=f"{h['customer_name']} ({h['customer_id']}) · {customer_type}",
        period=period(plan, lang),
        people=i18n.t("plan_cover_people", lang, manager=cell(h["partnership_manager"], "text"),
                      contact=cell(h["customer_contact"], "text")),
        figures=(_charges(h, lang), _budget(plan, lang), _margin(h, lang)),
        note=i18n.t("plan_cover_note", lang, month=plan.as_of.strftime("%m/%Y")),
    )
