"""The number convention is decided per file and column, and what lands parses in dbt's way."""

from decimal import Decimal

import duckdb
from ingest_fixtures import sap_list, write

from ingest.parsing import load_macros

HEADER = ["Year", "Per", "DocumentNo", "Row", "Cost Ctr", "ValCOArCur", "Total qty",
          "Postg Date"]


def rows(amounts, quantities):
    return [["2023", "10", str(100 + i), "1", "2101010", a, q, "2023.10.17"]
            for i, (a, q) in enumerate(zip(amounts, quantities, strict=True))]


def parsed(settings, column):
    with duckdb.connect(str(settings.raw), read_only=True) as conn:
        load_macros(conn)
        return [r[0] for r in conn.execute(
            f"SELECT fi_amount({column}) FROM raw_sap_charges ORDER BY row_number::INT")
            .fetchall()]


def test_english_convention_column_reads_every_value_the_english_way(landing, run, query,
                                                                     settings):
    amounts = ["1,273.38-", "1,234", "12.5", "1,234,567.89", "7", "-0.01"]
    quantities = ["1,000", "2,5", "1.250", "3", "1", "1"]  # Finnish: 1,000 is one
    write(landing / "sap_charges", "ksb1.txt", sap_list(HEADER, rows(amounts, quantities)))
    f = run().files[0]
    assert (f.status, f.rows_loaded, f.rows_quarantined) == ("loaded", 6, 0), f.message
    assert [w.split(":")[0] for w in f.warnings if "convention" in w] == ["amount"]
    assert "(e.g. '" in f.warnings[0]
    assert [r[0] for r in query("SELECT amount FROM raw_sap_charges ORDER BY "
                                "row_number::INT")] == [
        "1273,38-", "1234", "12,5", "1234567,89", "7", "-0,01"]
    assert parsed(settings, "amount") == [Decimal(v) for v in (
        "-1273.38", "1234", "12.50", "1234567.89", "7", "-0.01")]
    assert parsed(settings, "quantity") == [Decimal(v) for v in ("1", "2.5", "1.25", "3", "1",
                                                                  "1")]
    assert query("SELECT warnings FROM load_audit")[0][0].count("English number") == 1


def test_finnish_convention_column_keeps_its_reading(landing, run, settings):
    amounts = ["1.273,38-", "1,234", "12,50", "1 234 567,89"]
    write(landing / "sap_charges", "fi.txt", sap_list(HEADER, rows(amounts, ["1"] * 4)))
    f = run().files[0]
    assert f.status == "loaded" and not any("convention" in w for w in f.warnings)
    assert parsed(settings, "amount") == [Decimal(v) for v in (
        "-1273.38", "1.23", "12.50", "1234567.89")]


def test_mixed_conventions_are_warned_and_read_value_by_value(landing, run, settings):
    amounts = ["1,273.38", "1.273,38", "1,234"]
    write(landing / "sap_charges", "mixed.txt", sap_list(HEADER, rows(amounts, ["1"] * 3)))
    f = run().files[0]
    assert any("both the English" in w for w in f.warnings)
    assert parsed(settings, "amount") == [Decimal("1273.38"), Decimal("1273.38"),
                                          Decimal("1.23")]
