"""Care plan: one customer's header, charges, change explanation, applications and devices,
and a partnership manager's customers. Used by the customer page, the annual clock, the budget
page and the budget-meeting pack (dashboard/report/careplan_data.py), so their numbers agree."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.data.reader import Reader


def customer_list(reader: Reader) -> pd.DataFrame:
    """One row per customer: id, name and partnership manager, by name."""
    return reader.read(
        """
        SELECT customer_id, customer_name, partnership_manager
        FROM customers
        ORDER BY customer_name, customer_id
        """,
        "customers",
    )


def customer_header(reader: Reader, customer_id: str) -> pd.DataFrame:
    """The care plan's header: one row of `customers` (value_change_pct as a fraction)."""
    return reader.read(
        """
        SELECT customer_id, customer_name, customer_type, segment, partnership_manager,
               customer_contact, potential_score, current_value_eur, previous_value_eur,
               value_change_eur, value_change_pct / 100 AS value_change_pct,
               staff_count, staff_change, active_devices, applications, cost_to_serve_eur,
               margin_eur, margin_pct / 100 AS margin_pct, lifetime_value_eur,
               potential_value_eur, abc_class, value_quadrant, as_of_month,
               needs_classification, unclassified_eur, cost_basis
        FROM customers  -- the mart keeps percent (12.3); formatters take fractions
        WHERE customer_id = $customer
        """,
        "customers",
        customer=customer_id,
    )


def customer_charges(reader: Reader, customer_id: str, start: dt.date, end: dt.date
                     ) -> pd.DataFrame:
    """One row per month and service of one customer between `start` and `end`."""
    return reader.read(
        """
        SELECT month, service, sum(amount_eur) AS amount_eur
        FROM customer_charges_monthly
        WHERE customer_id = $customer AND month BETWEEN $start AND $end
        GROUP BY month, service
        ORDER BY month, service
        """,
        "customer_charges_monthly",
        customer=customer_id, start=start, end=end,
    )


def customer_charge_changes(reader: Reader, customer_id: str) -> pd.DataFrame:
    """One row per service: the change vs the previous 12 months split into its effects."""
    return reader.read(
        """
        SELECT service, previous_value_eur, current_value_eur, change_eur, volume_effect_eur,
               price_effect_eur, new_service_eur, ended_service_eur, other_effect_eur
        FROM customer_charge_changes
        WHERE customer_id = $customer
        ORDER BY abs(change_eur) DESC, service
        """,
        "customer_charge_changes",
        customer=customer_id,
    )


def customer_applications(reader: Reader, customer_id: str) -> pd.DataFrame:
    """One row per application of the customer, the most critical first (1 = critical)."""
    return reader.read(
        """
        SELECT application, criticality, updates_per_year, next_update_month,
               customer_contact, vendor, maintenance, it_resources
        FROM application_updates
        WHERE customer_id = $customer
        ORDER BY criticality NULLS LAST, application
        """,
        "application_updates",
        customer=customer_id,
    )


def customer_device_ages(reader: Reader, customer_id: str) -> pd.DataFrame:
    """One row per whole year of age: active devices, those due next year and their cost."""
    return reader.read(
        """
        SELECT CAST(age_months // 12 AS INTEGER) AS age_years,
               count(*) AS devices,
               count(*) FILTER (WHERE is_due_next_year) AS due_next_year,
               sum(replacement_cost_next_year_eur) AS replacement_cost_next_year_eur
        FROM device_replacements
        WHERE customer_id = $customer AND is_active
        GROUP BY ALL
        ORDER BY age_years
        """,
        "device_replacements",
        customer=customer_id,
    )


def manager_customers(reader: Reader, manager: str | None) -> pd.DataFrame:
    """The customers of one partnership manager (all customers when `manager` is None)."""
    return reader.read(
        """
        SELECT customer_id, customer_name, partnership_manager
        FROM customers
        WHERE $manager::VARCHAR IS NULL OR partnership_manager = $manager
        ORDER BY customer_name, customer_id
        """,
        "customers",
        manager=manager,
    )


def partnership_managers(reader: Reader) -> list[str]:
    frame = reader.read(
        "SELECT DISTINCT partnership_manager FROM customers"
        " WHERE partnership_manager IS NOT NULL ORDER BY 1",
        "customers",
    )
    return frame["partnership_manager"].tolist()


def replacements_by_month(reader: Reader, customer_ids: tuple[str, ...], start: dt.date,
                          end: dt.date) -> pd.DataFrame:
    """One row per customer and month: active devices whose replacement falls due then."""
    return reader.read(
        """
        SELECT customer_id, CAST(date_trunc('month', replacement_due_date) AS DATE) AS month,
               count(*) AS devices
        FROM device_replacements
        WHERE list_contains($customers::VARCHAR[], customer_id) AND is_active
          AND replacement_due_date >= $start AND replacement_due_date < $end
        GROUP BY ALL
        ORDER BY month, customer_id
        """,
        "device_replacements",
        customers=tuple(customer_ids), start=start, end=end,
    )


def applications_of(reader: Reader, customer_ids: tuple[str, ...]) -> pd.DataFrame:
    """One row per application of the given customers, with its update rhythm."""
    return reader.read(
        """
        SELECT customer_id, application, criticality, updates_per_year, next_update_month,
               customer_contact, vendor, maintenance, it_resources
        FROM application_updates
        WHERE list_contains($customers::VARCHAR[], customer_id)
        ORDER BY customer_id, criticality NULLS LAST, application
        """,
        "application_updates",
        customers=tuple(customer_ids),
    )
