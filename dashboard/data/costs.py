"""Selects for profitability on the centre's actual costs: the cost basis, the loss-makers and
each service's cost against what they pay for it, cost recovery per service with break-even
prices, the monthly trend and who subsidises whom.

Plain functions of a reader (`dashboard.data.reader`); `$types`, `$segments` and `$managers`
are the sidebar filters of `reader.FILTERED`. Percentages are returned as fractions.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.data.filters import Filters
from dashboard.data.reader import FILTERED, Reader


def cost_basis(reader: Reader) -> str:
    """`actual`, `catalogue` or `mixed`: what the 12 months' cost to serve rests on."""
    frame = reader.read("SELECT any_value(cost_basis) AS cost_basis FROM customers",
                        "customers")
    value = frame["cost_basis"].iloc[0] if not frame.empty else None
    return value if isinstance(value, str) else "catalogue"


def whale_peak(whale: pd.DataFrame) -> dict | None:
    """The whale curve's highest point: the cumulative margin share, how many customers and
    which share of them carry it (None without customers)."""
    if whale.empty:
        return None
    top = whale.loc[whale["cumulative_margin_share"].idxmax()]
    return {"margin_share": float(top["cumulative_margin_share"]),
            "customers": int(top["margin_rank"]),
            "customer_share": float(top["cumulative_customer_share"])}


# Per customer and code over the window `$start`..`$end`: what it paid, what it cost, the
# driver and its monthly quantity; only customers whose window needs no classification.
_BY_CODE = """
        by_code AS (
            SELECT d.customer_id, d.activity_type,
                   any_value(d.allocation_driver) AS allocation_driver,
                   any_value(d.cost_driver) AS cost_driver,
                   sum(d.charges_eur) AS charges_eur, sum(d.cost_to_serve_eur) AS cost_eur,
                   sum(d.charges_eur) - sum(d.cost_to_serve_eur) AS margin_eur,
                   avg(d.driver_quantity) AS driver_quantity,
                   sum(d.cost_to_serve_eur) / nullif(sum(d.driver_quantity), 0) AS rate_eur
            FROM customer_service_costs_monthly AS d
            WHERE d.month BETWEEN $start AND $end
              AND d.customer_id IN (SELECT customer_id FROM filtered)
              AND d.customer_id NOT IN (
                  SELECT customer_id FROM customer_profitability_monthly
                  WHERE needs_classification AND month BETWEEN $start AND $end)
            GROUP BY ALL
        )"""


def loss_makers(reader: Reader, filters: Filters, start: dt.date, end: dt.date) -> pd.DataFrame:
    """One row per filtered customer whose margin over the window is below zero, the worst
    first: charges, cost, margin and the code whose cost most exceeds what the customer pays
    for it (its charges, cost, driver and the driver's monthly quantity)."""
    return reader.read(
        "WITH" + FILTERED + "," + _BY_CODE + """,
        totals AS (
            SELECT customer_id, sum(charges_eur) AS charges_eur, sum(cost_eur) AS cost_eur,
                   sum(margin_eur) AS margin_eur,
                   arg_min(activity_type, margin_eur) AS worst_activity_type
            FROM by_code
            GROUP BY customer_id
        )
        SELECT f.customer_id, f.customer_name, f.customer_type, t.charges_eur,
               t.cost_eur AS cost_to_serve_eur, t.margin_eur,
               t.margin_eur / nullif(t.charges_eur, 0) AS margin_pct,
               t.worst_activity_type, b.charges_eur AS worst_charges_eur,
               b.cost_eur AS worst_cost_eur, b.allocation_driver, b.driver_quantity
        FROM totals AS t
        JOIN filtered AS f USING (customer_id)
        JOIN by_code AS b
            ON b.customer_id = t.customer_id AND b.activity_type = t.worst_activity_type
        WHERE t.margin_eur < 0
        ORDER BY t.margin_eur, f.customer_id
        """,
        "customer_service_costs_monthly",
        start=start, end=end, **filters.params(),
    )


def customer_breakdown(reader: Reader, filters: Filters, customer_id: str, start: dt.date,
                       end: dt.date) -> pd.DataFrame:
    """One row per code the customer paid for or caused cost in over the window: what it
    paid, what it cost, the margin, the driver, its monthly quantity and the cost per unit."""
    return reader.read(
        "WITH" + FILTERED + "," + _BY_CODE + """
        SELECT activity_type, allocation_driver, cost_driver, charges_eur,
               cost_eur AS cost_to_serve_eur, margin_eur, driver_quantity, rate_eur
        FROM by_code
        WHERE customer_id = $customer
        ORDER BY margin_eur, activity_type
        """,
        "customer_service_costs_monthly",
        start=start, end=end, customer=customer_id, **filters.params(),
    )


def service_recovery(reader: Reader, start: dt.date, end: dt.date) -> pd.DataFrame:
    """One row per code of the catalogue over the window: charges, cost, the part no customer
    had a driver for, cost recovery, the current unit price and the break-even price (cost ÷
    billed quantity), weakest recovery first."""
    return reader.read(
        """
        SELECT activity_type, any_value(allocation_driver) AS allocation_driver,
               sum(charges_eur) AS charges_eur, sum(cost_eur) AS cost_eur,
               sum(unallocated_eur) AS unallocated_eur, sum(surplus_eur) AS surplus_eur,
               sum(charges_eur) / nullif(sum(cost_eur), 0) AS recovery_pct,
               sum(billed_quantity) AS billed_quantity,
               arg_max(unit_price_eur, month) AS unit_price_eur,
               sum(cost_eur) / nullif(sum(billed_quantity), 0) AS break_even_price_eur
        FROM service_cost_recovery
        WHERE month BETWEEN $start AND $end
        GROUP BY activity_type
        ORDER BY recovery_pct NULLS LAST, activity_type
        """,
        "service_cost_recovery",
        start=start, end=end,
    )


def margin_trend(reader: Reader, filters: Filters, start: dt.date, end: dt.date) -> pd.DataFrame:
    """One row per month of the window: the filtered customers' charges, cost and margin
    (customers whose month needs classification left out of cost and margin) and the
    month's cost basis."""
    return reader.read(
        "WITH" + FILTERED + """
        SELECT p.month, any_value(p.cost_basis) AS cost_basis,
               sum(p.charges_eur) AS charges_eur,
               sum(p.cost_to_serve_eur) AS cost_to_serve_eur, sum(p.margin_eur) AS margin_eur
        FROM customer_profitability_monthly AS p
        WHERE p.month BETWEEN $start AND $end
          AND p.customer_id IN (SELECT customer_id FROM filtered)
        GROUP BY p.month
        ORDER BY p.month
        """,
        "customer_profitability_monthly",
        start=start, end=end, **filters.params(),
    )


def subsidies(reader: Reader, kind: str) -> pd.DataFrame:
    """Who pays more than it costs and who less, over the 12 months (`service` or
    `customer`), largest surplus first."""
    return reader.read(
        """
        SELECT subject_id, name_fi, name_en, charges_eur, cost_eur, surplus_eur,
               recovery_pct / 100 AS recovery_pct, role, share_pct / 100 AS share_pct
        FROM cost_subsidies
        WHERE kind = $kind
        ORDER BY surplus_eur DESC, subject_id
        """,
        "cost_subsidies",
        kind=kind,
    )


def unallocated(reader: Reader, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The centre's actual cost that reached no customer over the window, per reason."""
    return reader.read(
        """
        SELECT reason, sum(amount_eur) AS amount_eur
        FROM unallocated_costs
        WHERE month BETWEEN $start AND $end
        GROUP BY reason
        ORDER BY amount_eur DESC
        """,
        "unallocated_costs",
        start=start, end=end,
    )
