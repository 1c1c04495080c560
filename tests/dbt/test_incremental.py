"""Incremental charge builds give the same marts as a full rebuild."""

import duckdb

from tests.installations import copy_build
from warehouse import stages
from warehouse.config import settings

MARTS_SQL = ("select customer_id, month, service, amount_eur, quantity "
             "from customer_charges_monthly order by all")


def _add_load(raw, load_id: str, table: str, source: str, rows: list[dict]) -> None:
    with duckdb.connect(str(raw)) as con:
        cols = [c for (c,) in con.execute(
            "select column_name from information_schema.columns where table_name = ? "
            "order by ordinal_position", [table]).fetchall()]
        for i, row in enumerate(rows, start=2):
            values = {"load_id": load_id, "file_name": f"{load_id}.txt", "row_number": str(i),
                      "extra_columns": "{}", **row}
            con.execute(f"insert into {table} values ({', '.join('?' * len(cols))})",
                        [values.get(c) for c in cols])
        con.execute("insert into load_audit (load_id, source, file_name, status, loaded_at) "
                    "values (?, ?, ?, 'loaded', now())", [load_id, source, f"{load_id}.txt"])


def _marts(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(MARTS_SQL).fetchall()


def test_new_month_and_register_change_match_a_full_rebuild(fixture_warehouse, tmp_path):
    # the session's build of the hand-made raw store, copied: this test builds on it
    inc = copy_build(fixture_warehouse, tmp_path / "inc.duckdb")
    # A new month: a new posting and a newer version of an old one.
    _add_load(inc.raw, "L9", "raw_sap_charges", "sap_charges", [
        dict(fiscal_year="2025", period="5", document_number="100008", posting_row="1",
             cost_centre="2101010", amount="84,00", posting_date="15.05.2025",
             activity_type="TYOAS", quantity="2"),
        dict(fiscal_year="2025", period="3", document_number="100006", posting_row="1",
             cost_centre="4409001", amount="25,00", posting_date="15.03.2025",
             activity_type="PUHEL", quantity="2"),
    ])
    stages.build(inc)
    # The register now maps the unmapped cost centre: every posting is mapped again.
    _add_load(inc.raw, "L10", "raw_register", "register", [
        dict(customer_id="A002", customer_name="Talouspalvelukeskus",
             customer_type="palvelukeskus", segment="2", partnership_manager="Maija Mänty",
             cost_centre_nodes="PALVELUKESKUS_X;4409001", extract_date="2025-06-01"),
    ])
    stages.build(inc)

    full = settings(tmp_path / "full.duckdb")
    full.raw.write_bytes(inc.raw.read_bytes())
    stages.build(full, full_refresh=True)
    assert _marts(inc.warehouse) == _marts(full.warehouse)
    rows = dict((r[2], r[3]) for r in _marts(inc.warehouse) if r[0] == "A002"
                and str(r[1]) == "2025-03-01")
    assert str(rows["device_phone"]) == "25.00"
