"""One function per landed source returning its expectation suite.

Critical expectations stop a refresh; warnings are recorded and shown. GX checks the landed
data only; dbt's tests check the models, so nothing is checked twice.
"""

from __future__ import annotations

import csv

import great_expectations as gx
import great_expectations.expectations as gxe

from warehouse.config import DBT_PROJECT_DIR

CRITICAL, WARNING = "critical", "warning"
# Leading zeros and an Excel `.0` are normalised later; anything else is not a code.
CODE = r"^\d{1,10}(\.0)?$"
MAX_LINE_EUR = 5_000_000


def customer_type_labels() -> list[str]:
    with (DBT_PROJECT_DIR / "seeds" / "customer_types.csv").open(encoding="utf-8") as f:
        return sorted({label for row in csv.DictReader(f) for label in row["labels"].split(";")})


def _suite(name: str, *expectations) -> gx.ExpectationSuite:
    suite = gx.ExpectationSuite(name=name)
    for e in expectations:
        suite.add_expectation(e)
    return suite


def sap_charges(master_cost_centres: list[str]) -> gx.ExpectationSuite:
    return _suite(
        "sap_charges",
        gxe.ExpectColumnValuesToNotBeNull(column="document_number", severity=CRITICAL),
        gxe.ExpectColumnValuesToNotBeNull(column="amount_eur", severity=CRITICAL),
        gxe.ExpectColumnValuesToBeBetween(column="period", min_value=1, max_value=16,
                                          severity=CRITICAL),
        gxe.ExpectColumnValuesToBeBetween(column="fiscal_year", min_value=2000,
                                          max_value=2100, severity=CRITICAL),
        gxe.ExpectColumnValuesToMatchRegex(column="cost_centre", regex=CODE, severity=CRITICAL),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["load_id", "fiscal_year", "document_number", "posting_row"],
            severity=CRITICAL, description="A file repeats a posting within itself."),
        gxe.ExpectColumnValuesToBeBetween(column="amount_eur", min_value=-MAX_LINE_EUR,
                                          max_value=MAX_LINE_EUR, severity=WARNING),
        gxe.ExpectColumnValuesToBeInSet(
            column="cost_centre_code", value_set=master_cost_centres, mostly=0.99, severity=WARNING,
            description="Every billed cost centre exists in the cost-centre master."),
    )


def sap_invoices() -> gx.ExpectationSuite:
    return _suite(
        "sap_invoices",
        gxe.ExpectColumnValuesToNotBeNull(column="document_number", severity=CRITICAL),
        gxe.ExpectColumnValuesToNotBeNull(column="posting_date", severity=CRITICAL),
        gxe.ExpectColumnValuesToMatchRegex(column="customer_number", regex=CODE,
                                           severity=CRITICAL),
        gxe.ExpectColumnValuesToBeInSet(column="document_type",
                                        value_set=["DR", "DG", "RV", "DA", "AB"],
                                        severity=WARNING),
        gxe.ExpectColumnValuesToBeBetween(column="amount_eur", min_value=-MAX_LINE_EUR,
                                          max_value=MAX_LINE_EUR, severity=WARNING),
    )


def sap_cost_centres() -> gx.ExpectationSuite:
    return _suite(
        "sap_cost_centres",
        gxe.ExpectColumnValuesToMatchRegex(column="cost_centre", regex=CODE, severity=CRITICAL),
        gxe.ExpectColumnValuesToNotBeNull(column="valid_from", severity=CRITICAL),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="valid_to", column_B="valid_from", or_equal=True, severity=CRITICAL),
    )


def sap_headcount() -> gx.ExpectationSuite:
    return _suite(
        "sap_headcount",
        gxe.ExpectColumnValuesToMatchRegex(column="cost_centre", regex=CODE, severity=CRITICAL),
        gxe.ExpectColumnValuesToNotBeNull(column="extract_date", severity=CRITICAL),
        gxe.ExpectColumnValuesToBeBetween(column="headcount", min_value=0, max_value=20_000,
                                          severity=WARNING),
    )


def applications() -> gx.ExpectationSuite:
    return _suite(
        "applications",
        gxe.ExpectColumnValuesToNotBeNull(column="application", severity=CRITICAL),
        gxe.ExpectColumnValuesToBeBetween(column="criticality", min_value=1, max_value=4,
                                          severity=WARNING),
    )


def sccm() -> gx.ExpectationSuite:
    return _suite(
        "sccm",
        gxe.ExpectColumnValuesToNotBeNull(column="name", severity=CRITICAL),
        gxe.ExpectColumnValuesToNotBeNull(column="last_hw_scan", mostly=0.95, severity=WARNING),
        gxe.ExpectColumnValuesToNotBeNull(column="hardware_id", mostly=0.95, severity=WARNING),
    )


def register() -> gx.ExpectationSuite:
    return _suite(
        "register",
        gxe.ExpectColumnValuesToNotBeNull(column="customer_id", severity=CRITICAL),
        gxe.ExpectColumnValuesToBeUnique(column="customer_id", severity=CRITICAL),
        gxe.ExpectColumnValuesToBeInSet(column="customer_type", value_set=customer_type_labels(),
                                        severity=CRITICAL),
        gxe.ExpectColumnValuesToBeBetween(column="segment", min_value=1, max_value=5,
                                          severity=CRITICAL),
        gxe.ExpectColumnValuesToBeBetween(column="potential_score", min_value=1, max_value=10,
                                          severity=WARNING),
        gxe.ExpectColumnValuesToBeInSet(
            column="business_id_valid", value_set=[True], severity=WARNING,
            description="Business ids (Y-tunnus) pass the checksum."),
    )
