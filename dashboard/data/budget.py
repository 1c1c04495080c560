"""Selects for next year's budget proposal: lines, months, finance layout, backtest.

Plain functions of a reader (`dashboard.data.reader`); customer lists are bound as SQL lists.
"""

from __future__ import annotations

import pandas as pd

from dashboard.data.reader import Reader

ADJUSTMENTS = ("run_rate", "price_change", "staff_trend", "devices", "replacements",
               "applications", "hours_average", "projects", "override")


def proposal_lines(reader: Reader, customer_ids: tuple[str, ...]) -> pd.DataFrame:
    """One row per customer, service and line of the proposal, in explanation order: every
    column of the mart (one built before the English explanations lacks `explanation_en`)."""
    return reader.read(
        """
        SELECT *
        FROM budget_proposal_lines
        WHERE list_contains($customers::VARCHAR[], customer_id)
        ORDER BY customer_name, customer_id, activity_type, line_order, line_key
        """,
        "budget_proposal_lines",
        customers=tuple(customer_ids),
    )


def explanations(lines: pd.DataFrame, lang: str) -> pd.Series:
    """Each line's explanation in `lang` (the Finnish one where the mart has no English)."""
    if lang == "en" and "explanation_en" in lines.columns:
        return lines["explanation_en"].fillna(lines["explanation"])
    return lines["explanation"]


def proposal_by_customer(reader: Reader, customer_ids: tuple[str, ...]) -> pd.DataFrame:
    """One row per customer: run-rate, proposal and change over the budget year."""
    return reader.read(
        """
        SELECT customer_id, any_value(customer_name) AS customer_name,
               sum(amount_eur) FILTER (WHERE adjustment = 'run_rate') AS run_rate_eur,
               sum(amount_eur) AS proposal_eur,
               sum(amount_eur) FILTER (WHERE adjustment <> 'run_rate') AS change_eur,
               sum(amount_eur) FILTER (WHERE adjustment <> 'run_rate')
                   / nullif(sum(amount_eur) FILTER (WHERE adjustment = 'run_rate'), 0)
                   AS change_pct
        FROM budget_proposal_lines
        WHERE list_contains($customers::VARCHAR[], customer_id)
        GROUP BY customer_id
        ORDER BY proposal_eur DESC, customer_id
        """,
        "budget_proposal_lines",
        customers=tuple(customer_ids),
    )


def proposal_months(reader: Reader, customer_ids: tuple[str, ...]) -> pd.DataFrame:
    """One row per month of the budget year: proposal and baseline of the given customers."""
    return reader.read(
        """
        SELECT month, sum(amount_eur) AS amount_eur, sum(run_rate_eur) AS run_rate_eur
        FROM budget_proposals
        WHERE list_contains($customers::VARCHAR[], customer_id)
        GROUP BY month
        ORDER BY month
        """,
        "budget_proposals",
        customers=tuple(customer_ids),
    )


def finance_export(reader: Reader, customer_ids: tuple[str, ...]) -> pd.DataFrame:
    """One row per customer and service in the finance office's layout (12 months + year)."""
    months = ", ".join(f"month_{m:02d}_eur" for m in range(1, 13))
    return reader.read(
        f"""
        SELECT customer_id, customer_name, finance_account, finance_account_kind,
               activity_type, service_name_fi, budget_year, {months}, year_eur
        FROM budget_finance_export
        WHERE list_contains($customers::VARCHAR[], customer_id)
        ORDER BY customer_name, customer_id, activity_type
        """,  # noqa: S608 - the month columns are constants, not input
        "budget_finance_export",
        customers=tuple(customer_ids),
    )


def backtest_summary(reader: Reader) -> pd.DataFrame:
    """One row per backtest and forecast (method, baseline): MAPE, € error, WAPE."""
    return reader.read(
        """
        SELECT backtest_offset_months, as_of_month, budget_year, months_compared, forecast,
               customers, customers_in_mape, mape, abs_error_eur, error_eur, predicted_eur,
               actual_eur, wape
        FROM budget_backtest_summary
        ORDER BY backtest_offset_months, forecast DESC
        """,
        "budget_backtest_summary",
    )


def backtest_customers(reader: Reader, customer_ids: tuple[str, ...]) -> pd.DataFrame:
    """One row per customer and backtest: predicted, baseline and actual with their errors."""
    return reader.read(
        """
        SELECT customer_id, budget_year, months_compared, predicted_eur, baseline_eur,
               actual_eur, error_eur, ape, baseline_error_eur, baseline_ape
        FROM budget_backtest
        WHERE list_contains($customers::VARCHAR[], customer_id)
        ORDER BY customer_id, budget_year DESC
        """,
        "budget_backtest",
        customers=tuple(customer_ids),
    )


def needing_classification(reader: Reader, customer_ids: tuple[str, ...]) -> pd.DataFrame:
    """One row per given customer whose proposal is incomplete (`budget_proposals`'
    needs_classification: charges of the last 12 months are in no line), with those euros."""
    return reader.read(
        """
        SELECT c.customer_id, c.customer_name, c.unclassified_eur
        FROM customers AS c
        WHERE list_contains($customers::VARCHAR[], c.customer_id)
          AND c.customer_id IN (SELECT customer_id FROM budget_proposals
                                WHERE needs_classification)
        ORDER BY c.unclassified_eur DESC, c.customer_id
        """,
        "budget_proposals",
        customers=tuple(customer_ids),
    )
