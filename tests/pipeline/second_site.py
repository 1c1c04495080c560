"""A second fictional IT centre, unlike the demo city: its own activity codes, sender cost
centres, customers, cost-centre numbering, export layouts (short English SAP labels, dates
`2025.01.28`, `20200101` and `30.06.25`, amounts `1,234.50-`, comma and semicolon CSV, UTF-8
and Windows-1252) and one header only its own site label names.

`write_extracts` writes its landing folder and returns its truth: each customer's charges of
the last 12 months and the billing gap, computed here from the same numbers, to the cent.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from warehouse.site import TABLES

MONTHS = [(2025, m) for m in range(1, 13)] + [(2026, m) for m in range(1, 7)]
AS_OF = "2026-06-01"
SENDER = "9050001"
# code, price; how many units a customer is billed is set per customer below
PRICES = {"WS01": Decimal("40.00"), "NET9": Decimal("15.50"), "EXP7": Decimal("92.00")}
CUSTOMERS = [  # id, name, type, cost centre, devices billed, staff, hours a month, devices seen
    ("K10", "Ympäristöpalvelut", "toimiala", "7100010", 10, 20, 3, 10),
    ("K11", "Rakennusvirasto", "toimiala", "7200010", 15, 30, 6, 15),
    ("K12", "Satamalaitos", "liikelaitos", "7300010", 20, 40, 9, 20),
    ("K13", "Seudun jätehuolto", "seudullinen", "7400010", 25, 50, 12, 27),
]
# The one charges header no built-in label knows: the centre names it in labels.csv.
AMOUNT_HEADER = "Veloitus EUR"
SITE_CATALOGUE = ",".join(TABLES["service_catalogue"].column_names) + """
WS01,workstation,Työasemapalvelu,Workstation service,kpl,"40,00","35,00",active_devices,
NET9,network,Verkkopalvelu,Network service,hlö,"15,50","14,00",staff,
EXP7,expert,Asiantuntijatyö,Expert work,h,"92,00","80,00",billed_quantity,
"""
SITE_SENDERS = "cost_centre,name\n9050*,Satamakaupungin tietohallinto\n"
SITE_LABELS = f"source,field,label\nsap_charges,amount,{AMOUNT_HEADER}\n"


def _eur(value: Decimal) -> str:
    """SAP with an English decimal notation: `1,234.50`, a trailing minus for credits."""
    text = f"{abs(value):,.2f}"
    return text + "-" if value < 0 else text


def _units(customer: tuple) -> dict[str, int]:
    return {"WS01": customer[4], "NET9": customer[5], "EXP7": customer[6]}


def _write(path: Path, rows: list[list[str]], delimiter: str, encoding: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)


def _charges() -> list[list[str]]:
    rows = [["Year", "Per", "DocumentNo", "Pstng row", "Cost Ctr", "Postg Date", "ActTyp",
             "Total qty", AMOUNT_HEADER, "Partner-CCtr", "Text"]]
    doc = 4_500_000
    for year, month in MONTHS:
        day = f"{year}.{month:02d}.28"
        for customer in CUSTOMERS:
            for code, units in _units(customer).items():
                doc += 1
                amount = PRICES[code] * units
                text = f"{code} {month:02d}/{year}"
                rows.append([str(year), str(month), str(doc), "1", customer[3], day, code,
                             str(units), _eur(amount), SENDER, text])
                rows.append([str(year), str(month), str(doc), "2", SENDER, day, code,
                             str(-units), _eur(-amount), customer[3], text])
    return rows


def _register() -> list[list[str]]:
    rows = [["Customer ID", "Customer", "Customer type", "Segment", "Partnership manager",
             "Contact", "Potential", "Cost centres", "OU paths"]]
    for i, (cid, name, ctype, cc, *_rest) in enumerate(CUSTOMERS):
        rows.append([cid, name, ctype, str(i % 5 + 1), "Leena Laine", "Yhteyshenkilö",
                     "6", cc[:4] + "*", f"SATAMA.LOCAL/ORG/{cid}"])
    return rows


def _cost_centres() -> list[list[str]]:
    rows = [["Cost Ctr", "Valid From", "Valid To", "Name"]]
    rows.append([SENDER, "20200101", "99991231", "Tietohallinto"])
    rows += [[c[3], "20200101", "99991231", c[1]] for c in CUSTOMERS]
    return rows


def _headcount() -> list[list[str]]:
    rows = [["Key date", "Cost Center", "Headcount"]]
    for date in ("30.06.25", "31.12.25", "30.06.26"):
        rows += [[date, c[3], str(c[5])] for c in CUSTOMERS]
    return rows


def _devices() -> list[list[str]]:
    rows = [["Name0", "Hardware_ID0", "LastHWScan", "System_OU_Name0", "SerialNumber0",
             "Client0", "Active0", "Obsolete0", "Decommissioned0", "Creation_Date0"]]
    n = 0
    for cid, *_rest, seen in CUSTOMERS:
        for _ in range(seen):
            n += 1
            rows.append([f"SAT-{n:05d}", f"2:{n:032X}", "2026-06-20 08:00:00.000",
                         f"SATAMA.LOCAL/ORG/{cid}/WORKSTATIONS", f"SN{n:07d}", "1", "1", "0",
                         "0", "2024-01-15 10:00:00.000"])
    return rows


def write_extracts(landing: Path) -> dict:
    """The site's landing folder; returns {customer_id: truth}."""
    _write(landing / "sap_charges" / "charges_export.csv", _charges(), ",", "utf-8")
    _write(landing / "register" / "customers.csv", _register(), ";", "cp1252")
    _write(landing / "sap_cost_centres" / "cost_centres.csv", _cost_centres(), ";", "cp1252")
    _write(landing / "sap_headcount" / "staff.csv", _headcount(), ";", "utf-8")
    _write(landing / "sccm" / "devices.csv", _devices(), ",", "utf-8")
    truth = {}
    for customer in CUSTOMERS:
        monthly = sum(PRICES[code] * units for code, units in _units(customer).items())
        truth[customer[0]] = {
            "current_value_eur": monthly * 12,
            "previous_value_eur": monthly * 6,  # only 2025-01..06 precede the 12 months
            "active_devices": customer[7],
            "unbilled_eur": PRICES["WS01"] * max(customer[7] - customer[4], 0),
        }
    return truth


def add_labels(site: Path) -> None:
    """The header label only this centre's exports use (onboarding step 3)."""
    (site / "labels.csv").write_text(SITE_LABELS, encoding="utf-8")


def configure(site: Path) -> None:
    """The rest of docs/onboarding.md's step 3: its catalogue and its own cost centres."""
    (site / "service_catalogue.csv").write_text(SITE_CATALOGUE, encoding="utf-8")
    (site / "sender_cost_centres.csv").write_text(SITE_SENDERS, encoding="utf-8")
