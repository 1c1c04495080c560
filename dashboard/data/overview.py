"""The overview's selects and the sidebar's: as-of month, filter options, KPIs, monthly charges
by service against last year and the largest customers."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.data.filters import Filters
from dashboard.data.reader import FILTERED, Reader


def as_of_month(reader: Reader) -> dt.date | None:
    value = reader.read("SELECT max(as_of_month) AS as_of_month FROM customers", "customers")
    day = value["as_of_month"].iloc[0]
    return None if pd.isna(day) else pd.Timestamp(day).date()


def filter_options(reader: Reader) -> pd.DataFrame:
    """Distinct customer types, segments and partnership managers, for the sidebar filters."""
    return reader.read(
        """
        SELECT DISTINCT customer_type, segment::INTEGER AS segment, partnership_manager
        FROM customers
        """,
        "customers",
    )


def kpis(reader: Reader, filters: Filters | None = None) -> pd.DataFrame:
    """One row: sums over the filtered customers for the overview's KPI row."""
    return reader.read(
        "WITH" + FILTERED + """
        SELECT count(*) AS customers,
               sum(current_value_eur) AS current_value_eur,
               sum(previous_value_eur) AS previous_value_eur,
               sum(value_change_eur) AS value_change_eur,
               sum(value_change_eur) / nullif(sum(previous_value_eur), 0) AS value_change_pct,
               sum(staff_count) AS staff_count,
               sum(active_devices) AS active_devices,
               sum(applications) AS applications,
               sum(margin_eur) AS margin_eur,  -- the customers whose margin is known
               sum(potential_value_eur) AS potential_value_eur,
               count(*) FILTER (WHERE needs_classification) AS unclassified_customers,
               sum(unclassified_eur) FILTER (WHERE needs_classification) AS unclassified_eur,
               max(as_of_month) AS as_of_month
        FROM filtered
        """,
        "customers",
        **(filters or Filters()).params(),
    )


def charges_by_service(
    reader: Reader, start: dt.date, end: dt.date, filters: Filters | None = None
) -> pd.DataFrame:
    """One row per month and service between `start` and `end` (inclusive)."""
    return reader.read(
        "WITH" + FILTERED + """
        SELECT month, service, sum(amount_eur) AS amount_eur
        FROM customer_charges_monthly
        WHERE month BETWEEN $start AND $end
          AND customer_id IN (SELECT customer_id FROM filtered)
        GROUP BY month, service
        ORDER BY month, service
        """,
        "customer_charges_monthly",
        start=start, end=end, **(filters or Filters()).params(),
    )


def monthly_totals_yoy(
    reader: Reader, start: dt.date, end: dt.date, filters: Filters | None = None
) -> pd.DataFrame:
    """One row per month: the filtered customers' charges and the same month a year earlier."""
    return reader.read(
        "WITH" + FILTERED + """,
        totals AS (
            SELECT month, sum(amount_eur) AS amount_eur
            FROM customer_charges_monthly
            WHERE customer_id IN (SELECT customer_id FROM filtered)
            GROUP BY month
        )
        SELECT cur.month, cur.amount_eur, prev.amount_eur AS previous_year_eur
        FROM totals AS cur
        LEFT JOIN totals AS prev ON prev.month = CAST(cur.month - INTERVAL 12 MONTH AS DATE)
        WHERE cur.month BETWEEN $start AND $end
        ORDER BY cur.month
        """,
        "customer_charges_monthly",
        start=start, end=end, **(filters or Filters()).params(),
    )


def top_customers(reader: Reader, limit: int = 10, filters: Filters | None = None
                  ) -> pd.DataFrame:
    return reader.read(
        "WITH" + FILTERED + """
        SELECT customer_id, customer_name, customer_type, partnership_manager,
               current_value_eur, value_change_eur,
               value_change_pct / 100 AS value_change_pct, margin_eur, abc_class,
               potential_score, potential_value_eur, needs_classification, unclassified_eur
        FROM filtered  -- the mart keeps percent (12.3); formatters take fractions
        ORDER BY current_value_eur DESC NULLS LAST, customer_id
        LIMIT $limit
        """,
        "customers",
        limit=limit, **(filters or Filters()).params(),
    )
