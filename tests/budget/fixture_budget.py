"""A raw store and care-plan store for the budget models, with answers computed by hand.

Customer A001 (cost centre 2101010), as of December 2025, budget year 2026:
- TUKI 100 support users every month; 2024 and Jan-Feb 2025 at 9,00 €, then 9,50 €. HR
  headcount 100 → 110 over 2025 (five quarterly extracts). A price proposal sets 10,00 € for 2026.
- TYOAS billed 10, 11, … 33 workstations over Jan 2024 … Dec 2025 at 42 €: a trend of +1/month.
- SOVELL 2 applications billed in 2025 at 450 €; the register (Dec 2025) has 3 IT-maintained:
  one in use, one starting (not yet billed), one ending.
- ASIANT 20 h a month in 2024, 10 h in January 2025 only (lumpy hours: a 24-month average).
- PROJPP 10 h/month Jul-Dec 2025 at 95 €; the care plan's project (Jul 2025 - Jun 2026,
  12 000 €) explains it.
- SCCM (Dec 2025): two active workstations first seen 3/2022 → due 3/2026; one due in 2027.
Customer A003 (invoices, SAP customer 50001): TYOAS 20 units a month in 2025 only.
Customers A005 and A006, divisions (toimiala) like A001, give the hours' credibility a type:
- A005 (cost centre 2301010) ASIANT 30 h every month of 2024 and 2025.
- A006 (cost centre 2401010) first charged in January 2025: ASIANT 5 h every month of 2025 (its
  history is 12 months, not 24).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from ingest.demo import write_site
from tests.dbt.fixture_raw import COST_CENTRES, REGISTER, _land, create_raw_tables
from warehouse.site import export_to, load_site

DIVISIONS = [("A005", "Ympäristö", "2301010"), ("A006", "Vapaa-aika", "2401010")]
OTHER_HOURS = {"A005": (30.0, 2024), "A006": (5.0, 2025)}  # ASIANT h/month from year

AS_OF = dt.date(2025, 12, 1)
PRICES_2024 = {"TUKI": 9.00, "TYOAS": 42.00, "SOVELL": 450.00, "PROJPP": 95.00,
               "ASIANT": 85.00}
PROPOSED_TUKI_PRICE = 10.00
PROJECT = {"name": "Uusi asiakasjärjestelmä", "start_date": "2025-07-01",
           "end_date": "2026-06-30", "budget_eur": 12000}


def months() -> list[dt.date]:
    return [dt.date(2024 + i // 12, i % 12 + 1, 1) for i in range(24)]


def quantities(month: dt.date) -> dict[str, float]:
    """A001's billed quantity per activity type in a month."""
    i = (month.year - 2024) * 12 + month.month - 1
    q = {"TUKI": 100.0, "TYOAS": float(10 + i)}
    if month.year == 2024 or month.month == 1:
        q["ASIANT"] = 20.0 if month.year == 2024 else 10.0
    if month.year == 2025:
        q["SOVELL"] = 2.0
        if month.month >= 7:
            q["PROJPP"] = 10.0
    return q


def price(activity: str, month: dt.date) -> float:
    if activity == "TUKI" and (month.year, month.month) >= (2025, 3):
        return 9.50
    return PRICES_2024[activity]


def _fi(amount: float) -> str:
    return f"{amount:.2f}".replace(".", ",")


def _charges() -> list[dict]:
    rows, doc = [], 200000
    for month in months():
        last = (dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
                - dt.timedelta(days=1))
        lines = [("2101010", a, q) for a, q in quantities(month).items()]
        lines += [(cc, "ASIANT", OTHER_HOURS[cid][0]) for cid, _, cc in DIVISIONS
                  if month.year >= OTHER_HOURS[cid][1]]
        for cost_centre, activity, qty in lines:
            doc += 1
            rows.append(dict(
                fiscal_year=str(month.year), period=str(month.month), document_number=str(doc),
                posting_row="1", cost_centre=cost_centre,
                amount=_fi(qty * price(activity, month)), posting_date=f"{last:%d.%m.%Y}",
                activity_type=activity, quantity=_fi(qty), partner_cost_centre="1310001"))
    return rows


def _invoices() -> list[dict]:
    return [dict(customer_number="0000050001", document_number=str(910000 + m),
                 document_type="DR", posting_date=f"28.{m:02d}.2025", amount="840,00",
                 name="Aura Energia Oy", text=f"Työasemapalvelu {m:02d}/2025, 20 kpl")
            for m in range(1, 13)]


HEADCOUNT = [dict(extract_date=d, cost_centre="2101010", headcount=h) for d, h in (
    ("30.06.2024", "100"), ("31.12.2024", "100"), ("31.03.2025", "102.5"),
    ("30.06.2025", "105"), ("30.09.2025", "107.5"), ("31.12.2025", "110"))]
APPLICATIONS = [
    dict(application="Opetushallinto", customer="Kasvatus ja opetus", application_id="S-1",
         maintenance="IT-palvelut", lifecycle="Käytössä"),
    dict(application="Vanha kassa", customer="Kasvatus ja opetus", application_id="S-2",
         maintenance="IT-palvelut", lifecycle="Poistumassa"),
    dict(application="Uusi ajanvaraus", customer="Kasvatus ja opetus", application_id="S-3",
         maintenance="Jaettu", lifecycle="Käyttöönotto"),
    dict(application="Toimittajan oma", customer="Kasvatus ja opetus", application_id="S-4",
         maintenance="Toimittaja", lifecycle="Käyttöönotto"),
]
SCCM = [dict(name=f"WS{n}", hardware_id=f"HW{n}", serial_number=f"S{n}", resource_id=str(n),
             ou="ADAURA.LOCAL/KAUPUNKI/KASKO", last_hw_scan="2025-12-20", client="1",
             created=created, bios_release_date=created, domain="ADAURA")
        for n, created in ((1, "2022-03-15"), (2, "2022-03-01"), (3, "2023-05-01"))]


BUDGET_COST_CENTRES = COST_CENTRES + [
    dict(cost_centre=cc, valid_from="01.01.2020", valid_to="31.12.9999", name=f"{name} hallinto",
         hierarchy_node=cid) for cid, name, cc in DIVISIONS]
BUDGET_REGISTER = REGISTER + [
    dict(customer_id=cid, customer_name=name, customer_type="toimiala", segment="1",
         partnership_manager="Maija Mänty", potential_score="5", cost_centre_nodes=cc[:4] + "*")
    for cid, name, cc in DIVISIONS]


def build_raw(path: Path) -> Path:
    """Write the raw store to `path`, with the demo city's site folder beside it."""
    site = load_site(write_site(path.parent / "site"))
    con = duckdb.connect(str(path))
    export_to(site, con)
    create_raw_tables(con)
    loads = [("L1", "raw_sap_charges", _charges(), "ksb1.txt", None),
             ("L2", "raw_sap_invoices", _invoices(), "fbl5n.txt", None),
             ("L3", "raw_sap_cost_centres", BUDGET_COST_CENTRES, "csks.txt", "2025-12-31"),
             ("L4", "raw_sap_headcount", HEADCOUNT, "hr.csv", None),
             ("L5", "raw_register", BUDGET_REGISTER, "rekisteri.xlsx", "2025-12-31"),
             ("L6", "raw_sccm", SCCM, "sccm.csv", "2025-12-31"),
             ("L7", "raw_applications", APPLICATIONS, "saabe.xlsx", "2025-12-31")]
    for n, (load_id, table, rows, file_name, extract) in enumerate(loads):
        _land(con, table, rows, load_id, file_name, extract)
        con.execute(
            "insert into load_audit values (?, ?, ?, ?, 'loaded', 'utf-8', 'csv', ?, ?, 0, 0,"
            " null, null, timestamp '2026-01-05 08:00:00' + to_minutes(?))",
            [load_id, table.removeprefix("raw_"), file_name, f"sha{n}", len(rows), len(rows), n])
    con.close()
    return path


def fill_store(store, user: str = "Maija Mänty") -> None:
    """The care-plan entries: the project, the director's price proposal."""
    store.add("A001", "projects", dict(PROJECT), user=user)
    store.add("*", "price_proposal", {"name": "Tuki 2026", "activity_type": "TUKI",
                                      "unit_price_eur": PROPOSED_TUKI_PRICE,
                                      "cost_driver": "billed_quantity", "use_for_budget": True,
                                      "note": None}, user="Johtaja")
