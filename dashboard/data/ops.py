"""Selects for partnership management and billing reconciliation.

Plain functions of a reader (`dashboard.data.reader`); `$types`, `$segments` and `$managers`
are the sidebar filters of `reader.FILTERED`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.data.filters import Filters
from dashboard.data.reader import FILTERED, Reader


def coverage(reader: Reader, filters: Filters) -> pd.DataFrame:
    """One row per partnership manager and customer type, zero rows (gaps) included."""
    return reader.read(
        """
        SELECT partnership_manager, customer_type, sort_order, customers, is_gap
        FROM partnership_coverage
        WHERE len($managers::VARCHAR[]) = 0
           OR list_contains($managers::VARCHAR[], partnership_manager)
        ORDER BY partnership_manager, sort_order
        """,
        "partnership_coverage",
        managers=filters.managers,
    )


def manager_portfolios(reader: Reader, filters: Filters) -> pd.DataFrame:
    """One row per partnership manager: customers, current, potential and lifetime value,
    margin, and how many customer types the manager has none of (gaps). The margin is known
    only when no customer needs classification (`needs_classification`)."""
    return reader.read(
        "WITH" + FILTERED + """,
        gaps AS (
            SELECT partnership_manager, count(*) FILTER (WHERE is_gap) AS type_gaps,
                   string_agg(customer_type, ', ' ORDER BY sort_order)
                       FILTER (WHERE is_gap) AS missing_types
            FROM partnership_coverage
            GROUP BY partnership_manager
        )
        SELECT f.partnership_manager, count(*) AS customers,
               sum(f.current_value_eur) AS current_value_eur,
               sum(f.potential_value_eur) AS potential_value_eur,
               sum(f.lifetime_value_eur) AS lifetime_value_eur,
               sum(f.margin_eur) AS margin_eur,
               bool_or(f.needs_classification) AS needs_classification,
               sum(f.unclassified_eur) FILTER (WHERE f.needs_classification)
                   AS unclassified_eur,
               any_value(g.type_gaps) AS type_gaps,
               any_value(g.missing_types) AS missing_types
        FROM filtered AS f
        LEFT JOIN gaps AS g USING (partnership_manager)
        GROUP BY f.partnership_manager
        ORDER BY current_value_eur DESC
        """,
        "customers",
        **filters.params(),
    )


def reconciliation_monthly(reader: Reader, filters: Filters, start: dt.date, end: dt.date
                           ) -> pd.DataFrame:
    """One row per month: unbilled and overbilled € and devices of the filtered customers
    whose billed units are known, and how many customers need classification that month."""
    return reader.read(
        "WITH" + FILTERED + """
        SELECT month, sum(unbilled_eur) AS unbilled_eur, sum(overbilled_eur) AS overbilled_eur,
               sum(active_devices) FILTER (WHERE NOT needs_classification) AS active_devices,
               sum(billed_devices) AS billed_devices,
               count(*) FILTER (WHERE needs_classification) AS needs_classification_customers
        FROM billing_reconciliation
        WHERE month BETWEEN $start AND $end
          AND customer_id IN (SELECT customer_id FROM filtered)
        GROUP BY month
        ORDER BY month
        """,
        "billing_reconciliation",
        start=start, end=end, **filters.params(),
    )


def reconciliation_by_customer(reader: Reader, filters: Filters, start: dt.date, end: dt.date
                               ) -> pd.DataFrame:
    """One row per filtered customer with a gap in the window: unbilled and overbilled €, and
    the newest month's active, billed devices and gap."""
    return reader.read(
        "WITH" + FILTERED + """
        SELECT r.customer_id, f.customer_name, f.customer_type,
               sum(r.unbilled_eur) AS unbilled_eur, sum(r.overbilled_eur) AS overbilled_eur,
               arg_max(r.active_devices, r.month) AS active_devices,
               arg_max(r.billed_devices, r.month) AS billed_devices,
               arg_max(r.device_gap, r.month) AS device_gap
        FROM billing_reconciliation AS r
        JOIN filtered AS f USING (customer_id)
        WHERE r.month BETWEEN $start AND $end AND NOT r.needs_classification
        GROUP BY r.customer_id, f.customer_name, f.customer_type
        HAVING sum(r.unbilled_eur) > 0 OR sum(r.overbilled_eur) > 0
        ORDER BY unbilled_eur DESC, overbilled_eur DESC, r.customer_id
        """,
        "billing_reconciliation",
        start=start, end=end, **filters.params(),
    )


def reconciliation_needing_classification(reader: Reader, filters: Filters, start: dt.date,
                                          end: dt.date
                                          ) -> pd.DataFrame:
    """One row per filtered customer and month of the window whose billed units are unknown
    (needs classification): active devices and the month's unclassified euros."""
    return reader.read(
        "WITH" + FILTERED + """
        SELECT r.customer_id, f.customer_name, r.month, r.active_devices, r.billed_devices,
               r.device_gap, r.unbilled_eur, r.overbilled_eur, r.needs_classification,
               p.unclassified_eur
        FROM billing_reconciliation AS r
        JOIN filtered AS f USING (customer_id)
        LEFT JOIN customer_profitability_monthly AS p USING (customer_id, month)
        WHERE r.month BETWEEN $start AND $end AND r.needs_classification
        ORDER BY r.month DESC, p.unclassified_eur DESC, r.customer_id
        """,
        "billing_reconciliation",
        start=start, end=end, **filters.params(),
    )


def customer_devices(reader: Reader, customer_id: str) -> pd.DataFrame:
    """One row per active device of the customer in the newest SCCM snapshot."""
    return reader.read(
        """
        SELECT device_id, device_name, model_name, manufacturer, domain, last_hw_scan_date,
               first_seen_date, replacement_due_date, snapshot_date
        FROM device_replacements
        WHERE customer_id = $customer AND is_active
        ORDER BY device_name, device_id
        """,
        "device_replacements",
        customer=customer_id,
    )
