"""The analysis relations of the fixture warehouse: profitability, service costs, catalogue,
service and customer-type names, coverage, billing reconciliation, devices and source
coverage, derived from its customers and charges so that the numbers agree with the customers
mart. Only public marts (and `reference`): the dashboard reads no `intermediate` model."""

from __future__ import annotations

import datetime as dt

import duckdb

ACTIVITIES = {  # service → (activity type, cost driver, unit price, unit cost)
    "device_phone": ("TYOAS", "active_devices", 42.0, 37.5),
    "application": ("SOVELL", "applications", 450.0, 410.0),
    "it_support": ("TUKI", "staff", 9.5, 8.9),
}
# customer → (month, active devices, billed devices): C001 has 5 unbilled devices a month,
# C004 is billed for 2 devices it does not have in February; in March C004 has a charge whose
# code the catalogue lacks, so its billed units are unknown (needs classification).
RECONCILIATION = [
    ("C001", dt.date(2024, 2, 1), 4105, 4100), ("C001", dt.date(2024, 3, 1), 4105, 4100),
    ("C004", dt.date(2024, 2, 1), 78, 80), ("C004", dt.date(2024, 3, 1), 78, None),
]
UNBILLED_EUR = 2 * 5 * 42.0
OVERBILLED_EUR = 2 * 42.0
# C004's March charges include one line of a code the service catalogue lacks: its cost to
# serve and margin (month, 12 months) are unknown and it leaves the whale curve.
UNCLASSIFIED_CUSTOMER = "C004"
UNCLASSIFIED_MONTH = dt.date(2024, 3, 1)
UNCLASSIFIED_CODE = "XYZ99"
UNCLASSIFIED_EUR = 1234.56
SITE_NAME = "Testikaupunki"

SQL = """
ALTER TABLE customers ADD COLUMN unclassified_eur DECIMAL(18,2) DEFAULT 0;
ALTER TABLE customers ADD COLUMN needs_classification BOOLEAN DEFAULT false;
UPDATE customers SET unclassified_eur = 1234.56, needs_classification = true,
       cost_to_serve_eur = NULL, margin_eur = NULL, margin_pct = NULL
WHERE customer_id = 'C004';
ALTER TABLE customers ADD COLUMN it_spend_per_staff_eur DOUBLE;
ALTER TABLE customers ADD COLUMN margin_rank BIGINT;
ALTER TABLE customers ADD COLUMN cumulative_customer_pct DOUBLE;
ALTER TABLE customers ADD COLUMN cumulative_margin_pct DOUBLE;
UPDATE customers SET it_spend_per_staff_eur = round(current_value_eur / staff_count, 2);
UPDATE customers AS c SET margin_rank = r.margin_rank,
       cumulative_customer_pct = r.customer_pct, cumulative_margin_pct = r.margin_pct
FROM (
    SELECT customer_id,
           row_number() OVER (ORDER BY margin_eur DESC, customer_id) AS margin_rank,
           round(100.0 * row_number() OVER (ORDER BY margin_eur DESC, customer_id)
                 / count(*) OVER (), 2) AS customer_pct,
           round(100.0 * sum(margin_eur) OVER (ORDER BY margin_eur DESC, customer_id
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                 / sum(margin_eur) OVER (), 2) AS margin_pct
    FROM customers WHERE NOT needs_classification
) AS r WHERE r.customer_id = c.customer_id;
CREATE TABLE customer_profitability_monthly AS
SELECT customer_id, month, sum(amount_eur)::DECIMAL(18,2) AS charges_eur,
       round(sum(amount_eur) * 0.9, 2)::DECIMAL(18,2) AS cost_to_serve_eur,
       (sum(amount_eur) - round(sum(amount_eur) * 0.9, 2))::DECIMAL(18,2) AS margin_eur,
       0::DECIMAL(18,2) AS unclassified_eur, false AS needs_classification
FROM customer_charges_monthly GROUP BY ALL;
UPDATE customer_profitability_monthly
SET unclassified_eur = 1234.56, needs_classification = true, cost_to_serve_eur = NULL,
    margin_eur = NULL
WHERE customer_id = 'C004' AND month = DATE '2024-03-01';
CREATE TABLE unclassified_charges AS SELECT * FROM (VALUES
    ('sap_charges', 'XYZ99', 'C004', DATE '2024-03-01', 1234.56::DECIMAL(18,2), 3.0, 2,
     'Uusi palvelu XYZ', 'ksb1_2024.txt:17'),
    ('sap_invoices', '', NULL, DATE '2024-02-01', 50.00::DECIMAL(18,2), 1.0, 1,
     'Konsultointi tammikuu', 'fbl5n.txt:4'))
    AS t(source, code, customer_id, month, amount_eur, quantity, lines, sample_text,
         first_row);
CREATE TABLE site_info AS
SELECT 'Testikaupunki' AS site_name, '/srv/asiakastieto/site' AS site_folder,
       'abc123' AS site_version;
CREATE TABLE site_changes AS SELECT * FROM (VALUES
    ('Testikaupunki', TIMESTAMP '2024-03-02 09:15', 'Maija Mänty', 'asiakastieto setup',
     'service_catalogue.csv', 'TUKI', 'changed',
     '{"unit_price_eur": ["9.5", "9.9"]}', 'Hinnan korotus', TIMESTAMP '2024-03-02 09:14'))
    AS t(site_name, noticed_at, changed_by, changed_via, site_file, changed_key,
         change_kind, detail, note, file_modified_at);
CREATE SCHEMA reference;
CREATE TABLE reference.service_catalogue (
    activity_type VARCHAR, service VARCHAR, service_name_fi VARCHAR, service_name_en VARCHAR,
    unit VARCHAR, unit_price_eur DECIMAL(18,4), unit_cost_eur DECIMAL(18,4),
    cost_driver VARCHAR);
CREATE TABLE customer_service_costs_monthly AS
SELECT ch.customer_id, ch.month, cat.activity_type, ch.service, cat.cost_driver,
       ch.quantity AS billed_quantity,
       CASE cat.cost_driver WHEN 'active_devices' THEN c.active_devices
                            WHEN 'staff' THEN c.staff_count ELSE c.applications END
           AS measured_quantity,
       CASE cat.cost_driver WHEN 'active_devices' THEN c.active_devices
                            WHEN 'staff' THEN c.staff_count ELSE c.applications END
           AS driver_quantity,
       true AS is_driver_measured, ch.amount_eur AS charges_eur, cat.unit_cost_eur,
       round(ch.amount_eur * 0.9, 2)::DECIMAL(18,2) AS cost_to_serve_eur
FROM customer_charges_monthly AS ch
JOIN reference.service_catalogue AS cat USING (service)
JOIN customers AS c USING (customer_id);
CREATE TABLE services AS
SELECT service, service_name_fi, service_name_en, activity_types FROM (VALUES
    ('application', 'Sovelluspalvelu', 'Application service', ['SOVELL']),
    ('device_phone', 'Työasema- ja puhelinpalvelu', 'Workstation and phone service',
     ['TYOAS']),
    ('it_support', 'Tukipalvelu', 'IT support service', ['TUKI']),
    ('unclassified', 'Luokittelematon', 'Unclassified', []::VARCHAR[]))
    AS t(service, service_name_fi, service_name_en, activity_types);
CREATE TABLE reference.customer_types AS SELECT * FROM (VALUES
    ('toimiala', 'toimiala', 'city division', 1),
    ('palvelukeskus', 'palvelukeskus', 'service centre', 2),
    ('liikelaitos', 'liikelaitos', 'municipal enterprise', 3),
    ('seudullinen', 'seudullinen toimija', 'regional body', 4),
    ('yhtio', 'konserniyhtiö', 'city-owned company', 5),
    ('saatio', 'säätiö', 'foundation', 6))
    AS t(customer_type, name_fi, name_en, sort_order);
CREATE TABLE partnership_coverage AS
WITH types(customer_type, sort_order) AS (VALUES ('toimiala', 1), ('palvelukeskus', 2),
     ('liikelaitos', 3), ('seudullinen', 4), ('yhtio', 5), ('saatio', 6))
SELECT m.partnership_manager, t.customer_type, t.sort_order,
       count(c.customer_id) AS customers, count(c.customer_id) = 0 AS is_gap
FROM (SELECT DISTINCT partnership_manager FROM customers) AS m
CROSS JOIN types AS t
LEFT JOIN customers AS c USING (partnership_manager, customer_type)
GROUP BY ALL;
CREATE TABLE billing_reconciliation (
    customer_id VARCHAR, month DATE, active_devices INTEGER, billed_devices INTEGER,
    device_gap INTEGER, unbilled_eur DECIMAL(18,2), overbilled_eur DECIMAL(18,2),
    unit_price_eur DECIMAL(18,2), needs_classification BOOLEAN);
CREATE TABLE device_replacements (
    customer_id VARCHAR, device_id VARCHAR, device_name VARCHAR, model_name VARCHAR,
    manufacturer VARCHAR, domain VARCHAR, is_active BOOLEAN, last_hw_scan_date DATE,
    first_seen_date DATE, replacement_due_date DATE, snapshot_date DATE);
INSERT INTO device_replacements VALUES
    ('C001', 'HW:1', 'KASV-0001', 'EliteBook 840', 'HP', 'OPAS', true, '2024-03-20',
     '2021-05-01', '2025-05-01', '2024-03-31'),
    ('C001', 'HW:2', 'KASV-0002', 'Latitude 5420', 'Dell Inc.', 'OPAS', true, '2024-03-18',
     '2022-01-10', '2026-01-10', '2024-03-31'),
    ('C001', 'HW:3', 'KASV-0003', 'Latitude 5420', 'Dell Inc.', 'OPAS', false, '2023-09-01',
     '2019-01-10', '2023-01-10', '2024-03-31');
CREATE TABLE source_coverage AS SELECT * FROM (VALUES
    ('sap_charges', 900, 899, 99.89, 100000.00::DECIMAL(18,2), 95678.90::DECIMAL(18,2), 95.68),
    ('sccm', 9500, 9499, 99.99, NULL, NULL, NULL))
    AS t(source, records, mapped_records, mapped_records_pct, amount_eur, mapped_amount_eur,
         mapped_amount_pct);
"""


def add_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Create the analysis relations on a connection that already holds customers and charges."""
    statements = [s for s in SQL.split(";\n") if s.strip()]
    catalogue_at = next(i for i, s in enumerate(statements) if "customer_service_costs" in s)
    for statement in statements[:catalogue_at]:
        con.execute(statement)
    con.executemany(
        "INSERT INTO reference.service_catalogue VALUES (?, ?, ?, ?, 'kpl', ?, ?, ?)",
        [(code, service, service, service, price, cost, driver)
         for service, (code, driver, price, cost) in ACTIVITIES.items()],
    )
    for statement in statements[catalogue_at:]:
        con.execute(statement)
    con.executemany(
        "INSERT INTO billing_reconciliation VALUES (?, ?, ?, ?, ?, ?, ?, 42, ?)",
        [(cid, month, active, billed, active - billed, max(active - billed, 0) * 42.0,
          max(billed - active, 0) * 42.0, False) if billed is not None else
         (cid, month, active, None, None, None, None, True)
         for cid, month, active, billed in RECONCILIATION],
    )
