"""A hand-made raw store whose right answers are known, for dbt model tests.

Customers: A001 toimiala (codes 2101*), A002 palvelukeskus (hierarchy node PALVELUKESKUS_X),
A003 yhtio (SAP customer 50001), A004 saatio (business id only). IT centre: 1310*.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from ingest.demo import write_site
from warehouse.site import export_to, load_site

FIELDS = {
    "raw_sap_charges": [
        "fiscal_year", "period", "document_number", "posting_row", "cost_centre", "amount",
        "posting_date", "activity_type", "quantity", "unit", "cost_element",
        "partner_cost_centre", "text", "reference_document", "cost_centre_name"],
    "raw_sap_invoices": [
        "customer_number", "document_number", "document_type", "posting_date", "amount",
        "currency", "name", "vat_number", "text", "clearing_document", "clearing_date"],
    "raw_sap_cost_centres": [
        "cost_centre", "valid_from", "valid_to", "name", "hierarchy_node", "department",
        "responsible", "locked", "successor", "language", "description"],
    "raw_sap_headcount": [
        "extract_date", "cost_centre", "headcount", "fte", "org_unit", "org_unit_name"],
    "raw_applications": [
        "application", "customer", "application_id", "customer_cost_centres", "vendor",
        "vendor_business_id", "maintenance", "criticality", "users", "updates_per_year",
        "next_update", "it_resources", "network", "lifecycle", "annual_cost",
        "customer_contact", "modified"],
    "raw_sccm": [
        "name", "hardware_id", "last_hw_scan", "ou", "serial_number", "resource_id", "domain",
        "manufacturer", "model", "model_name", "chassis_type", "os", "os_version", "client",
        "active", "obsolete", "decommissioned", "created", "bios_release_date", "user_name"],
    "raw_register": [
        "customer_id", "customer_name", "customer_type", "segment", "partnership_manager",
        "customer_contact", "potential_score", "business_id", "sap_customer_number",
        "cost_centre_nodes", "aliases", "ou_paths"],
}


def _charge(doc, row, cc, amount, *, year="2025", period="3", date="15.03.2025",
            lstar="TYOAS", qty="1", partner="1310001", name=""):
    return dict(fiscal_year=year, period=period, document_number=doc, posting_row=row,
                cost_centre=cc, amount=amount, posting_date=date, activity_type=lstar,
                quantity=qty, partner_cost_centre=partner, cost_centre_name=name)


CHARGES_1 = [
    # A001: 10 workstations in March 2025 = 420,00; the IT centre's sender line nets it.
    _charge("100001", "1", "0002101010", "420,00", qty="10"),
    _charge("100001", "2", "1310001", "420,00-", qty="10", partner=""),
    # A001: a reversal that nets out, and its repost.
    _charge("100002", "1", "2101020", "1.000,00", lstar="ASIANT", qty="11,765"),
    _charge("100003", "1", "2101020", "1.000,00-", lstar="ASIANT", qty="-11,765"),
    # A002 through its hierarchy node; special period 13 counts in December 2024.
    _charge("100004", "1", "2201001", "950,00", year="2024", period="13",
            date="31.12.2024", lstar="PROJPP", qty="10"),
    # A closed cost centre (2201999, valid to 2024) with successor 2201001 → A002.
    _charge("100005", "1", "2201999", "85,00", lstar="ASIANT", qty="1"),
    # Unmapped cost centre.
    _charge("100006", "1", "4409001", "12,50", lstar="PUHEL", qty="1", name="Tuntematon yk"),
]
# An overlapping extract repeats posting 100001/1 (must count once) and adds one line.
CHARGES_2 = [
    _charge("100001", "1", "2101010", "420,00", qty="10"),
    _charge("100007", "1", "2101010", "9,50", lstar="TUKI", qty="1", date="02.04.2025",
            period="4"),
]
INVOICES = [
    dict(customer_number="0000050001", document_number="900001", document_type="DR",
         posting_date="31.03.2025", amount="840,00", name="Aura Energia Oy",
         text="Työasemapalvelu 03/2025, 20 kpl"),
    dict(customer_number="0000050001", document_number="900002", document_type="DG",
         posting_date="31.03.2025", amount="42,00", name="Aura Energia Oy",
         text="Työasemapalvelu 03/2025, 1 kpl"),
    dict(customer_number="0000059999", document_number="900003", document_type="DR",
         posting_date="31.03.2025", amount="450,00", name="Säätiö Yks.",
         vat_number="FI76543212", text="Sovelluspalvelu 03/2025, 1 kpl"),
]
COST_CENTRES = [
    dict(cost_centre="2101010", valid_from="01.01.2020", valid_to="31.12.9999",
         name="Kasko hallinto",
         hierarchy_node="KASKO"),
    dict(cost_centre="2101020", valid_from="01.01.2020", valid_to="31.12.9999", name="Kasko opetus",
         hierarchy_node="KASKO"),
    dict(cost_centre="2201001", valid_from="01.01.2020", valid_to="31.12.9999", name="PK talous",
         hierarchy_node="PALVELUKESKUS_X"),
    dict(cost_centre="2201999", valid_from="01.01.2020", valid_to="31.12.2024", name="PK vanha",
         hierarchy_node="PALVELUKESKUS_X", successor="2201001"),
]
HEADCOUNT = [
    dict(extract_date="31.03.2024", cost_centre="2101010", headcount="100"),
    dict(extract_date="31.03.2025", cost_centre="2101010", headcount="110"),
    dict(extract_date="31.03.2025", cost_centre="2201001", headcount="40"),
]
REGISTER = [
    dict(customer_id="A001", customer_name="Kasvatus ja opetus", customer_type="toimiala",
         segment="1", partnership_manager="Maija Mänty", potential_score="7",
         cost_centre_nodes="2101*", aliases="KASKO;Kasvatus- ja opetustoimi",
         ou_paths="ADAURA.LOCAL/KAUPUNKI/KASKO"),
    dict(customer_id="A002", customer_name="Talouspalvelukeskus", customer_type="Palvelukeskus",
         segment="2", partnership_manager="Maija Mänty", potential_score="5",
         cost_centre_nodes="PALVELUKESKUS_X"),
    dict(customer_id="A003", customer_name="Aura Energia Oy", customer_type="konserniyhtiö",
         segment="3", partnership_manager="Pekka Kuusi", potential_score="4",
         sap_customer_number="50001", business_id="1234567-1"),
    dict(customer_id="A004", customer_name="Säätiö Yksi", customer_type="saatio",
         segment="3", partnership_manager="Pekka Kuusi", business_id="7654321-2"),
]
SCCM = [
    # One device re-imaged (same hardware id twice), one stale, one in an unmapped OU.
    dict(name="WS001", hardware_id="HW1", serial_number="S1", resource_id="1",
         ou="ADAURA.LOCAL/KAUPUNKI/KASKO/KOULU1", last_hw_scan="2025-03-20", client="1",
         created="2022-02-01", bios_release_date="2021-12-01", domain="ADAURA"),
    dict(name="WS001B", hardware_id="HW1", serial_number="S1", resource_id="2",
         ou="ADAURA.LOCAL/KAUPUNKI/KASKO/KOULU1", last_hw_scan="2025-03-25", client="1",
         created="2025-01-10", bios_release_date="2021-12-01", domain="ADAURA"),
    dict(name="WS002", hardware_id="HW2", serial_number="To be filled by O.E.M.", resource_id="3",
         ou="ADAURA.LOCAL/KAUPUNKI/KASKO", last_hw_scan="2024-10-01", client="1",
         created="2023-05-01", bios_release_date="2023-01-01", domain="ADAURA"),
    dict(name="WS003", hardware_id="HW3", serial_number="S3", resource_id="4",
         ou="ADAURA.LOCAL/MUU", last_hw_scan="2025-03-28", client="1",
         created="2024-05-01", bios_release_date="2024-01-01", domain="ADAURA"),
]
APPLICATIONS = [
    dict(application="Opetushallinto", customer="KASKO; Talouspalvelukeskus",
         application_id="S-1", maintenance="IT-palvelut", updates_per_year="2 krt/v",
         next_update="toukokuussa 2025"),
    dict(application="Oppilasrekisteri", customer="Kasvatus ja opetu", application_id="S-2",
         maintenance="Toimittaja", updates_per_year="kuukausittain", next_update="vko 21"),
    dict(application="Tuntematon", customer="Olematon virasto", application_id="S-3",
         maintenance="Jaettu", next_update="-"),
]


def _columns(table: str) -> list[str]:
    meta = ["load_id", "file_name", "row_number"]
    if "extract_date" not in FIELDS[table]:
        meta.append("extract_date")
    return [*meta, *FIELDS[table], "extra_columns"]


def _land(con, table: str, rows: list[dict], load_id: str, file_name: str, extract_date=None):
    cols = _columns(table)
    for i, row in enumerate(rows, start=2):
        meta = {"load_id": load_id, "file_name": file_name, "row_number": str(i),
                "extract_date": extract_date, "extra_columns": json.dumps({})}
        values = [row.get(c, meta.get(c)) for c in cols]
        con.execute(f"insert into {table} values ({', '.join('?' * len(cols))})", values)


def create_raw_tables(con) -> None:
    """The raw store's tables (docs/architecture.md), empty."""
    for table in FIELDS:
        cols = ", ".join(f"{c} VARCHAR" for c in _columns(table))
        con.execute(f"create table {table} ({cols})")
    con.execute("""create table load_audit (load_id varchar, source varchar, file_name varchar,
        sha256 varchar, status varchar, encoding varchar, file_format varchar, rows_read bigint,
        rows_loaded bigint, rows_quarantined bigint, rows_duplicate bigint, warnings varchar,
        message varchar, loaded_at timestamp)""")
    con.execute("""create table quarantine (load_id varchar, source varchar, file_name varchar,
        row_number bigint, column_name varchar, raw_value varchar, reason varchar,
        raw_row varchar)""")


def build_raw(path: Path) -> Path:
    """Write the fixture raw store to `path` (a DuckDB file) and return it, with the demo
    city's site folder beside it (the fixture uses the demo city's codes)."""
    site = load_site(write_site(path.parent / "site"))
    con = duckdb.connect(str(path))
    export_to(site, con)
    create_raw_tables(con)
    loads = [
        ("L1", "raw_sap_charges", CHARGES_1, "ksb1_1.txt", None),
        ("L2", "raw_sap_charges", CHARGES_2, "ksb1_2.txt", None),
        ("L3", "raw_sap_invoices", INVOICES, "fbl5n.txt", None),
        ("L4", "raw_sap_cost_centres", COST_CENTRES, "csks.txt", "2025-03-31"),
        ("L5", "raw_sap_headcount", HEADCOUNT, "hr.csv", None),
        ("L6", "raw_register", REGISTER, "rekisteri.xlsx", "2025-03-31"),
        ("L7", "raw_sccm", SCCM, "sccm.csv", "2025-03-31"),
        ("L8", "raw_applications", APPLICATIONS, "saabe.xlsx", "2025-03-31"),
    ]
    for n, (load_id, table, rows, file_name, extract) in enumerate(loads):
        _land(con, table, rows, load_id, file_name, extract)
        con.execute(
            "insert into load_audit values (?, ?, ?, ?, 'loaded', 'utf-8', 'csv', ?, ?, 0, 0,"
            " null, null, timestamp '2025-04-01 08:00:00' + to_minutes(?))",
            [load_id, table.removeprefix("raw_"), file_name, f"sha{n}", len(rows), len(rows), n],
        )
    con.close()
    return path
