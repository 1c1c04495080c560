"""The parts of setup on small inputs: suggestions without a similar service, the published
worklist preferred, and loosely matched header labels read from the landing audit."""

from __future__ import annotations

from decimal import Decimal

import duckdb

from warehouse.formats import fmt_eur, fmt_quantity
from warehouse.setup import suggest, worklist

CATALOGUE = [{"activity_type": "TUKI", "service": "it_support", "service_name_fi": "Tukipalvelu",
              "service_name_en": "IT support service", "unit": "hlö", "unit_price_eur": "9.50",
              "unit_cost_eur": "8.90", "cost_driver": "staff", "invoice_text_prefix": "Tuki"}]


def _found(code: str, samples: list[str], unit: str, price: str) -> dict:
    return {"source": "sap_charges", "code": code, "samples": samples, "unit": unit,
            "unit_price_eur": Decimal(price), "amount_eur": Decimal("1234.5"), "lines": 3,
            "receivers": 2, "price_year": 2026}


def test_nothing_similar_suggests_a_new_service_with_low_confidence():
    row = suggest.suggest(_found("PILVI", ["Pilvikapasiteetti 01/2026"], "gb", "0.12"),
                          CATALOGUE)
    assert row["service"] == "pilvikapasiteetti"
    assert row["cost_driver"] == "billed_quantity"
    assert float(row["confidence"]) < 0.5
    assert "nothing similar" in row["evidence"]
    assert (row["unit"], row["unit_price_eur"]) == ("gb", "0.12")


def test_a_similar_service_is_suggested_with_its_cost_driver():
    row = suggest.suggest(_found("TUKI2", ["Tukipalvelu plus 01/2026"], "hlö", "10.00"),
                          CATALOGUE)
    assert (row["service"], row["cost_driver"]) == ("it_support", "staff")
    assert float(row["confidence"]) >= 0.75
    assert row["unit_cost_eur"] == "9.37"  # 10.00 at TUKI's cost/price ratio 8.90/9.50


def test_identifiers_and_finnish_euros():
    assert suggest.identifier("Työasemapalvelu") == "tyoasemapalvelu"
    assert suggest.stem("Tukipalvelu 03/2024, 9 hlö") == "Tukipalvelu"
    assert fmt_eur(Decimal("1234567.5")) == "1\u00a0234\u00a0567,50\u00a0€"
    assert fmt_eur(-12) == "-12,00\u00a0€"
    assert fmt_quantity(Decimal("1234.50")) == "1\u00a0234,5"
    assert fmt_quantity(3, "en") == "3"


def test_the_published_worklist_is_read_when_a_warehouse_exists(tmp_path):
    path = tmp_path / "wh.duckdb"
    assert worklist.unmapped_published(path) is None
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE unmapped_records AS SELECT * FROM (VALUES "
                    "('sap_charges', '2990001', 'Vanha', 10.5), "
                    "('sap_charges', '2990001', 'Vanha', 4.5)) t(source, raw_value, name_hint, "
                    "amount_eur)")
    rows = worklist.unmapped_published(path)
    assert [(r["key"], float(r["amount_eur"]), r["lines"]) for r in rows] == [
        ("2990001", 15.0, 2)]


def test_loose_header_warnings_are_listed_with_their_file():
    con = duckdb.connect()
    con.execute("CREATE TABLE load_audit (load_id VARCHAR, source VARCHAR, file_name VARCHAR, "
                "warnings VARCHAR)")
    con.execute("INSERT INTO load_audit VALUES ('1', 'sap_charges', 'KSB1.txt', "
                "'read sheet ''KSB1''; column title ''Kustannusp'' looks cut to the column "
                "width: taken as cost_centre (Kustannuspaikka)'), ('2', 'sccm', 'a.csv', NULL)")
    assert worklist.loose_labels(con) == [{
        "source": "sap_charges", "file_name": "KSB1.txt",
        "warning": "column title 'Kustannusp' looks cut to the column width: taken as "
                   "cost_centre (Kustannuspaikka)"}]
