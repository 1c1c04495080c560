"""A small hand-made warehouse with the public relations (docs/contracts.md), shared by the
dashboard and e2e tests.

Four customers, three services, 25 months of charges ending at AS_OF (March 2024). The
customers' current and previous values are the sums of their charges, so the numbers agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
from fixture_careplan import add_careplan_marts
from fixture_costs import add_cost_marts
from fixture_marts import UNCLASSIFIED_CUSTOMER, add_marts

AS_OF = dt.date(2024, 3, 1)
MONTHS = 25
SERVICES = {"device_phone": Decimal("1200.00"), "application": Decimal("2250.50"),
            "it_support": Decimal("310.25")}
CUSTOMERS = [
    # customer_id, name, type, segment, manager, weight, potential, staff, devices, apps
    ("C001", "Kasvatus ja opetus", "toimiala", 1, "Anna Aalto", 6, 7, 5200, 4100, 120),
    ("C002", "Sosiaali- ja terveyspalvelut", "toimiala", 2, "Berit Berg", 8, 5, 6100, 5200, 140),
    ("C003", "Satamaliikelaitos", "liikelaitos", 3, "Anna Aalto", 2, 6, 180, 150, 12),
    ("C004", "Kaupunginteatteri Oy", "yhtio", 4, "Cecilia Cronberg", 1, 4, 95, 80, 6),
]


@dataclass(frozen=True)
class Facts:
    """What a test may assert about the fixture."""

    path: Path
    current_value_eur: Decimal
    previous_value_eur: Decimal
    customers: int
    staff: int
    active_devices: int
    applications: int
    margin_eur: Decimal  # of the customers whose margin is known (not UNCLASSIFIED_CUSTOMER)
    top_customer: str


def month_start(months_back: int) -> dt.date:
    index = AS_OF.year * 12 + AS_OF.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def _amount(weight: int, base: Decimal, months_back: int) -> Decimal:
    growth = Decimal(100 + (MONTHS - months_back)) / Decimal(100)
    return (base * weight * growth / Decimal(4)).quantize(Decimal("0.01"))


DDL = """
CREATE TABLE customers (
    customer_id VARCHAR, customer_name VARCHAR, customer_type VARCHAR, segment INTEGER,
    partnership_manager VARCHAR, customer_contact VARCHAR, potential_score INTEGER,
    current_value_eur DECIMAL(18,2), previous_value_eur DECIMAL(18,2),
    value_change_eur DECIMAL(18,2), value_change_pct DOUBLE, staff_count INTEGER,
    staff_change INTEGER, active_devices INTEGER, applications INTEGER,
    cost_to_serve_eur DECIMAL(18,2), margin_eur DECIMAL(18,2), margin_pct DOUBLE,
    lifetime_value_eur DECIMAL(18,2), potential_value_eur DECIMAL(18,2), abc_class VARCHAR,
    value_quadrant VARCHAR, as_of_month DATE);
CREATE TABLE customer_charges_monthly (
    customer_id VARCHAR, month DATE, service VARCHAR, amount_eur DECIMAL(18,2),
    quantity DECIMAL(18,3));
CREATE TABLE load_audit (
    load_id VARCHAR, source VARCHAR, file_name VARCHAR, sha256 VARCHAR, status VARCHAR,
    rows_read INTEGER, rows_loaded INTEGER, rows_quarantined INTEGER, message VARCHAR,
    loaded_at TIMESTAMP);
CREATE TABLE quarantine (
    load_id VARCHAR, source VARCHAR, file_name VARCHAR, row_number INTEGER,
    column_name VARCHAR, raw_value VARCHAR, reason VARCHAR);
CREATE TABLE unmapped_records (
    source VARCHAR, record_key VARCHAR, raw_value VARCHAR, candidate_customer_id VARCHAR,
    candidate_score DOUBLE, amount_eur DECIMAL(18,2), name_hint VARCHAR);
"""

DQ_DDL = """
CREATE TABLE data_quality_results (
    run_id VARCHAR, run_at TIMESTAMP, source VARCHAR, expectation VARCHAR, severity VARCHAR,
    success BOOLEAN, observed_value VARCHAR, failing_examples VARCHAR, load_id VARCHAR,
    column_name VARCHAR);
"""


# The first build of each kind in this test process, as the file's bytes and its facts: a
# later build writes the same bytes (milliseconds) instead of inserting every row again.
_BUILT: dict[bool, tuple[bytes, Facts]] = {}


def build(path: Path, *, with_quality: bool = True) -> Facts:
    """Write the fixture warehouse to `path` (replacing it; a file of the test's own, so it
    may change it) and return its facts."""
    if with_quality not in _BUILT:
        facts = _insert(path, with_quality=with_quality)
        _BUILT[with_quality] = (path.read_bytes(), facts)
        return facts
    data, facts = _BUILT[with_quality]
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)
    path.write_bytes(data)
    return dataclasses.replace(facts, path=path)


def _insert(path: Path, *, with_quality: bool) -> Facts:
    path.unlink(missing_ok=True)
    charges, customers = [], []
    for cid, name, ctype, segment, manager, weight, potential, staff, devices, apps in CUSTOMERS:
        current = previous = Decimal(0)
        for back in range(MONTHS):
            for service, base in SERVICES.items():
                amount = _amount(weight, base, back)
                charges.append((cid, month_start(back), service, amount, Decimal(weight * 10)))
                if back < 12:
                    current += amount
                elif back < 24:
                    previous += amount
        cost = (current * Decimal("0.9")).quantize(Decimal("0.01"))
        customers.append((
            cid, name, ctype, segment, manager, f"yhteys{segment}@example.fi", potential,
            current, previous, current - previous,
            round(100 * float((current - previous) / previous), 1),
            staff, staff // 50, devices, apps, cost, current - cost,
            round(100 * float((current - cost) / current), 1), current * 3, Decimal(0),
            "A", "develop", AS_OF,
        ))
    con = duckdb.connect(str(path))
    try:
        con.execute(DDL)
        con.executemany(f"INSERT INTO customers VALUES ({', '.join(['?'] * 23)})", customers)
        con.executemany("INSERT INTO customer_charges_monthly VALUES (?, ?, ?, ?, ?)", charges)
        add_marts(con)
        add_cost_marts(con)
        add_careplan_marts(con, AS_OF)
        con.executemany("INSERT INTO load_audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            ("L1", "sap_charges", "vyorytys_2024.csv", "a" * 64, "loaded", 900, 897, 3, None,
             dt.datetime(2024, 4, 2, 8, 21)),
            ("L2", "sap_charges", "vyorytys_rikki.csv", "b" * 64, "rejected", 0, 0, 0,
             "header missing", dt.datetime(2024, 4, 2, 8, 22)),
            ("L3", "sccm", "sccm_2024-03-31.csv", "c" * 64, "loaded", 9500, 9500, 0, None,
             dt.datetime(2024, 4, 1, 7, 5)),
            ("L4", "register", "saabe.xlsx", "d" * 64, "loaded", 300, 299, 1, None,
             dt.datetime(2024, 3, 28, 15, 40)),
        ])
        con.executemany("INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?, ?)", [
            ("L1", "sap_charges", "vyorytys_2024.csv", 17, "amount", "12,3,4", "amount"),
            ("L1", "sap_charges", "vyorytys_2024.csv", 18, "cost_centre", "1,23457E+11",
             "scientific notation"),
            ("L1", "sap_charges", "vyorytys_2024.csv", 40, "posting_date", "31.02.2024", "date"),
            ("L4", "register", "saabe.xlsx", 12, "owner_unit", "", "required field empty"),
        ])
        con.executemany("INSERT INTO unmapped_records VALUES (?, ?, ?, ?, ?, ?, ?)", [
            ("sap_charges", "2024-100-1", "2109999", "C003", 0.62, Decimal("4321.10"),
             "Kulttuuri uusi"),
            ("sccm", "PC-0042", "OU=Tuntematon", None, None, None, "OU=Tuntematon"),
            ("sap_invoices", "2024-9-2", "Teatteri oy", "C004", 0.91, Decimal("1250.00"),
             "Teatteri oy"),
        ])
        if with_quality:
            con.execute(DQ_DDL)
            con.executemany(
                "INSERT INTO data_quality_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)", [
                    ("R1", dt.datetime(2024, 4, 1, 6), "sap_charges", "rows", "critical", False,
                     "0", None),
                    ("R2", dt.datetime(2024, 4, 2, 8, 30), "sap_charges", "amount_parses",
                     "critical", False, "3", "12,3,4"),
                    ("R2", dt.datetime(2024, 4, 2, 8, 30), "sccm", "hardware_id_unique",
                     "warning", False, "2", "HW-1"),
                    ("R2", dt.datetime(2024, 4, 2, 8, 30), "sccm", "rows", "critical", True,
                     "9500", None),
                    ("R2", dt.datetime(2024, 4, 2, 8, 30), "register", "rows", "critical", True,
                     "299", None),
                ],
            )
    finally:
        con.close()
    by_value = sorted(customers, key=lambda row: row[7], reverse=True)
    return Facts(
        path=path,
        current_value_eur=sum((row[7] for row in customers), Decimal(0)),
        previous_value_eur=sum((row[8] for row in customers), Decimal(0)),
        customers=len(customers),
        staff=sum(row[11] for row in customers),
        active_devices=sum(row[13] for row in customers),
        applications=sum(row[14] for row in customers),
        margin_eur=sum((row[16] for row in customers if row[0] != UNCLASSIFIED_CUSTOMER),
                       Decimal(0)),
        top_customer=by_value[0][1],
    )
