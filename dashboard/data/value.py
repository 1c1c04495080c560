"""Selects for segmentation and profitability: customer value, margin and cost drivers.

Plain functions of a reader (`dashboard.data.reader`): every select is parameter-bound;
`$types`, `$segments` and `$managers` are the sidebar filters of `reader.FILTERED`. The mart
keeps percentages as percent (12.3); these selects return fractions (0.123), which the
formatters take.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.data.filters import Filters
from dashboard.data.reader import FILTERED, Reader


def segment_counts(reader: Reader, filters: Filters) -> pd.DataFrame:
    """One row per customer type, per segment and per ABC class (grouping sets; the other two
    columns are NULL): customers and current value."""
    return reader.read(
        "WITH" + FILTERED + """
        SELECT customer_type, segment, abc_class,
               count(*) AS customers, sum(current_value_eur) AS current_value_eur
        FROM filtered
        GROUP BY GROUPING SETS ((customer_type), (segment), (abc_class))
        ORDER BY customer_type, segment, abc_class
        """,
        "customers",
        **filters.params(),
    )


def customer_values(reader: Reader, filters: Filters) -> pd.DataFrame:
    """One row per filtered customer: value, potential, ABC and quadrant, the cumulative share
    of all customers' current value (ABC's 80 %) and the median used for the quadrants."""
    return reader.read(
        """
        WITH ranked AS (
            SELECT *,
                   sum(current_value_eur) OVER (
                       ORDER BY current_value_eur DESC, customer_id
                       ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                   / nullif(sum(current_value_eur) OVER (), 0) AS cumulative_value_share,
                   median(current_value_eur) OVER () AS median_value_eur
            FROM customers
        ),""" + FILTERED.replace("FROM customers", "FROM ranked") + """
        SELECT customer_id, customer_name, customer_type, segment, partnership_manager,
               current_value_eur, value_change_pct / 100 AS value_change_pct,
               cumulative_value_share, abc_class, potential_score, potential_value_eur,
               lifetime_value_eur, value_quadrant, median_value_eur, staff_count,
               it_spend_per_staff_eur, needs_classification, unclassified_eur
        FROM filtered
        ORDER BY current_value_eur DESC, customer_id
        """,
        "customers",
        **filters.params(),
    )


def spend_per_staff(reader: Reader, filters: Filters) -> pd.DataFrame:
    """One row per filtered customer with staff: IT spend per staff member against the median
    of all customers of the same type."""
    return reader.read(
        """
        WITH typed AS (
            SELECT *, median(it_spend_per_staff_eur) OVER (PARTITION BY customer_type)
                          AS type_median_per_staff_eur
            FROM customers
        ),""" + FILTERED.replace("FROM customers", "FROM typed") + """
        SELECT customer_id, customer_name, customer_type, staff_count, current_value_eur,
               it_spend_per_staff_eur, type_median_per_staff_eur,
               it_spend_per_staff_eur / nullif(type_median_per_staff_eur, 0) - 1
                   AS vs_type_median
        FROM filtered
        WHERE it_spend_per_staff_eur IS NOT NULL
        ORDER BY customer_type, it_spend_per_staff_eur DESC
        """,
        "customers",
        **filters.params(),
    )


def whale_curve(reader: Reader) -> pd.DataFrame:
    """One row per customer whose margin is known, by margin descending, with the mart's
    cumulative shares (all such customers: the curve is defined over the whole portfolio;
    the mart ranks only classified customers)."""
    return reader.read(
        """
        SELECT margin_rank, customer_id, customer_name, customer_type, margin_eur,
               cumulative_customer_pct / 100 AS cumulative_customer_share,
               cumulative_margin_pct / 100 AS cumulative_margin_share
        FROM customers
        WHERE NOT needs_classification
        ORDER BY margin_rank
        """,
        "customers",
    )


def unclassified_customers(reader: Reader) -> pd.DataFrame:
    """One row per customer (of all) whose margin needs classification, with its euros."""
    return reader.read(
        """
        SELECT customer_id, customer_name, needs_classification, unclassified_eur
        FROM customers
        WHERE needs_classification
        ORDER BY unclassified_eur DESC, customer_id
        """,
        "customers",
    )


# One row per customer over the window `$start`..`$end`: charges and, when no month of the
# window needs classification, cost to serve and margin (NULL otherwise, never a partial sum).
WINDOW_SUMS = """
            SELECT customer_id, sum(charges_eur) AS charges_eur,
                   CASE WHEN NOT bool_or(needs_classification)
                        THEN sum(cost_to_serve_eur) END AS cost_to_serve_eur,
                   CASE WHEN NOT bool_or(needs_classification)
                        THEN sum(margin_eur) END AS margin_eur,
                   coalesce(bool_or(needs_classification), false) AS needs_classification,
                   sum(unclassified_eur) AS unclassified_eur
            FROM customer_profitability_monthly
            WHERE month BETWEEN $start AND $end
            GROUP BY customer_id
"""


def profitability(reader: Reader, filters: Filters, start: dt.date, end: dt.date) -> pd.DataFrame:
    """One row per filtered customer: charges, cost to serve and margin summed over the months
    `start`..`end` of customer_profitability_monthly (12 months = the customers mart)."""
    return reader.read(
        "WITH" + FILTERED + """,
        window_sums AS (""" + WINDOW_SUMS + """)
        SELECT f.customer_id, f.customer_name, f.customer_type, f.partnership_manager,
               coalesce(w.charges_eur, 0) AS charges_eur,
               CASE WHEN NOT w.needs_classification
                    THEN coalesce(w.cost_to_serve_eur, 0) END AS cost_to_serve_eur,
               CASE WHEN NOT w.needs_classification
                    THEN coalesce(w.margin_eur, 0) END AS margin_eur,
               w.margin_eur / nullif(w.charges_eur, 0) AS margin_pct,
               w.needs_classification, w.unclassified_eur
        FROM filtered AS f
        LEFT JOIN window_sums AS w USING (customer_id)
        ORDER BY margin_eur NULLS LAST, f.customer_id
        """,
        "customer_profitability_monthly",
        start=start, end=end, **filters.params(),
    )


def profitability_by_type(reader: Reader, filters: Filters, start: dt.date, end: dt.date
                          ) -> pd.DataFrame:
    """One row per customer type: charges, and cost to serve, margin and margin % of its
    customers whose margin is known over the window (how many are not, and their euros)."""
    return reader.read(
        "WITH" + FILTERED + """,
        window_sums AS (""" + WINDOW_SUMS + """)
        SELECT f.customer_type, count(*) AS customers,
               count(*) FILTER (WHERE NOT coalesce(w.needs_classification, false))
                   AS classified_customers,
               count(*) FILTER (WHERE w.needs_classification) AS unclassified_customers,
               coalesce(sum(w.unclassified_eur) FILTER (WHERE w.needs_classification), 0)
                   AS unclassified_eur,
               coalesce(sum(w.charges_eur), 0) AS charges_eur,
               coalesce(sum(w.cost_to_serve_eur), 0) AS cost_to_serve_eur,
               coalesce(sum(w.margin_eur), 0) AS margin_eur,
               sum(w.margin_eur) / nullif(sum(w.charges_eur) FILTER (
                   WHERE NOT w.needs_classification), 0) AS margin_pct
        FROM filtered AS f
        LEFT JOIN window_sums AS w USING (customer_id)
        GROUP BY f.customer_type
        ORDER BY margin_eur
        """,
        "customer_profitability_monthly",
        start=start, end=end, **filters.params(),
    )


def cost_by_driver(reader: Reader, filters: Filters, start: dt.date, end: dt.date) -> pd.DataFrame:
    """One row per activity type (service): charges, cost to serve, margin, its cost driver,
    billed against driver quantity and the share of cost measured by a source."""
    return reader.read(
        "WITH" + FILTERED + """
        SELECT d.activity_type, d.service, d.cost_driver,
               sum(d.charges_eur) AS charges_eur,
               sum(d.cost_to_serve_eur) AS cost_to_serve_eur,
               sum(d.charges_eur) - sum(d.cost_to_serve_eur) AS margin_eur,
               sum(d.billed_quantity) AS billed_quantity,
               sum(d.driver_quantity) AS driver_quantity,
               sum(d.cost_to_serve_eur) FILTER (WHERE d.is_driver_measured)
                   / nullif(sum(d.cost_to_serve_eur), 0) AS measured_cost_share
        FROM customer_service_costs_monthly AS d
        WHERE d.month BETWEEN $start AND $end
          AND d.customer_id IN (SELECT customer_id FROM filtered)
        GROUP BY d.activity_type, d.service, d.cost_driver
        ORDER BY margin_eur
        """,
        "customer_service_costs_monthly",
        start=start, end=end, **filters.params(),
    )


def margin_reasons(reader: Reader, filters: Filters, start: dt.date, end: dt.date, limit: int = 15
                   ) -> pd.DataFrame:
    """The `limit` filtered customers with the lowest margin % over the window, each with the
    service that earns least and its billed against driver quantity (why the margin is low)."""
    return reader.read(
        "WITH" + FILTERED + """,
        by_activity AS (
            SELECT d.customer_id, d.activity_type, d.cost_driver,
                   sum(d.charges_eur) AS charges_eur,
                   sum(d.charges_eur) - sum(d.cost_to_serve_eur) AS margin_eur,
                   sum(d.billed_quantity) AS billed_quantity,
                   sum(d.driver_quantity) AS driver_quantity
            FROM customer_service_costs_monthly AS d
            WHERE d.month BETWEEN $start AND $end
              AND d.customer_id IN (SELECT customer_id FROM filtered)
            GROUP BY ALL
        ),
        totals AS (
            SELECT customer_id, sum(charges_eur) AS charges_eur, sum(margin_eur) AS margin_eur,
                   arg_min(activity_type, margin_eur) AS worst_activity_type
            FROM by_activity
            GROUP BY customer_id
        )
        -- a customer whose window needs classification has no known margin to explain
        SELECT f.customer_id, f.customer_name, f.customer_type, t.margin_eur,
               t.margin_eur / nullif(t.charges_eur, 0) AS margin_pct,
               t.worst_activity_type, a.cost_driver, a.margin_eur AS worst_margin_eur,
               a.billed_quantity, a.driver_quantity
        FROM totals AS t
        JOIN filtered AS f USING (customer_id)
        JOIN by_activity AS a
            ON a.customer_id = t.customer_id AND a.activity_type = t.worst_activity_type
        WHERE t.customer_id NOT IN (
            SELECT customer_id FROM customer_profitability_monthly
            WHERE needs_classification AND month BETWEEN $start AND $end)
        ORDER BY margin_pct NULLS FIRST, f.customer_id
        LIMIT $limit
        """,
        "customer_service_costs_monthly",
        start=start, end=end, limit=limit, **filters.params(),
    )
