"""The shared parsing macros of ingest/parsing.sql (also used by dbt staging)."""

from datetime import date
from decimal import Decimal

import duckdb
import pytest

from ingest.parsing import load_macros


@pytest.fixture(scope="module")
def conn():
    with duckdb.connect() as c:
        yield load_macros(c)


def one(conn, sql, value):
    return conn.execute(f"SELECT {sql}(?)", [value]).fetchone()[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("1.234,56", "1234.56"), ("1 234,56", "1234.56"), ("1\u00a0234,56", "1234.56"),
    ("1\u202f234,56", "1234.56"), ("1,234.56", "1234.56"), ("1234,56", "1234.56"),
    ("-1234,56", "-1234.56"), ("345,10-", "-345.10"), ("1.234.567,89", "1234567.89"),
    ("1,234,567.89", "1234567.89"), ("1 234 567", "1234567"), ("1.234.567", "1234567"),
    ("1234.56", "1234.56"), ("  12,5 ", "12.50"), ("0", "0"), ("+5", "5"), (",5", "0.5"),
    ("-0,01", "-0.01"), ("1.234", "1.23"),
])
def test_fi_amount_parses(conn, text, expected):
    assert one(conn, "fi_amount", text) == Decimal(expected)


@pytest.mark.parametrize("text", [
    "1,23457E+11", "1.2E5", "1e3", "abc", "", "   ", None, "-", "--5", "-5-", "1,2,3",
    "1.23.4", "12,34,56.7", "1.234,5.6", "12 €x", "1,234,56",
])
def test_fi_amount_rejects(conn, text):
    assert one(conn, "fi_amount", text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("1,000", "1.000"), ("1.234", "1.234"), ("83", "83"), ("2,5-", "-2.5"),
    ("1.234,567", "1234.567"), ("12 345,5", "12345.5"),
])
def test_fi_quantity_keeps_three_decimals(conn, text, expected):
    assert one(conn, "fi_quantity", text) == Decimal(expected)


def test_fi_quantity_rejects_scientific(conn):
    assert one(conn, "fi_quantity", "8,3E+01") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("31.03.2024", date(2024, 3, 31)), ("1.3.2024", date(2024, 3, 1)),
    ("01.3.2024", date(2024, 3, 1)), ("2024-03-31", date(2024, 3, 31)),
    ("2024-03-31 08:21:44.000", date(2024, 3, 31)), ("2024-03-31T08:21:44", date(2024, 3, 31)),
    ("20240331", date(2024, 3, 31)), ("45382", date(2024, 3, 31)),
    (" 31.03.2024 ", date(2024, 3, 31)), ("31.12.9999", date(9999, 12, 31)),
    ("1.3.2024 08:15", date(2024, 3, 1)), ("29.02.2024", date(2024, 2, 29)),
    ("2023.10.17", date(2023, 10, 17)), ("2024.3.1", date(2024, 3, 1)),
    ("2023.10.17 08:21:44", date(2023, 10, 17)), ("31.03.24", date(2024, 3, 31)),
    ("1.3.69", date(2069, 3, 1)), ("01.03.70", date(1970, 3, 1)), ("31.12.99", date(1999, 12, 31)),
    ("29.02.24", date(2024, 2, 29)),
])
def test_fi_date_parses(conn, text, expected):
    assert one(conn, "fi_date", text) == expected


@pytest.mark.parametrize("text", [
    "32.01.2024", "29.02.2023", "2024-13-01", "00000000", "4538", "453820",
    "45382.5", "maaliskuu", "", None, "2024/03/31", "2023.02.29", "2023.13.01", "29.02.23",
    "00.00.00", "1.3.2", "31.03.024",
])
def test_fi_date_rejects(conn, text):
    assert one(conn, "fi_date", text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("0002101010", "2101010"), ("2101010.0", "2101010"), ("2101010", "2101010"),
    (" 2101010 ", "2101010"), ("000", "0"), ("0", "0"), ("A0012", "A0012"),
    ("00A12", "A12"), ("TYOAS", "TYOAS"), ("2101010.00", "2101010"),
])
def test_norm_code(conn, text, expected):
    assert one(conn, "norm_code", text) == expected


@pytest.mark.parametrize("text", ["1,23457E+11", "1.23457E+11", "2E+06", "", "  ", None])
def test_norm_code_null(conn, text):
    assert one(conn, "norm_code", text) is None


def test_macros_are_temporary_and_reloadable():
    with duckdb.connect() as c:
        load_macros(c)
        load_macros(c)
        names = {r[0] for r in c.execute(
            "SELECT function_name FROM duckdb_functions() WHERE NOT internal").fetchall()}
        assert {"fi_amount", "fi_quantity", "fi_date", "norm_code"} <= names


def test_macros_vectorised_over_a_table(conn):
    rows = conn.execute(
        "SELECT fi_amount(a), norm_code(c) FROM (VALUES ('1.234,56', '007'), ('x', '1E5')) t(a, c)"
    ).fetchall()
    assert rows == [(Decimal("1234.56"), "7"), (None, None)]
