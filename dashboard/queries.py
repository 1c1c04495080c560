"""The only module that talks to DuckDB: parameter-bound selects from the marts of specs/marts.md.

Each call opens a short-lived read-only connection and closes it, so a rebuild can swap the
warehouse file at any time. Results are cached for a minute, keyed on the file's path and
mtime_ns too, so a swapped-in rebuild is read on the next call.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import streamlit as st

from warehouse.config import settings

CACHE_TTL_SECONDS = 60


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


def warehouse_path() -> Path:
    return settings().warehouse


def _stamp() -> tuple[str, int]:
    path = warehouse_path()
    try:
        return str(path), path.stat().st_mtime_ns
    except FileNotFoundError:
        raise WarehouseMissing(f"warehouse file not found: {path}") from None


def _floats(table: pa.Table) -> pa.Table:
    """DECIMAL money arrives as Python Decimal objects in pandas; charts and formats want floats."""
    for index, field in enumerate(table.schema):
        if pa.types.is_decimal(field.type):
            table = table.set_column(index, field.name, table.column(index).cast(pa.float64()))
    return table


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=128, show_spinner=False)
def _fetch(
    path: str, mtime_ns: int, sql: str, params: tuple, relation: str, optional: bool
) -> pd.DataFrame | None:
    """Run one select on a fresh read-only connection; None when an optional relation is absent."""
    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.Error as error:
        raise WarehouseMissing(f"cannot open {path}: {error}") from None
    try:
        if optional:
            exists = con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [relation]
            ).fetchall()
            if exists[0][0] == 0:
                return None
        try:
            table = con.sql(sql, params=list(params)).to_arrow_table()
        except (duckdb.CatalogException, duckdb.BinderException) as error:
            raise RelationMissing(str(error).splitlines()[0], relation) from None
        return _floats(table).to_pandas()
    finally:
        con.close()


def _read(sql: str, relation: str, *params: object) -> pd.DataFrame:
    frame = _fetch(*_stamp(), sql, tuple(params), relation, False)
    assert frame is not None
    return frame


def _read_optional(sql: str, relation: str, *params: object) -> pd.DataFrame | None:
    return _fetch(*_stamp(), sql, tuple(params), relation, True)


def month_start(day: dt.date, months_back: int = 0) -> dt.date:
    """The first day of the month `months_back` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def kpis() -> pd.DataFrame:
    """One row: sums over all customers for the overview's KPI row."""
    return _read(
        """
        SELECT count(*) AS customers,
               sum(current_value_eur) AS current_value_eur,
               sum(previous_value_eur) AS previous_value_eur,
               sum(value_change_eur) AS value_change_eur,
               sum(value_change_eur) / nullif(sum(previous_value_eur), 0) AS value_change_pct,
               sum(staff_count) AS staff_count,
               sum(active_devices) AS active_devices,
               sum(applications) AS applications,
               sum(margin_eur) AS margin_eur,
               max(as_of_month) AS as_of_month
        FROM customers
        """,
        "customers",
    )


def as_of_month() -> dt.date | None:
    value = _read("SELECT max(as_of_month) AS as_of_month FROM customers", "customers")
    day = value["as_of_month"].iloc[0]
    return None if pd.isna(day) else pd.Timestamp(day).date()


def charges_by_service(start: dt.date, end: dt.date) -> pd.DataFrame:
    """One row per month and service between `start` and `end` (inclusive)."""
    return _read(
        """
        SELECT month, service, sum(amount_eur) AS amount_eur
        FROM customer_charges_monthly
        WHERE month BETWEEN ? AND ?
        GROUP BY month, service
        ORDER BY month, service
        """,
        "customer_charges_monthly",
        start,
        end,
    )


def monthly_totals_yoy(start: dt.date, end: dt.date) -> pd.DataFrame:
    """One row per month: all charges and the same month a year earlier."""
    return _read(
        """
        WITH totals AS (
            SELECT month, sum(amount_eur) AS amount_eur
            FROM customer_charges_monthly
            GROUP BY month
        )
        SELECT cur.month, cur.amount_eur, prev.amount_eur AS previous_year_eur
        FROM totals AS cur
        LEFT JOIN totals AS prev ON prev.month = CAST(cur.month - INTERVAL 12 MONTH AS DATE)
        WHERE cur.month BETWEEN ? AND ?
        ORDER BY cur.month
        """,
        "customer_charges_monthly",
        start,
        end,
    )


def top_customers(limit: int = 10) -> pd.DataFrame:
    return _read(
        """
        SELECT customer_id, customer_name, customer_type, partnership_manager,
               current_value_eur, value_change_eur,
               value_change_pct / 100 AS value_change_pct, margin_eur, abc_class
        FROM customers  -- the mart keeps percent (12.3); formatters take fractions
        ORDER BY current_value_eur DESC NULLS LAST, customer_id
        LIMIT ?
        """,
        "customers",
        limit,
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
