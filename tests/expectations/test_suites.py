"""Each suite passes on the clean fixture raw store and names the expectation a fault breaks."""

import shutil

import duckdb
import pytest

from expectations import run_checks
from expectations.codes import business_id_is_valid
from tests.dbt.fixture_raw import build_raw
from warehouse.config import settings


@pytest.fixture(scope="module")
def clean_raw(tmp_path_factory):
    path = tmp_path_factory.mktemp("gx") / "clean.raw.duckdb"
    return build_raw(path)


def _check(tmp_path, clean_raw, fault_sql: str | None = None):
    s = settings(tmp_path / "wh.duckdb")
    shutil.copy(clean_raw, s.raw)
    if fault_sql:
        with duckdb.connect(str(s.raw)) as con:
            con.execute(fault_sql)
    duckdb.connect(str(s.warehouse)).close()
    return run_checks(s, s.warehouse), s


def test_clean_data_passes_and_results_are_queryable(tmp_path, clean_raw):
    report, s = _check(tmp_path, clean_raw)
    assert report.critical_failures == []
    with duckdb.connect(str(s.warehouse), read_only=True) as con:
        n, failed = con.execute("select count(*), count(*) filter (where not success) "
                                "from data_quality_results").fetchone()
    assert n == len(report.results) > 20
    assert failed == len(report.warnings)


@pytest.mark.parametrize("fault_sql, source, expectation, column", [
    ("update raw_register set customer_id = 'A001' where customer_id = 'A002'",
     "register", "expect_column_values_to_be_unique", "customer_id"),
    ("update raw_register set segment = '9' where customer_id = 'A002'",
     "register", "expect_column_values_to_be_between", "segment"),
    ("update raw_sap_charges set period = '17' where document_number = '100004'",
     "sap_charges", "expect_column_values_to_be_between", "period"),
    ("update raw_sap_charges set cost_centre = '1,23457E+11' where document_number = '100006'",
     "sap_charges", "expect_column_values_to_match_regex", "cost_centre"),
    ("insert into raw_sap_charges select * from raw_sap_charges where load_id = 'L2'",
     "sap_charges", "expect_compound_columns_to_be_unique",
     "load_id,fiscal_year,document_number,posting_row"),
    ("update raw_sap_cost_centres set valid_to = '01.01.2019' where cost_centre = '2201999'",
     "sap_cost_centres", "expect_column_pair_values_a_to_be_greater_than_b",
     "valid_to,valid_from"),
])
def test_injected_fault_fails_the_named_critical_expectation(
    tmp_path, clean_raw, fault_sql, source, expectation, column
):
    report, _ = _check(tmp_path, clean_raw, fault_sql)
    failed = {(r["source"], r["expectation"], r["column_name"]) for r in report.critical_failures}
    assert (source, expectation, column) in failed


def test_invalid_business_id_is_a_warning_not_critical(tmp_path, clean_raw):
    report, _ = _check(tmp_path, clean_raw,
                       "update raw_register set business_id = '1234567-2' "
                       "where customer_id = 'A003'")
    assert report.critical_failures == []
    assert any(w["column_name"] == "business_id_valid" for w in report.warnings)


@pytest.mark.parametrize("value, valid", [
    ("1234567-1", True), ("7654321-2", True), ("0737546-2", True), ("1234567-2", False),
    ("1234567", False), ("", False), (None, False),
])
def test_business_id_checksum(value, valid):
    assert business_id_is_valid(value) is valid
