"""The public marts the dashboard reads that the dbt project adds in a parallel change:
`customer_service_costs_monthly`, `budget_price_list_next_year` and `services`.

Until that change is merged, tests that build a real warehouse with dbt add them here from the
intermediate models they are made of; once dbt builds them, `add_pending_marts` does nothing.
Delete this module (and its calls) after the merge.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

# The names the dashboard showed for the demo city's services before they came from the build.
SERVICE_NAMES = {
    "project_manager": ("Projektipäällikköpalvelu", "Project manager service"),
    "expert": ("Asiantuntijapalvelu", "Expert service"),
    "workstation": ("Työasemapalvelu", "Workstation service"),
    "device_phone": ("Työasema- ja puhelinpalvelu", "Workstation and phone service"),
    "phone": ("Puhelinpalvelu", "Phone service"),
    "application": ("Sovelluspalvelu", "Application service"),
    "network": ("Tietoliikennepalvelu", "Network service"),
    "it_support": ("Tukipalvelu", "IT support service"),
    "unclassified": ("Luokittelematon", "Unclassified"),
}


def add_pending_marts(path: Path) -> None:
    con = duckdb.connect(str(path))
    try:
        tables = {(schema, name) for schema, name in con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables").fetchall()}
        if ("main", "customer_service_costs_monthly") not in tables:
            con.execute("CREATE TABLE customer_service_costs_monthly AS"
                        " SELECT * FROM intermediate.int_cost_drivers_monthly")
        if (("main", "budget_price_list_next_year") not in tables
                and ("intermediate", "int_budget_price_list_next_year") in tables):
            con.execute("CREATE TABLE budget_price_list_next_year AS"
                        " SELECT * FROM intermediate.int_budget_price_list_next_year")
        if ("main", "services") not in tables:
            con.execute("""
                CREATE TABLE services AS
                SELECT service, any_value(service_name_fi) AS service_name_fi,
                       any_value(service_name_en) AS service_name_en,
                       list(activity_type ORDER BY activity_type) AS activity_types
                FROM reference.service_catalogue GROUP BY service""")
            con.execute("INSERT INTO services VALUES"
                        " ('unclassified', 'Luokittelematon', 'Unclassified', [])")
            con.executemany("UPDATE services SET service_name_fi = ?, service_name_en = ?"
                            " WHERE service = ?",
                            [(fi, en, code) for code, (fi, en) in SERVICE_NAMES.items()])
    finally:
        con.close()
