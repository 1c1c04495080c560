"""The budget-meeting pack's budget section: next year's proposal, line by line with
its reason, and how accurate the method was in the backtests."""

from __future__ import annotations

import pandas as pd

from dashboard import classification, i18n
from dashboard.data import budget
from dashboard.data.reader import Reader, RelationMissing
from dashboard.report.budget_export import adjustment_label
from warehouse.formats import fmt_eur, fmt_pct

TITLE = {"fi": "Ensi vuoden budjettiehdotus", "en": "Next year's budget proposal"}
COLUMNS = {"fi": ["Palvelu", "Rivi", "€ / vuosi", "Perustelu"],
           "en": ["Service", "Line", "€ / year", "Reason"]}


def load(db: Reader, customer_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The customer's proposal lines and the backtest summary (empty before the first build
    with the budget marts)."""
    try:
        return budget.proposal_lines(db, (customer_id,)), budget.backtest_summary(db)
    except RelationMissing:
        return pd.DataFrame(), pd.DataFrame()


def display(lines: pd.DataFrame, lang: str = "fi") -> pd.DataFrame:
    """The lines as text with a total row (service, line, € per year, reason)."""
    names = COLUMNS.get(lang, COLUMNS["fi"])
    if lines.empty:
        return pd.DataFrame(columns=names)
    service = "service_name_en" if lang == "en" else "service_name_fi"
    services = lines[service].fillna(lines["service_name_fi"])
    rows = [[name, adjustment_label(r.adjustment, lang)
             + (f" – {r.detail}" if isinstance(r.detail, str) and r.detail else ""),
             fmt_eur(r.amount_eur, lang, decimals=0), why or ""]
            for r, name, why in zip(lines.itertuples(), services,
                                    budget.explanations(lines, lang), strict=True)]
    year = int(lines["budget_year"].iloc[0])
    rows.append([i18n.t("plan_total", lang), f"{year}",
                 fmt_eur(float(lines["amount_eur"].sum()), lang, decimals=0), ""])
    return pd.DataFrame(rows, columns=names)


def accuracy_text(summary: pd.DataFrame, lang: str = "fi") -> str:
    """One sentence per backtest: the method's MAPE and € error beside the baseline's."""
    if summary.empty:
        return ""
    parts = []
    for year, group in summary.groupby("budget_year", sort=False):
        m = group[group["forecast"] == "method"].iloc[0]
        b = group[group["forecast"] == "baseline"].iloc[0]
        if lang == "fi":
            parts.append(f"{year} ({int(m.months_compared)} kk): MAPE {fmt_pct(m.mape, lang)} "
                         f"(vertailu {fmt_pct(b.mape, lang)}), virhe "
                         f"{fmt_eur(m.abs_error_eur, lang, decimals=0)} (vertailu "
                         f"{fmt_eur(b.abs_error_eur, lang, decimals=0)})")
        else:
            parts.append(f"{year} ({int(m.months_compared)} months): MAPE "
                         f"{fmt_pct(m.mape, lang)} (baseline {fmt_pct(b.mape, lang)}), error "
                         f"{fmt_eur(m.abs_error_eur, lang, decimals=0)} (baseline "
                         f"{fmt_eur(b.abs_error_eur, lang, decimals=0)})")
    lead = ("Menetelmän tarkkuus takautuvasti, kaikki asiakkaat: " if lang == "fi"
            else "Backtested accuracy over all customers: ")
    return lead + "; ".join(parts) + "."


def incomplete_text(header: dict, lang: str = "fi") -> str:
    """The warning that the proposal misses the customer's unclassified charges ("" when every
    charge of the 12 months is classified; budget_proposals' flag is the customers mart's)."""
    if not classification.needs(header):
        return ""
    return i18n.t("budget_incomplete", lang, customers=header["customer_name"],
                  eur=fmt_eur(header.get("unclassified_eur"), lang))
