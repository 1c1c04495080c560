"""Selects for the pricing what-if: the service catalogue and each customer's drivers."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.data.filters import Filters
from dashboard.data.reader import FILTERED, Reader


def service_catalogue(reader: Reader) -> pd.DataFrame:
    """One row per activity type: service, unit price, unit cost and charging driver."""
    return reader.read(
        """
        SELECT activity_type, service, service_name_fi, service_name_en, unit,
               unit_price_eur, unit_cost_eur, cost_driver
        FROM reference.service_catalogue
        ORDER BY activity_type
        """,
        "service_catalogue",
    )


def pricing_base(reader: Reader, filters: Filters, activity_type: str, start: dt.date, end: dt.date
                 ) -> pd.DataFrame:
    """One row per filtered customer over the window: the activity type's charges and billed
    quantity, the customer's device-months and staff-months (the alternative drivers), and all
    its charges and cost to serve (for cost recovery)."""
    return reader.read(
        "WITH" + FILTERED + """,
        window_rows AS (
            SELECT * FROM customer_service_costs_monthly
            WHERE month BETWEEN $start AND $end
              AND customer_id IN (SELECT customer_id FROM filtered)
        ),
        per_customer AS (
            SELECT customer_id,
                   coalesce(sum(charges_eur) FILTER (WHERE activity_type = $activity), 0)
                       AS charges_eur,
                   coalesce(sum(billed_quantity) FILTER (WHERE activity_type = $activity), 0)
                       AS billed_quantity,
                   coalesce(sum(measured_quantity)
                       FILTER (WHERE cost_driver = 'active_devices'), 0)
                       / greatest(count(DISTINCT activity_type)
                           FILTER (WHERE cost_driver = 'active_devices'), 1)
                       AS device_months,
                   coalesce(sum(measured_quantity) FILTER (WHERE cost_driver = 'staff'), 0)
                       / greatest(count(DISTINCT activity_type)
                           FILTER (WHERE cost_driver = 'staff'), 1) AS staff_months,
                   sum(charges_eur) AS total_charges_eur,
                   sum(cost_to_serve_eur) AS total_cost_eur
            FROM window_rows
            GROUP BY customer_id
        )
        SELECT f.customer_id, f.customer_name, f.customer_type,
               coalesce(p.charges_eur, 0) AS charges_eur,
               coalesce(p.billed_quantity, 0) AS billed_quantity,
               coalesce(p.device_months, 0) AS device_months,
               coalesce(p.staff_months, 0) AS staff_months,
               coalesce(p.total_charges_eur, 0) AS total_charges_eur,
               coalesce(p.total_cost_eur, 0) AS total_cost_eur
        FROM filtered AS f
        LEFT JOIN per_customer AS p USING (customer_id)
        ORDER BY f.customer_id
        """,
        "customer_service_costs_monthly",
        activity=activity_type, start=start, end=end, **filters.params(),
    )
