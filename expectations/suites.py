"""One function per checked batch returning its expectation suite.

Critical expectations stop a refresh; warnings are recorded and shown. GX checks the extracts
(ingest's audit of each file), the landed rows and cross-source facts; dbt's tests check the
models (keys, accepted values, money invariants), so nothing is checked twice. A description
says what is wrong and what to do, for the data steward; `meta.show` names the column whose
value a failing example shows.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from warehouse.formats import fmt_eur

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


def _code(column: str, what: str, severity: str = CRITICAL, show: str | None = None):
    return gxe.ExpectColumnValuesToMatchRegex(
        column=column, regex=CODE, severity=severity, meta={"show": show or column},
        description=f"{what} are digits only (leading zeros and Excel's .0 are fine). Re-export"
                    " the file from SAP as text; do not open and save it in Excel.")


def _amounts(column: str = "amount_eur"):
    return (
        gxe.ExpectColumnValuesToBeBetween(
            column=column, min_value=-ABSURD_EUR, max_value=ABSURD_EUR, severity=CRITICAL,
            description="No absurd amounts (over 100 M€ on one line): a code or a date has "
                        "landed in the amount column; check the file's columns."),
        gxe.ExpectColumnValuesToBeBetween(
            column=column, min_value=-MAX_LINE_EUR, max_value=MAX_LINE_EUR, severity=WARNING,
            description="Lines over 5 M€ are rare: confirm them with the controller."),
    )


def sap_charges() -> gx.ExpectationSuite:
    return _suite(
        "sap_charges",
        gxe.ExpectColumnValuesToBeBetween(
            column="period", min_value=1, max_value=16, severity=CRITICAL,
            description="Periods are 1-16 (13-16 special periods)."),
        gxe.ExpectColumnValuesToBeBetween(
            column="fiscal_year", min_value=2000, max_value=2100, severity=CRITICAL,
            description="Fiscal years are four-digit years."),
        _code("cost_centre", "Receiver cost centres"),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["load_id", "fiscal_year", "document_number", "posting_row"],
            severity=CRITICAL, meta={"show": "document_number"},
            description="A file repeats a posting (fiscal year, document, row) within itself: "
                        "the export is duplicated; export it again once."),
        *_amounts(),
        gxe.ExpectColumnValuesToBeBetween(
            column="days_from_period_end", max_value=45, severity=WARNING,
            meta={"show": "posting_date"},
            description="Posting dates lie within the fiscal period of the line (±45 days)."),
        gxe.ExpectColumnValuesToNotBeNull(
            column="activity_type", mostly=0.5, severity=WARNING,
            description="The file has the activity type (Suoritelaji) column: without it "
                        "charges cannot be split by service. Use a layout variant with LSTAR."),
        gxe.ExpectColumnValuesToNotBeNull(
            column="quantity", mostly=0.5, severity=WARNING,
            description="The file has the quantity column (Kokonaismäärä): without it billed "
                        "units cannot be reconciled with devices."),
        # A flag computed in DuckDB: a value set of every master code would be copied by GX
        # for every batch.
        gxe.ExpectColumnValuesToBeInSet(
            column="in_master", value_set=[True], mostly=0.99,
            severity=WARNING, meta={"show": "cost_centre"},
            description="Every billed cost centre exists in the cost-centre master: load a "
                        "newer master extract (sap_cost_centres) if codes are missing."),
    )


def sap_costs() -> gx.ExpectationSuite:
    """The centre's own actual costs: the charges' list checks, and the centre's own cost
    centres and cost elements."""
    return _suite(
        "sap_costs",
        gxe.ExpectColumnValuesToBeBetween(
            column="period", min_value=1, max_value=16, severity=CRITICAL,
            description="Periods are 1-16 (13-16 special periods)."),
        gxe.ExpectColumnValuesToBeBetween(
            column="fiscal_year", min_value=2000, max_value=2100, severity=CRITICAL,
            description="Fiscal years are four-digit years."),
        _code("cost_centre", "Cost centres"),
        _code("cost_element", "Cost elements"),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["load_id", "fiscal_year", "document_number", "posting_row"],
            severity=CRITICAL, meta={"show": "document_number"},
            description="A file repeats a cost line (fiscal year, document, row) within "
                        "itself: the export is duplicated; export it again once."),
        *_amounts(),
        gxe.ExpectColumnValuesToBeBetween(
            column="days_from_period_end", max_value=45, severity=WARNING,
            meta={"show": "posting_date"},
            description="Posting dates lie within the fiscal period of the line (±45 days)."),
        gxe.ExpectColumnValuesToBeInSet(
            column="is_sender", value_set=[True], mostly=0.99, severity=WARNING,
            meta={"show": "cost_centre"},
            description="The cost lines are on the IT centre's own cost centres "
                        "(sender_cost_centres of the site): a line on another cost centre is "
                        "not the centre's cost. Check the extract's cost-centre group, or add "
                        "the cost centre to sender_cost_centres."),
    )


def sap_invoices() -> gx.ExpectationSuite:
    return _suite(
        "sap_invoices",
        gxe.ExpectColumnValuesToNotBeNull(column="document_number", severity=CRITICAL),
        _code("customer_number", "SAP customer numbers"),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["load_id", "document_number", "customer_number"], severity=CRITICAL,
            meta={"show": "document_number"},
            description="A file repeats an invoice within itself: export it again once."),
        gxe.ExpectColumnValuesToBeInSet(
            column="document_type", value_set=["DR", "DG", "RV", "DA", "AB"], severity=WARNING,
            description="Document types are invoices (DR, RV), credit notes (DG) or clearing "
                        "(DA, AB); other types may need a sign rule."),
        *_amounts(),
    )


def sap_cost_centres() -> gx.ExpectationSuite:
    return _suite(
        "sap_cost_centres",
        _code("cost_centre", "Cost centres"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="valid_to", column_B="valid_from", or_equal=True, severity=CRITICAL,
            meta={"show": "cost_centre"},
            description="A validity period ends before it starts: check DATAB/DATBI."),
    )


def sap_headcount() -> gx.ExpectationSuite:
    return _suite(
        "sap_headcount",
        _code("cost_centre", "Cost centres"),
        gxe.ExpectColumnValuesToBeBetween(
            column="headcount", min_value=0, max_value=20_000, severity=WARNING,
            description="Headcount per cost centre is 0-20 000."),
    )


def applications() -> gx.ExpectationSuite:
    return _suite(
        "applications",
        gxe.ExpectColumnValuesToBeBetween(
            column="criticality", min_value=1, max_value=4, severity=WARNING,
            description="Criticality is `1 Kriittinen` .. `4 Matala`."),
    )


def sccm() -> gx.ExpectationSuite:
    return _suite(
        "sccm",
        gxe.ExpectColumnValuesToNotBeNull(
            column="hardware_id", mostly=0.95, severity=WARNING, meta={"show": "name"},
            description="Devices have a hardware id (duplicates collapse on it)."),
        gxe.ExpectColumnValuesToNotBeNull(
            column="client", mostly=0.5, severity=WARNING,
            description="The report has the Client0 column: without it no device counts as "
                        "active. Add Client0 to the SCCM report."),
    )


def register(type_labels: list[str]) -> gx.ExpectationSuite:
    return _suite(
        "register",
        gxe.ExpectColumnValuesToBeUnique(
            column="customer_id", severity=CRITICAL,
            description="Customer ids are unique in the register: fix the duplicate row."),
        gxe.ExpectColumnValuesToBeInSet(
            column="customer_type", value_set=type_labels, severity=CRITICAL,
            meta={"show": "customer_type"},
            description="Customer types are those of customer_types in the site folder: "
                        "correct the register, or add the name to that type's labels."),
        gxe.ExpectColumnValuesToBeBetween(
            column="segment", min_value=1, max_value=5, severity=CRITICAL,
            description="Segments are 1-5."),
        gxe.ExpectColumnValuesToBeBetween(
            column="potential_score", min_value=1, max_value=10, severity=WARNING,
            description="Potential scores are 1-10."),
        gxe.ExpectColumnValuesToBeInSet(
            column="business_id_valid", value_set=[True], severity=WARNING,
            meta={"show": "business_id"},
            description="Business ids (Y-tunnus) must pass the checksum: correct them in the "
                        "register."),
    )


def load_audit() -> gx.ExpectationSuite:
    """Ingest's verdict on each file of this refresh (and the newest file of each source)."""
    return _suite(
        "load_audit",
        gxe.ExpectColumnValuesToBeInSet(
            column="status", value_set=["loaded", "retracted"], severity=CRITICAL,
            meta={"show": "message"},
            description="Ingest rejected the file (nothing of it was loaded): fix what the "
                        "message says and put the file back in the landing folder."),
        gxe.ExpectColumnValuesToBeInSet(
            column="is_cut", value_set=[False], severity=CRITICAL, meta={"show": "warnings"},
            description="The file looks truncated (no end rule or a cut last line): export "
                        "it again completely."),
        gxe.ExpectColumnValuesToBeInSet(
            column="hit_row_limit", value_set=[False], severity=WARNING,
            meta={"show": "warnings"},
            description="Exactly 5 000 / 10 000 rows: the export may have hit SAP's row "
                        "limit; check the selection and export without a limit."),
        gxe.ExpectColumnValuesToBeBetween(
            column="quarantined_pct", max_value=QUARANTINE_FAIL_PCT, severity=CRITICAL,
            description="Over 10 % of the file's rows were quarantined (e.g. codes Excel "
                        "turned into 1,23457E+11): see the quarantine table and re-export."),
        gxe.ExpectColumnValuesToBeBetween(
            column="quarantined_pct", max_value=QUARANTINE_WARN_PCT, severity=WARNING,
            description="Over 2 % of the file's rows were quarantined: see the quarantine "
                        "table."),
    )


def streams() -> gx.ExpectationSuite:
    """Row counts against the previous file of the same stream, and freshness."""
    return _suite(
        "streams",
        gxe.ExpectColumnValuesToBeBetween(
            column="row_ratio", min_value=COLLAPSE_RATIO, severity=CRITICAL,
            meta={"show": "file_name"},
            description="The newest file has under 10 % of the rows (per month or snapshot) of "
                        "the previous file of the same source: the extract collapsed; check "
                        "its selection."),
        gxe.ExpectColumnValuesToBeBetween(
            column="row_ratio", min_value=DROP_RATIO, severity=WARNING,
            meta={"show": "file_name"},
            description="The newest file has under half the rows of the previous one: check "
                        "the selection (cost-centre group, period, domain)."),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="allowed_lag_days", column_B="lag_days", or_equal=True, severity=WARNING,
            meta={"show": "source"},
            description="Each source is fresh: its newest data lags the newest data of all "
                        "sources by no more than 45 days (headcount 100, register 400). Land "
                        "a newer extract."),
    )


def unclassified(frame, max_share: float) -> gx.ExpectationSuite:
    """Charges whose code is not in the service catalogue stay under the site's share."""
    share = float(frame["share"].sum()) if len(frame) else 0.0
    codes = "; ".join(f"{r.code or '(no code)'} ({r.source}) {fmt_eur(r.amount_eur)}, "
                      f"{r.customers} customer(s)" for r in frame.head(8).itertuples())
    found = f" Now {share:.2%}: {codes}." if len(frame) else ""
    return _suite(
        "unclassified_charges",
        gxe.ExpectColumnValuesToBeBetween(
            column="share_total", max_value=max_share, severity=CRITICAL,
            description=f"Charges whose code is not in the site's service catalogue are at most "
                        f"{max_share:.2%} of the charged euros of the last 12 months.{found} "
                        "Add the codes to service_catalogue in the site folder "
                        "(`asiakastieto setup --landing DIR` suggests rows)."),
    )


def volume() -> gx.ExpectationSuite:
    """Every landed source that must have rows has some (one record per source, every run)."""
    return _suite(
        "volume",
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="rows", column_B="rows_needed", or_equal=True, severity=CRITICAL,
            meta={"show": "reason"},
            description="The source has no rows, but the site requires it or earlier files of "
                        "it had rows: put its extract in the folder named here and refresh "
                        "again."),
    )


def marts(register_customers: int) -> dict[str, gx.ExpectationSuite]:
    """Cross-source checks over key marts of the new warehouse (dbt tests their keys)."""
    return {
        "billing_reconciliation": _suite(
            "billing_reconciliation",
            gxe.ExpectColumnValuesToBeBetween(
                column="gap_share", max_value=DEVICE_GAP_TOLERANCE, mostly=0.95,
                severity=WARNING, meta={"show": "customer_id"},
                description="Active devices (SCCM) and billed workstation units differ by at "
                            "most 10 % for 95 % of customers in the latest month."),
        ),
        "customers": _suite(
            "customers",
            gxe.ExpectTableRowCountToEqual(
                value=register_customers, severity=CRITICAL,
                description="Every customer of the newest register is in `customers`."),
            gxe.ExpectColumnValuesToBeBetween(
                column="current_value_eur", min_value=-1_000_000, max_value=ABSURD_EUR,
                severity=WARNING, meta={"show": "customer_id"},
                description="No customer's 12-month charges are absurd."),
        ),
    }
