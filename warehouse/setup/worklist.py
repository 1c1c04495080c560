"""Records no register rule maps, and header labels matched only loosely.

The warehouse resolves customers exactly in dbt (int_cost_centre_dates_mapped: the register's
codes, prefixes and hierarchy nodes on each day, closed cost centres to their successors). When
a published warehouse exists its `unmapped_records` mart is read. Before the first build this
module approximates it over the raw store, on purpose simply:
- a receiver cost centre (not a sender) is mapped when the newest register load names its code,
  a prefix of it (`1320*`), or its hierarchy node in the cost-centre master;
- an invoice customer is mapped when a register row has its SAP customer number;
- an SCCM OU is mapped when it starts with one of the register's `ou_paths`.
Validity dates, successors and name matching are not applied.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.headers import CUT_TITLE

REGISTER = "(SELECT * FROM raw_register WHERE load_id = (SELECT max(load_id) FROM raw_register))"
OU_KEY = "rtrim(upper(replace(trim({0}), '\\', '/')), '/')"


def _rows(con, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _tables(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def unmapped_raw(con) -> list[dict]:
    """The approximation above; needs the temp tables of profile (_lines, _senders, _found)."""
    tables = _tables(con)
    if "raw_register" not in tables:
        return []
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _rules AS
        WITH tokens AS (
            SELECT trim(t) AS token FROM {REGISTER},
                   unnest(string_split(coalesce(cost_centre_nodes, ''), ';')) AS x(t)
            WHERE trim(t) <> '')
        SELECT CASE WHEN token LIKE '%*' THEN 'prefix'
                    WHEN regexp_full_match(token, '\\d+(\\.0)?') THEN 'code' ELSE 'node' END
                   AS kind,
               CASE WHEN token LIKE '%*' THEN norm_code(rtrim(token, '*'))
                    WHEN regexp_full_match(token, '\\d+(\\.0)?') THEN norm_code(token)
                    ELSE upper(token) END AS value
        FROM tokens""")
    nodes = ("SELECT norm_code(cost_centre) AS cc, upper(trim(any_value(hierarchy_node))) "
             "AS node, any_value(name) AS name FROM raw_sap_cost_centres GROUP BY 1"
             if "raw_sap_cost_centres" in tables
             else "SELECT NULL AS cc, NULL AS node, NULL AS name WHERE false")
    sender = ("EXISTS (SELECT 1 FROM {t} s WHERE (s.is_prefix AND starts_with(l.cc, s.pattern)) "
              "OR (NOT s.is_prefix AND l.cc = s.pattern))")
    rows = _rows(con, f"""
        WITH nodes AS ({nodes})
        SELECT 'sap_charges' AS source, l.cc AS key,
               coalesce(any_value(l.cost_centre_name), any_value(n.name)) AS name,
               sum(l.eur) AS amount_eur, count(*) AS lines
        FROM _lines l LEFT JOIN nodes n ON n.cc = l.cc
        WHERE l.cc IS NOT NULL AND NOT {sender.format(t='_senders')}
          AND NOT {sender.format(t='_found')}
          AND NOT EXISTS (SELECT 1 FROM _rules r WHERE (r.kind = 'code' AND r.value = l.cc)
                OR (r.kind = 'prefix' AND starts_with(l.cc, r.value))
                OR (r.kind = 'node' AND r.value = n.node))
        GROUP BY l.cc""")
    if "raw_sap_invoices" in tables:
        rows += _rows(con, f"""
            SELECT 'sap_invoices' AS source, norm_code(customer_number) AS key,
                   any_value(name) AS name, sum(fi_amount(amount)) AS amount_eur,
                   count(*) AS lines
            FROM raw_sap_invoices
            WHERE norm_code(customer_number) NOT IN (
                SELECT norm_code(sap_customer_number) FROM {REGISTER}
                WHERE sap_customer_number IS NOT NULL)
            GROUP BY 2""")
    if "raw_sccm" in tables:
        rows += _rows(con, f"""
            SELECT 'sccm' AS source, {OU_KEY.format('ou')} AS key, NULL AS name,
                   NULL AS amount_eur, count(*) AS lines
            FROM raw_sccm d
            WHERE ou IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM {REGISTER} r, unnest(string_split(coalesce(r.ou_paths, ''), ';'))
                    AS x(p)
                WHERE trim(p) <> '' AND starts_with({OU_KEY.format('d.ou')},
                                                     {OU_KEY.format('p')}))
            GROUP BY 2""")
    return sorted(rows, key=lambda r: (-(r["amount_eur"] or 0), -r["lines"]))


def unmapped_published(warehouse: Path) -> list[dict] | None:
    """The warehouse's own worklist (`unmapped_records`) by source and value, or None."""
    if not Path(warehouse).exists():
        return None
    with duckdb.connect(str(warehouse), read_only=True) as con:
        if "unmapped_records" not in _tables(con):
            return None
        rows = _rows(con, """
            SELECT source, raw_value AS key, any_value(name_hint) AS name,
                   sum(amount_eur) AS amount_eur, count(*) AS lines
            FROM unmapped_records GROUP BY source, raw_value""")
    return sorted(rows, key=lambda r: (-(r["amount_eur"] or 0), -r["lines"]))


def loose_labels(con) -> list[dict]:
    """Landing warnings of columns found only by a cut title, one row per warning, with its
    file: the exact title belongs in the site's labels.csv."""
    if "load_audit" not in _tables(con):
        return []
    found = []
    for source, file_name, warnings in con.execute(
            "SELECT source, file_name, warnings FROM load_audit WHERE warnings IS NOT NULL "
            "ORDER BY load_id").fetchall():
        for warning in warnings.split("; "):
            if CUT_TITLE in warning:
                found.append({"source": source, "file_name": file_name, "warning": warning})
    return found
