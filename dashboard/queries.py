"""The only module that talks to DuckDB: parameter-bound selects from the marts of specs/marts.md.

Queries run on the warehouse version `dashboard.served` serves (one open read-only instance per
published file, switched to a newly published file after the recent queries were replayed on
it). Answers are cached per (version, query, parameters): a new version is a new key, so no
time-to-live is needed, and a page run reads one version throughout.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import streamlit as st

from dashboard import hot_queries
from dashboard.filters import Filters
from dashboard.served import SERVED, WARM_SECONDS, Unavailable, Version
from warehouse.config import settings

CACHE_ENTRIES = 512
HOT_QUERIES = 256  # the most recent distinct queries, replayed on a newly published file


class WarehouseUnavailable(Exception):
    """The warehouse cannot answer; pages show `i18n` key `message_key` instead of data."""

    message_key = "not_built"

    def __init__(self, detail: str, relation: str | None = None) -> None:
        super().__init__(detail)
        self.relation = relation


class WarehouseMissing(WarehouseUnavailable):
    """The warehouse file does not exist (or is not a DuckDB database)."""


class RelationMissing(WarehouseUnavailable):
    """The warehouse exists but lacks a relation or column that the dashboard reads."""

    message_key = "relation_missing"


def _version(path: Path) -> Version:
    try:
        return SERVED.current(str(path))
    except FileNotFoundError:
        raise WarehouseMissing(f"warehouse file not found: {path}") from None
    except Unavailable as error:
        raise WarehouseMissing(str(error)) from None


def _floats(table: pa.Table) -> pa.Table:
    """DECIMAL money arrives as Python Decimal objects in pandas; charts and formats want floats."""
    for index, field in enumerate(table.schema):
        if pa.types.is_decimal(field.type):
            table = table.set_column(index, field.name, table.column(index).cast(pa.float64()))
    return table


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def _fetch(
    path: str, mtime_ns: int, inode: int, sql: str, params: tuple, relation: str,
    optional: bool, named: bool = False,
) -> pd.DataFrame | None:
    """Run one select on a cursor of the served version; None when an optional relation is
    absent.

    `params` is hashable for the cache: positional values, or (name, value) pairs when `named`;
    tuples inside are bound as SQL lists.
    """
    try:
        con = SERVED.cursor(Version(path, mtime_ns, inode))
    except Unavailable as error:
        raise WarehouseMissing(str(error)) from None
    try:
        if optional:
            exists = con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [relation]
            ).fetchall()
            if exists[0][0] == 0:
                return None
        try:
            table = con.sql(sql, params=_bound(params, named)).to_arrow_table()
        except (duckdb.CatalogException, duckdb.BinderException) as error:
            raise RelationMissing(str(error).splitlines()[0], relation) from None
        return _floats(table).to_pandas()
    finally:
        con.close()


RECENT = hot_queries.Recent(HOT_QUERIES)


def _ask(query: tuple) -> pd.DataFrame | None:
    """Answer `query` (sql, params, relation, optional, named) from the served version and
    remember it for the next warm-up."""
    query = hot_queries.hashable(query)
    RECENT.remember(query)
    s = settings()  # once per query: it resolves every configured path
    version = _version(s.warehouse)
    frame = _fetch(version.path, version.mtime_ns, version.inode, *query)
    RECENT.save_if_due(s.recent_queries)
    return frame


def _warm(version: Version) -> None:
    """Replay the recent queries (newest first) on `version` so their answers are cached
    before readers switch to it; stop at WARM_SECONDS."""
    deadline = time.monotonic() + WARM_SECONDS
    for query in RECENT.newest_first():
        if time.monotonic() > deadline:
            return
        try:
            _fetch(version.path, version.mtime_ns, version.inode, *query)
        except WarehouseUnavailable:
            continue  # a relation the new build lacks: the page will say so itself


def _warm_after_start(version: Version) -> None:
    """A server's first look at the warehouse: warm the queries saved before the restart."""
    if RECENT.load(settings().recent_queries):
        _warm(version)


SERVED.warm = _warm
SERVED.warm_first = _warm_after_start


def clear_cache() -> None:
    """Drop every cached answer and open version (tests, benchmarks of cold pages)."""
    _fetch.clear()
    RECENT.clear()
    SERVED.close_all()


def _bound(params: tuple, named: bool) -> list | dict:
    def value(item: object) -> object:
        return list(item) if isinstance(item, tuple) else item

    if named:
        return {name: value(item) for name, item in params}
    return [value(item) for item in params]


def read_named(sql: str, relation: str, **params: object) -> pd.DataFrame:
    """Run a select with `$name` parameters (the filter fragment uses `$types` and friends)."""
    frame = _ask((sql, tuple(sorted(params.items())), relation, False, True))
    assert frame is not None
    return frame


def read_named_optional(sql: str, relation: str, **params: object) -> pd.DataFrame | None:
    return _ask((sql, tuple(sorted(params.items())), relation, True, True))


# The customers that pass the sidebar filters, as a CTE; bind with `**filters.params()`.
FILTERED = """
    filtered AS (
        SELECT * FROM customers
        WHERE (len($types::VARCHAR[]) = 0 OR list_contains($types::VARCHAR[], customer_type))
          AND (len($segments::INTEGER[]) = 0
               OR list_contains($segments::INTEGER[], segment::INTEGER))
          AND (len($managers::VARCHAR[]) = 0
               OR list_contains($managers::VARCHAR[], partnership_manager))
    )
"""


def _read(sql: str, relation: str, *params: object) -> pd.DataFrame:
    frame = _ask((sql, tuple(params), relation, False, False))
    assert frame is not None
    return frame


def _read_optional(sql: str, relation: str, *params: object) -> pd.DataFrame | None:
    return _ask((sql, tuple(params), relation, True, False))


def month_start(day: dt.date, months_back: int = 0) -> dt.date:
    """The first day of the month `months_back` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def kpis(filters: Filters | None = None) -> pd.DataFrame:
    """One row: sums over the filtered customers for the overview's KPI row."""
    return read_named(
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
               count(*) FILTER (WHERE needs_classification) AS unclassified_customers,
               sum(unclassified_eur) FILTER (WHERE needs_classification) AS unclassified_eur,
               max(as_of_month) AS as_of_month
        FROM filtered
        """,
        "customers",
        **(filters or Filters()).params(),
    )


def as_of_month() -> dt.date | None:
    value = _read("SELECT max(as_of_month) AS as_of_month FROM customers", "customers")
    day = value["as_of_month"].iloc[0]
    return None if pd.isna(day) else pd.Timestamp(day).date()


def charges_by_service(
    start: dt.date, end: dt.date, filters: Filters | None = None
) -> pd.DataFrame:
    """One row per month and service between `start` and `end` (inclusive)."""
    return read_named(
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
    start: dt.date, end: dt.date, filters: Filters | None = None
) -> pd.DataFrame:
    """One row per month: the filtered customers' charges and the same month a year earlier."""
    return read_named(
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


def top_customers(limit: int = 10, filters: Filters | None = None) -> pd.DataFrame:
    return read_named(
        "WITH" + FILTERED + """
        SELECT customer_id, customer_name, customer_type, partnership_manager,
               current_value_eur, value_change_eur,
               value_change_pct / 100 AS value_change_pct, margin_eur, abc_class,
               needs_classification, unclassified_eur
        FROM filtered  -- the mart keeps percent (12.3); formatters take fractions
        ORDER BY current_value_eur DESC NULLS LAST, customer_id
        LIMIT $limit
        """,
        "customers",
        limit=limit, **(filters or Filters()).params(),
    )


def filter_options() -> pd.DataFrame:
    """Distinct customer types, segments and partnership managers, for the sidebar filters."""
    return _read(
        """
        SELECT DISTINCT customer_type, segment::INTEGER AS segment, partnership_manager
        FROM customers
        """,
        "customers",
    )


def load_summary() -> pd.DataFrame:
    """One row per source: files, rejected files, rows and the newest load."""
    return _read(
        """
        SELECT source,
               count(*) AS files,
               count(*) FILTER (WHERE status = 'rejected') AS rejected_files,
               sum(rows_read) AS rows_read,
               sum(rows_loaded) AS rows_loaded,
               sum(rows_quarantined) AS rows_quarantined,
               max(loaded_at) AS newest_load
        FROM load_audit
        GROUP BY source
        ORDER BY source
        """,
        "load_audit",
    )


def quarantine_rows(limit: int = 200) -> pd.DataFrame:
    return _read(
        """
        SELECT load_id, source, file_name, row_number, column_name, raw_value, reason
        FROM quarantine
        ORDER BY source, file_name, row_number
        LIMIT ?
        """,
        "quarantine",
        limit,
    )


def unmapped_records(limit: int = 1000) -> pd.DataFrame:
    """The worklist, the largest amounts first."""
    return _read(
        """
        SELECT source, record_key, raw_value, candidate_customer_id, candidate_score, amount_eur
        FROM unmapped_records
        ORDER BY amount_eur DESC NULLS LAST, source, record_key
        LIMIT ?
        """,
        "unmapped_records",
        limit,
    )


def unclassified_codes() -> pd.DataFrame | None:
    """One row per source and code the service catalogue lacks, the largest euros first:
    lines, customers, a sample text and the first file:row (None before the mart exists)."""
    return _read_optional(
        """
        SELECT source, code, sum(amount_eur) AS amount_eur, sum(lines) AS lines,
               count(DISTINCT customer_id) AS customers, min(sample_text) AS sample_text,
               min(first_row) AS first_row
        FROM unclassified_charges
        GROUP BY source, code
        ORDER BY amount_eur DESC NULLS LAST, source, code
        """,
        "unclassified_charges",
    )


def site_info() -> pd.DataFrame | None:
    """One row: the site configuration's name, folder and version (None before the mart)."""
    return _read_optional("SELECT site_name, site_folder, site_version FROM site_info",
                          "site_info")


def site_changes(limit: int = 500) -> pd.DataFrame | None:
    """The site configuration's change history, newest first (None before the mart)."""
    return _read_optional(
        """
        SELECT noticed_at, changed_by, changed_via, site_file, changed_key, change_kind,
               detail, note
        FROM site_changes
        ORDER BY noticed_at DESC, site_file, changed_key
        LIMIT ?
        """,
        "site_changes",
        limit,
    )


def quality_summary() -> pd.DataFrame | None:
    """One row for the latest check run (None when checks never ran into this warehouse)."""
    return _read_optional(
        """
        SELECT count(*) AS checks,
               count(*) FILTER (WHERE NOT success) AS failed,
               count(*) FILTER (WHERE NOT success AND severity = 'critical') AS critical_failed,
               max(run_at) AS run_at
        FROM data_quality_results
        WHERE run_id = (
            SELECT run_id FROM data_quality_results ORDER BY run_at DESC LIMIT 1
        )
        """,
        "data_quality_results",
    )


def quality_results() -> pd.DataFrame | None:
    """The latest run's checks, failures first."""
    return _read_optional(
        """
        SELECT run_at, source, expectation, severity, success, observed_value, failing_examples
        FROM data_quality_results
        WHERE run_id = (
            SELECT run_id FROM data_quality_results ORDER BY run_at DESC LIMIT 1
        )
        ORDER BY success, severity, source, expectation
        """,
        "data_quality_results",
    )


# ---------------------------------------------------------------------------------------------
# Care plan (issue #7): one customer's header, charges, change explanation, applications and
# devices, and a partnership manager's customers. Used by the customer page, the annual clock
# and the budget-meeting pack (dashboard/report/careplan_data.py), so their numbers agree.
# ---------------------------------------------------------------------------------------------


def customer_list() -> pd.DataFrame:
    """One row per customer: id, name and partnership manager, by name."""
    return _read(
        """
        SELECT customer_id, customer_name, partnership_manager
        FROM customers
        ORDER BY customer_name, customer_id
        """,
        "customers",
    )


def customer_header(customer_id: str) -> pd.DataFrame:
    """The care plan's header: one row of `customers` (value_change_pct as a fraction)."""
    return _read(
        """
        SELECT customer_id, customer_name, customer_type, segment, partnership_manager,
               customer_contact, potential_score, current_value_eur, previous_value_eur,
               value_change_eur, value_change_pct / 100 AS value_change_pct,
               staff_count, staff_change, active_devices, applications, cost_to_serve_eur,
               margin_eur, margin_pct / 100 AS margin_pct, lifetime_value_eur,
               potential_value_eur, abc_class, value_quadrant, as_of_month,
               needs_classification, unclassified_eur
        FROM customers  -- the mart keeps percent (12.3); formatters take fractions
        WHERE customer_id = ?
        """,
        "customers",
        customer_id,
    )


def customer_charges(customer_id: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """One row per month and service of one customer between `start` and `end`."""
    return _read(
        """
        SELECT month, service, sum(amount_eur) AS amount_eur
        FROM customer_charges_monthly
        WHERE customer_id = ? AND month BETWEEN ? AND ?
        GROUP BY month, service
        ORDER BY month, service
        """,
        "customer_charges_monthly",
        customer_id,
        start,
        end,
    )


def customer_charge_changes(customer_id: str) -> pd.DataFrame:
    """One row per service: the change vs the previous 12 months split into its effects."""
    return _read(
        """
        SELECT service, previous_value_eur, current_value_eur, change_eur, volume_effect_eur,
               price_effect_eur, new_service_eur, ended_service_eur, other_effect_eur
        FROM customer_charge_changes
        WHERE customer_id = ?
        ORDER BY abs(change_eur) DESC, service
        """,
        "customer_charge_changes",
        customer_id,
    )


def customer_applications(customer_id: str) -> pd.DataFrame:
    """One row per application of the customer, the most critical first (1 = critical)."""
    return _read(
        """
        SELECT application, criticality, updates_per_year, next_update_month,
               customer_contact, vendor, maintenance, it_resources
        FROM application_updates
        WHERE customer_id = ?
        ORDER BY criticality NULLS LAST, application
        """,
        "application_updates",
        customer_id,
    )


def customer_device_ages(customer_id: str) -> pd.DataFrame:
    """One row per whole year of age: active devices, those due next year and their cost."""
    return _read(
        """
        SELECT CAST(age_months // 12 AS INTEGER) AS age_years,
               count(*) AS devices,
               count(*) FILTER (WHERE is_due_next_year) AS due_next_year,
               sum(replacement_cost_next_year_eur) AS replacement_cost_next_year_eur
        FROM device_replacements
        WHERE customer_id = ? AND is_active
        GROUP BY ALL
        ORDER BY age_years
        """,
        "device_replacements",
        customer_id,
    )


def manager_customers(manager: str | None) -> pd.DataFrame:
    """The customers of one partnership manager (all customers when `manager` is None)."""
    return _read(
        """
        SELECT customer_id, customer_name, partnership_manager
        FROM customers
        WHERE ? IS NULL OR partnership_manager = ?
        ORDER BY customer_name, customer_id
        """,
        "customers",
        manager,
        manager,
    )


def partnership_managers() -> list[str]:
    frame = _read(
        "SELECT DISTINCT partnership_manager FROM customers"
        " WHERE partnership_manager IS NOT NULL ORDER BY 1",
        "customers",
    )
    return frame["partnership_manager"].tolist()


def replacements_by_month(customer_ids: tuple[str, ...], start: dt.date,
                          end: dt.date) -> pd.DataFrame:
    """One row per customer and month: active devices whose replacement falls due then."""
    return _read(
        """
        SELECT customer_id, CAST(date_trunc('month', replacement_due_date) AS DATE) AS month,
               count(*) AS devices
        FROM device_replacements
        WHERE list_contains(?, customer_id) AND is_active
          AND replacement_due_date >= ? AND replacement_due_date < ?
        GROUP BY ALL
        ORDER BY month, customer_id
        """,
        "device_replacements",
        list(customer_ids),
        start,
        end,
    )


def applications_of(customer_ids: tuple[str, ...]) -> pd.DataFrame:
    """One row per application of the given customers, with its update rhythm."""
    return _read(
        """
        SELECT customer_id, application, criticality, updates_per_year, next_update_month,
               customer_contact, vendor, maintenance, it_resources
        FROM application_updates
        WHERE list_contains(?, customer_id)
        ORDER BY customer_id, criticality NULLS LAST, application
        """,
        "application_updates",
        list(customer_ids),
    )
