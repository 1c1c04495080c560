"""One function per checked batch returning its expectation suite.

Critical expectations stop a refresh; warnings are recorded and shown. GX checks the extracts
(ingest's audit of each file), the landed rows and cross-source facts; dbt's tests check the
models (keys, accepted values, money invariants), so nothing is checked twice. A description
says what is wrong and what to do, for the data steward, in English and in Finnish
(`descriptions.py`); `meta.show` names the column whose value a failing example shows.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.descriptions import described
from warehouse.formats import fmt_eur, fmt_pct

CRITICAL, WARNING = "critical", "warning"
# Leading zeros and an Excel `.0` are normalised later; anything else is not a code.
CODE = r"^\d{1,10}(?:\.0)?$"
MAX_LINE_EUR = 5_000_000
ABSURD_EUR = 100_000_000
# Row-count drop against the previous file of the same stream: a drop warns, a collapse fails.
DROP_RATIO, COLLAPSE_RATIO = 0.5, 0.1
QUARANTINE_WARN_PCT, QUARANTINE_FAIL_PCT = 2.0, 10.0
DEVICE_GAP_TOLERANCE = 0.10


def customer_type_labels(raw_con) -> list[str]:
    """Every name the register may use for a customer type: the site's customer_types table
    as the last build copied it into the raw store."""
    rows = raw_con.execute("select customer_type, coalesce(labels, '') from site_customer_types"
                           ).fetchall()
    return sorted({label.strip() for code, labels in rows
                   for label in [code, *labels.split(";")] if label.strip()})


def landed(raw_con) -> dict[str, gx.ExpectationSuite]:
    """The suite of each landed source (the register's reads the site's customer types)."""
    return {"sap_charges": sap_charges(), "sap_invoices": sap_invoices(),
            "sap_cost_centres": sap_cost_centres(), "sap_headcount": sap_headcount(),
            "applications": applications(), "sccm": sccm(),
            "register": register(customer_type_labels(raw_con)), "sap_costs": sap_costs()}


def _suite(name: str, *expectations) -> gx.ExpectationSuite:
    suite = gx.ExpectationSuite(name=name)
    for e in expectations:
        suite.add_expectation(e)
    return suite


def _code(column: str, what_en: str, what_fi: str, severity: str = CRITICAL):
    return gxe.ExpectColumnValuesToMatchRegex(
        column=column, regex=CODE, severity=severity,
        **described("code_digits", show=column, what_en=what_en, what_fi=what_fi))


def _amounts(column: str = "amount_eur"):
    return (
        gxe.ExpectColumnValuesToBeBetween(
            column=column, min_value=-ABSURD_EUR, max_value=ABSURD_EUR, severity=CRITICAL,
            **described("amount_absurd")),
        gxe.ExpectColumnValuesToBeBetween(
            column=column, min_value=-MAX_LINE_EUR, max_value=MAX_LINE_EUR, severity=WARNING,
            **described("amount_large")),
    )


def sap_charges() -> gx.ExpectationSuite:
    return _suite(
        "sap_charges",
        gxe.ExpectColumnValuesToBeBetween(
            column="period", min_value=1, max_value=16, severity=CRITICAL,
            **described("charges_period")),
        gxe.ExpectColumnValuesToBeBetween(
            column="fiscal_year", min_value=2000, max_value=2100, severity=CRITICAL,
            **described("charges_fiscal_year")),
        _code("cost_centre", "Receiver cost centres", "Vastaanottavat kustannuspaikat"),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["load_id", "fiscal_year", "document_number", "posting_row"],
            severity=CRITICAL, **described("charges_unique", show="document_number")),
        *_amounts(),
        gxe.ExpectColumnValuesToBeBetween(
            column="days_from_period_end", max_value=45, severity=WARNING,
            **described("charges_posting_date", show="posting_date")),
        gxe.ExpectColumnValuesToNotBeNull(
            column="activity_type", mostly=0.5, severity=WARNING,
            **described("charges_activity_type")),
        gxe.ExpectColumnValuesToNotBeNull(
            column="quantity", mostly=0.5, severity=WARNING, **described("charges_quantity")),
        # A flag computed in DuckDB: a value set of every master code would be copied by GX
        # for every batch.
        gxe.ExpectColumnValuesToBeInSet(
            column="in_master", value_set=[True], mostly=0.99,
            severity=WARNING, **described("charges_in_master", show="cost_centre")),
    )


def sap_costs() -> gx.ExpectationSuite:
    """The centre's own actual costs: the charges' list checks, and the centre's own cost
    centres and cost elements."""
    return _suite(
        "sap_costs",
        gxe.ExpectColumnValuesToBeBetween(
            column="period", min_value=1, max_value=16, severity=CRITICAL,
            **described("charges_period")),
        gxe.ExpectColumnValuesToBeBetween(
            column="fiscal_year", min_value=2000, max_value=2100, severity=CRITICAL,
            **described("charges_fiscal_year")),
        _code("cost_centre", "Cost centres", "Kustannuspaikat"),
        _code("cost_element", "Cost elements", "Kustannuslajit"),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["load_id", "fiscal_year", "document_number", "posting_row"],
            severity=CRITICAL, **described("costs_unique", show="document_number")),
        *_amounts(),
        gxe.ExpectColumnValuesToBeBetween(
            column="days_from_period_end", max_value=45, severity=WARNING,
            **described("charges_posting_date", show="posting_date")),
        gxe.ExpectColumnValuesToBeInSet(
            column="is_sender", value_set=[True], mostly=0.99, severity=WARNING,
            **described("costs_on_senders", show="cost_centre")),
    )


def sap_invoices() -> gx.ExpectationSuite:
    return _suite(
        "sap_invoices",
        gxe.ExpectColumnValuesToNotBeNull(column="document_number", severity=CRITICAL,
                                          **described("invoices_document_number")),
        _code("customer_number", "SAP customer numbers", "SAP-asiakasnumerot"),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["load_id", "document_number", "customer_number"], severity=CRITICAL,
            **described("invoices_unique", show="document_number")),
        gxe.ExpectColumnValuesToBeInSet(
            column="document_type", value_set=["DR", "DG", "RV", "DA", "AB"], severity=WARNING,
            **described("invoices_document_type")),
        *_amounts(),
    )


def sap_cost_centres() -> gx.ExpectationSuite:
    return _suite(
        "sap_cost_centres",
        _code("cost_centre", "Cost centres", "Kustannuspaikat"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="valid_to", column_B="valid_from", or_equal=True, severity=CRITICAL,
            **described("cost_centres_validity", show="cost_centre")),
    )


def sap_headcount() -> gx.ExpectationSuite:
    return _suite(
        "sap_headcount",
        _code("cost_centre", "Cost centres", "Kustannuspaikat"),
        gxe.ExpectColumnValuesToBeBetween(
            column="headcount", min_value=0, max_value=20_000, severity=WARNING,
            **described("headcount_range")),
    )


def applications() -> gx.ExpectationSuite:
    return _suite(
        "applications",
        gxe.ExpectColumnValuesToBeBetween(
            column="criticality", min_value=1, max_value=4, severity=WARNING,
            **described("applications_criticality")),
    )


def sccm() -> gx.ExpectationSuite:
    return _suite(
        "sccm",
        gxe.ExpectColumnValuesToNotBeNull(
            column="hardware_id", mostly=0.95, severity=WARNING,
            **described("sccm_hardware_id", show="name")),
        gxe.ExpectColumnValuesToNotBeNull(
            column="client", mostly=0.5, severity=WARNING, **described("sccm_client")),
    )


def register(type_labels: list[str]) -> gx.ExpectationSuite:
    return _suite(
        "register",
        gxe.ExpectColumnValuesToBeUnique(
            column="customer_id", severity=CRITICAL, **described("register_unique")),
        gxe.ExpectColumnValuesToBeInSet(
            column="customer_type", value_set=type_labels, severity=CRITICAL,
            **described("register_type", show="customer_type")),
        gxe.ExpectColumnValuesToBeBetween(
            column="segment", min_value=1, max_value=5, severity=CRITICAL,
            **described("register_segment")),
        gxe.ExpectColumnValuesToBeBetween(
            column="potential_score", min_value=1, max_value=10, severity=WARNING,
            **described("register_potential")),
        gxe.ExpectColumnValuesToBeInSet(
            column="business_id_valid", value_set=[True], severity=WARNING,
            **described("register_business_id", show="business_id")),
    )


def load_audit() -> gx.ExpectationSuite:
    """Ingest's verdict on each file of this refresh (and the newest file of each source)."""
    return _suite(
        "load_audit",
        gxe.ExpectColumnValuesToBeInSet(
            column="status", value_set=["loaded", "retracted"], severity=CRITICAL,
            **described("audit_rejected", show="message")),
        gxe.ExpectColumnValuesToBeInSet(
            column="is_cut", value_set=[False], severity=CRITICAL,
            **described("audit_cut", show="warnings")),
        gxe.ExpectColumnValuesToBeInSet(
            column="hit_row_limit", value_set=[False], severity=WARNING,
            **described("audit_row_limit", show="warnings")),
        gxe.ExpectColumnValuesToBeBetween(
            column="quarantined_pct", max_value=QUARANTINE_FAIL_PCT, severity=CRITICAL,
            **described("audit_quarantine_fail")),
        gxe.ExpectColumnValuesToBeBetween(
            column="quarantined_pct", max_value=QUARANTINE_WARN_PCT, severity=WARNING,
            **described("audit_quarantine_warn")),
    )


def streams() -> gx.ExpectationSuite:
    """Row counts against the previous file of the same stream, and freshness."""
    return _suite(
        "streams",
        gxe.ExpectColumnValuesToBeBetween(
            column="row_ratio", min_value=COLLAPSE_RATIO, severity=CRITICAL,
            **described("streams_collapse", show="file_name")),
        gxe.ExpectColumnValuesToBeBetween(
            column="row_ratio", min_value=DROP_RATIO, severity=WARNING,
            **described("streams_drop", show="file_name")),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="allowed_lag_days", column_B="lag_days", or_equal=True, severity=WARNING,
            **described("streams_fresh", show="source")),
    )


def unclassified(frame, max_share: float) -> gx.ExpectationSuite:
    """Charges whose code is not in the service catalogue stay under the site's share."""
    share = float(frame["share"].sum()) if len(frame) else 0.0
    found = {}
    for lang, none, customers, now in (("en", "(no code)", "customer(s)", "Now"),
                                       ("fi", "(ei koodia)", "asiakasta", "Nyt")):
        codes = "; ".join(f"{r.code or none} {fmt_eur(r.amount_eur, lang)}, {r.customers} "
                          f"{customers}" for r in frame.head(8).itertuples())
        found[f"found_{lang}"] = (f" {now} {fmt_pct(share, lang, 2)}: {codes}."
                                  if len(frame) else "")
    return _suite(
        "unclassified_charges",
        gxe.ExpectColumnValuesToBeBetween(
            column="share_total", max_value=max_share, severity=CRITICAL,
            **described("unclassified_share", limit_en=fmt_pct(max_share, "en", 2),
                        limit_fi=fmt_pct(max_share, "fi", 2), **found)),
    )


def volume() -> gx.ExpectationSuite:
    """Every landed source that must have rows has some (one record per source, every run)."""
    return _suite(
        "volume",
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="rows", column_B="rows_needed", or_equal=True, severity=CRITICAL,
            **described("volume", show="reason")),
    )


def marts(register_customers: int) -> dict[str, gx.ExpectationSuite]:
    """Cross-source checks over key marts of the new warehouse (dbt tests their keys)."""
    return {
        "billing_reconciliation": _suite(
            "billing_reconciliation",
            gxe.ExpectColumnValuesToBeBetween(
                column="gap_share", max_value=DEVICE_GAP_TOLERANCE, mostly=0.95,
                severity=WARNING, **described("billing_gap", show="customer_id")),
        ),
        "customers": _suite(
            "customers",
            gxe.ExpectTableRowCountToEqual(
                value=register_customers, severity=CRITICAL, **described("customers_count")),
            gxe.ExpectColumnValuesToBeBetween(
                column="current_value_eur", min_value=-1_000_000, max_value=ABSURD_EUR,
                severity=WARNING, **described("customers_value", show="customer_id")),
        ),
    }
