"""The care plan's relations in the fixture warehouse: charge changes, applications, devices.

C001 gets two critical applications and one minor one, devices of every age (two due for
replacement in the next 12 months) and charge changes that add up to its customers row.
"""

from __future__ import annotations

import datetime as dt

import duckdb

REPLACEMENT_EUR = 1100
# customer, application, criticality, updates/year, next update, contact, vendor, maintenance
APPLICATIONS = [
    ("C001", "Himble LogUs", 1, 2, dt.date(2024, 5, 1), "H. Sovellus", "Himble Oy",
     "IT-palvelut", "2 htv"),
    ("C001", "Legasos", 2, 1, dt.date(2024, 9, 1), "J. Järkkäri", "Knowledge Oy",
     "Toimittaja", "1 htv"),
    ("C001", "Pikkuapu", 4, 4, dt.date(2024, 4, 1), "P. Pieni", "Apu Oy", "Asiakas", "0,1 htv"),
    ("C002", "Terveysrekisteri", 1, 1, dt.date(2024, 11, 1), "T. Terve", "Hoito Oy",
     "Jaettu", "0,5 htv"),
]
# Extra C001 devices: one due in June 2024, one in February 2025 (both in the next 12 months).
DEVICES = [
    ("C001", "HW:4", "KASV-0004", dt.date(2020, 6, 15), dt.date(2024, 6, 15)),
    ("C001", "HW:5", "KASV-0005", dt.date(2021, 2, 1), dt.date(2025, 2, 1)),
]

SQL = """
CREATE TABLE IF NOT EXISTS device_replacements (
    customer_id VARCHAR, device_id VARCHAR, device_name VARCHAR, model_name VARCHAR,
    manufacturer VARCHAR, domain VARCHAR, is_active BOOLEAN, last_hw_scan_date DATE,
    first_seen_date DATE, replacement_due_date DATE, snapshot_date DATE);
ALTER TABLE device_replacements ADD COLUMN IF NOT EXISTS age_months BIGINT;
ALTER TABLE device_replacements ADD COLUMN IF NOT EXISTS is_due_next_year BOOLEAN;
ALTER TABLE device_replacements ADD COLUMN IF NOT EXISTS replacement_cost_next_year_eur
    DECIMAL(18,2);
CREATE TABLE application_updates (
    customer_id VARCHAR, application VARCHAR, criticality INTEGER, updates_per_year INTEGER,
    next_update_month DATE, customer_contact VARCHAR, vendor VARCHAR, maintenance VARCHAR,
    it_resources VARCHAR);
CREATE TABLE customer_charge_changes AS
SELECT customer_id, service,
       sum(amount_eur) FILTER (WHERE month <= as_of - INTERVAL 12 MONTH)::DECIMAL(18,2)
           AS previous_value_eur,
       sum(amount_eur) FILTER (WHERE month > as_of - INTERVAL 12 MONTH)::DECIMAL(18,2)
           AS current_value_eur,
       (sum(amount_eur) FILTER (WHERE month > as_of - INTERVAL 12 MONTH)
        - sum(amount_eur) FILTER (WHERE month <= as_of - INTERVAL 12 MONTH))::DECIMAL(18,2)
           AS change_eur,
       0::DECIMAL(18,2) AS volume_effect_eur,
       (sum(amount_eur) FILTER (WHERE month > as_of - INTERVAL 12 MONTH)
        - sum(amount_eur) FILTER (WHERE month <= as_of - INTERVAL 12 MONTH))::DECIMAL(18,2)
           AS price_effect_eur,
       0::DECIMAL(18,2) AS new_service_eur, 0::DECIMAL(18,2) AS ended_service_eur,
       0::DECIMAL(18,2) AS other_effect_eur, as_of AS as_of_month
FROM customer_charges_monthly
CROSS JOIN (SELECT max(as_of_month) AS as_of FROM customers)
WHERE month > as_of - INTERVAL 24 MONTH
GROUP BY ALL
"""


def add_careplan_marts(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> None:
    """Create the care plan's relations on a connection holding customers and charges."""
    for statement in SQL.split(";\n"):
        con.execute(statement)
    con.executemany(
        "INSERT INTO device_replacements (customer_id, device_id, device_name, model_name,"
        " manufacturer, domain, is_active, last_hw_scan_date, first_seen_date,"
        " replacement_due_date, snapshot_date)"
        " VALUES (?, ?, ?, 'EliteBook 840', 'HP', 'OPAS', true, ?, ?, ?, ?)",
        [(c, d, n, as_of, first, due, as_of) for c, d, n, first, due in DEVICES],
    )
    con.execute(
        "UPDATE device_replacements SET"
        " age_months = date_diff('month', first_seen_date, last_day(?::DATE)),"
        " is_due_next_year = year(replacement_due_date) = year(?::DATE) + 1,"
        " replacement_cost_next_year_eur = CASE WHEN year(replacement_due_date)"
        " = year(?::DATE) + 1 THEN ? ELSE 0 END",
        [as_of, as_of, as_of, REPLACEMENT_EUR],
    )
    con.executemany("INSERT INTO application_updates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    APPLICATIONS)
