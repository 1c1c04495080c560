"""The cost relations of the fixture warehouse (docs/contracts.md): every month rests on
actual costs, allocated by the catalogue's drivers, equal to the fixture's 90 % cost to serve;
cost recovery per service and who subsidises whom are derived from them, so the numbers
agree with the customers mart."""

from __future__ import annotations

import duckdb

SQL = """
ALTER TABLE customers ADD COLUMN cost_basis VARCHAR DEFAULT 'actual';
ALTER TABLE customer_profitability_monthly ADD COLUMN cost_basis VARCHAR DEFAULT 'actual';
ALTER TABLE customer_profitability_monthly ADD COLUMN catalogue_cost_eur DECIMAL(18,2);
UPDATE customer_profitability_monthly SET catalogue_cost_eur = cost_to_serve_eur;
ALTER TABLE customer_service_costs_monthly ADD COLUMN cost_basis VARCHAR DEFAULT 'actual';
ALTER TABLE customer_service_costs_monthly ADD COLUMN allocation_driver VARCHAR;
ALTER TABLE customer_service_costs_monthly ADD COLUMN rate_eur DECIMAL(18,4);
ALTER TABLE customer_service_costs_monthly ADD COLUMN catalogue_cost_eur DECIMAL(18,2);
ALTER TABLE customer_service_costs_monthly ADD COLUMN actual_cost_eur DECIMAL(18,2);
UPDATE customer_service_costs_monthly
SET allocation_driver = cost_driver, catalogue_cost_eur = cost_to_serve_eur,
    actual_cost_eur = cost_to_serve_eur,
    rate_eur = cost_to_serve_eur / nullif(driver_quantity, 0);
CREATE TABLE service_cost_recovery AS
SELECT d.month, d.activity_type, any_value(d.service) AS service,
       any_value(c.service_name_fi) AS service_name_fi,
       any_value(c.service_name_en) AS service_name_en, any_value(c.unit) AS unit,
       'actual' AS cost_basis, any_value(d.allocation_driver) AS allocation_driver,
       sum(d.charges_eur)::DECIMAL(18,2) AS charges_eur, sum(d.billed_quantity) AS billed_quantity,
       sum(d.cost_to_serve_eur)::DECIMAL(18,2) AS cost_eur,
       sum(d.cost_to_serve_eur)::DECIMAL(18,2) AS allocated_eur,
       0::DECIMAL(18,2) AS unallocated_eur,
       (sum(d.charges_eur) - sum(d.cost_to_serve_eur))::DECIMAL(18,2) AS surplus_eur,
       round(100.0 * sum(d.charges_eur) / nullif(sum(d.cost_to_serve_eur), 0), 1)
           AS recovery_pct,
       any_value(c.unit_price_eur) AS unit_price_eur,
       (sum(d.cost_to_serve_eur) / nullif(sum(d.billed_quantity), 0))::DECIMAL(18,2)
           AS break_even_price_eur
FROM customer_service_costs_monthly AS d
JOIN reference.service_catalogue AS c USING (activity_type)
GROUP BY d.month, d.activity_type;
CREATE TABLE unallocated_costs AS SELECT * FROM (VALUES
    (DATE '2024-03-01', 'no_pool', NULL, NULL, '1310900', '40000000', 1500.00::DECIMAL(18,2),
     3),
    (DATE '2024-02-01', 'share_not_assigned', 'administration', NULL, NULL, NULL,
     250.50::DECIMAL(18,2), 4))
    AS t(month, reason, pool, activity_type, cost_centre, cost_element, amount_eur, lines);
CREATE TABLE cost_subsidies AS
WITH rows AS (
    SELECT 'service' AS kind, activity_type AS subject_id, any_value(service_name_fi) AS name_fi,
           any_value(service_name_en) AS name_en, sum(charges_eur) AS charges_eur,
           sum(cost_eur) AS cost_eur
    FROM service_cost_recovery
    WHERE month > (SELECT max(as_of_month) FROM customers) - INTERVAL 12 MONTH
    GROUP BY activity_type
    UNION ALL
    SELECT 'customer', customer_id, customer_name, customer_name, current_value_eur,
           cost_to_serve_eur
    FROM customers WHERE NOT needs_classification
)
SELECT (SELECT max(as_of_month) FROM customers) AS as_of_month, 'actual' AS cost_basis,
       kind, subject_id, name_fi, name_en, charges_eur::DECIMAL(18,2) AS charges_eur,
       cost_eur::DECIMAL(18,2) AS cost_eur,
       (charges_eur - cost_eur)::DECIMAL(18,2) AS surplus_eur,
       round(100.0 * charges_eur / nullif(cost_eur, 0), 1) AS recovery_pct,
       CASE WHEN charges_eur > cost_eur THEN 'pays_more'
            WHEN charges_eur < cost_eur THEN 'pays_less' ELSE 'even' END AS role,
       round(100.0 * (charges_eur - cost_eur) / nullif(sum(charges_eur - cost_eur) OVER (
           PARTITION BY kind, charges_eur > cost_eur), 0), 2) AS share_pct
FROM rows
"""


def add_cost_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Add the cost basis and the cost marts to a connection that holds the analysis marts."""
    for statement in SQL.split(";\n"):
        if statement.strip():
            con.execute(statement)


def make_loss_maker(con: duckdb.DuckDBPyConnection, customer_id: str, activity_type: str,
                    factor: float = 4.0) -> None:
    """The customer's cost of one service multiplied by `factor` in every month, in every
    relation that carries it, so that it loses money for that reason."""
    con.execute("""
        CREATE TEMP TABLE extra AS
        SELECT customer_id, month,
               sum(cost_to_serve_eur * (? - 1))::DECIMAL(18,2) AS extra_eur
        FROM customer_service_costs_monthly
        WHERE customer_id = ? AND activity_type = ?
        GROUP BY ALL""", [factor, customer_id, activity_type])
    con.execute("""
        UPDATE customer_service_costs_monthly
        SET cost_to_serve_eur = (cost_to_serve_eur * ?)::DECIMAL(18,2),
            actual_cost_eur = (actual_cost_eur * ?)::DECIMAL(18,2)
        WHERE customer_id = ? AND activity_type = ?""",
                [factor, factor, customer_id, activity_type])
    con.execute("""
        UPDATE customer_profitability_monthly AS p
        SET cost_to_serve_eur = p.cost_to_serve_eur + e.extra_eur,
            margin_eur = p.margin_eur - e.extra_eur
        FROM extra AS e WHERE e.customer_id = p.customer_id AND e.month = p.month""")
    con.execute("""
        UPDATE customers AS c
        SET cost_to_serve_eur = c.cost_to_serve_eur + e.extra_eur,
            margin_eur = c.margin_eur - e.extra_eur
        FROM (SELECT customer_id, sum(extra_eur) AS extra_eur FROM extra
              WHERE month > (SELECT max(as_of_month) FROM customers) - INTERVAL 12 MONTH
              GROUP BY ALL) AS e
        WHERE e.customer_id = c.customer_id""")
