"""What the landed extracts hold that the site has not decided yet: SQL over the raw store.

Amounts are what receivers were charged: the lines of cost centres that are not senders
(neither the site's sender_cost_centres nor the ones this profile finds behaving like them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.parsing import load_macros
from warehouse.site import Site

# A sender's lines are mostly credits: at least this share of them is negative.
SENDER_CREDIT_SHARE = 0.5
# A shared prefix is suggested only when it is at least this long (1310* rather than 1*).
MIN_PREFIX = 4
# The text of an invoice or posting up to its first digit: `Tukipalvelu 03/2024, 9 hlö`.
STEM = r"trim(regexp_replace(coalesce({0}, ''), '[\s,:;-]*\d.*$', ''))"


@dataclass
class Discovery:
    """Everything setup found undecided, each list largest euros first."""

    codes: list[dict] = field(default_factory=list)
    senders: list[dict] = field(default_factory=list)
    unmapped: list[dict] = field(default_factory=list)
    labels: list[dict] = field(default_factory=list)
    suggestions: list[dict] = field(default_factory=list)
    unmapped_from: str = "raw store (approximation)"
    # The centre's actual cost lines (sap_costs) no cost_pools rule puts in a pool, and
    # whether there are any actual cost lines at all.
    unpooled: list[dict] = field(default_factory=list)
    has_costs: bool = False


def connect(raw: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the raw store with the parsing macros."""
    con = duckdb.connect(str(raw), read_only=True)
    load_macros(con)
    return con


def _rows(con, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _has(con, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?",
                            [table]).fetchone()[0])


def site_tables(con, site: Site) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE _catalogue (code VARCHAR, prefix VARCHAR)")
    for row in site.tables["service_catalogue"]:
        con.execute("INSERT INTO _catalogue VALUES (?, ?)",
                    [row["activity_type"].upper(), row["invoice_text_prefix"] or None])
    con.execute("CREATE OR REPLACE TEMP TABLE _senders (pattern VARCHAR, is_prefix BOOLEAN)")
    for row in site.tables["sender_cost_centres"]:
        code = row["cost_centre"]
        con.execute("INSERT INTO _senders VALUES (?, ?)", [code.rstrip("*"), code.endswith("*")])
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _lines AS
        SELECT norm_code(cost_centre) AS cc, norm_code(partner_cost_centre) AS partner,
               nullif(upper(trim(activity_type)), '') AS code, fi_amount(amount) AS eur,
               fi_quantity(quantity) AS qty, nullif(lower(trim(unit)), '') AS unit,
               trim(text) AS txt, try_cast(fiscal_year AS INTEGER) AS yr, cost_centre_name
        FROM raw_sap_charges""")


def _is_site_sender(column: str) -> str:
    return (f"EXISTS (SELECT 1 FROM _senders s WHERE (s.is_prefix AND starts_with({column}, "
            f"s.pattern)) OR (NOT s.is_prefix AND {column} = s.pattern))")


def sender_candidates(con) -> list[dict]:
    """Cost centres whose lines are mostly credits mirroring others' debits (their code is the
    partner of the receivers' lines), not yet senders; a shared prefix when several share one."""
    found = _rows(con, f"""
        WITH own AS (
            SELECT cc, count(*) AS lines, count(*) FILTER (eur < 0) AS credit_lines,
                   -coalesce(sum(eur) FILTER (eur < 0), 0) AS credits, any_value(cost_centre_name)
                   AS name
            FROM _lines WHERE cc IS NOT NULL GROUP BY cc),
        named AS (
            SELECT partner AS cc, count(*) AS partner_lines, count(DISTINCT cc) AS receivers,
                   coalesce(sum(eur) FILTER (eur > 0), 0) AS partner_debits
            FROM _lines WHERE partner IS NOT NULL AND partner <> cc GROUP BY partner)
        SELECT own.cc AS cost_centre, own.name, own.lines, own.credit_lines, own.credits,
               named.partner_lines, named.receivers, named.partner_debits,
               round(own.credits / nullif(named.partner_debits, 0), 2) AS mirror_ratio
        FROM own JOIN named USING (cc)
        WHERE own.credit_lines >= {SENDER_CREDIT_SHARE} * own.lines
          AND NOT {_is_site_sender('own.cc')}
        ORDER BY own.credits DESC""")
    codes = {r["cost_centre"] for r in found}
    every = {r[0] for r in con.execute("SELECT DISTINCT cc FROM _lines WHERE cc IS NOT NULL")
             .fetchall()}
    grouped: dict[str, dict] = {}
    for row in found:
        key = row["cost_centre"]
        for n in range(MIN_PREFIX, len(key)):
            members = {c for c in every if c.startswith(key[:n])}
            if len(members) >= 2 and members <= codes:
                key = key[:n] + "*"
                break
        into = grouped.setdefault(key, {"cost_centre": key, "name": row["name"], "members": 0,
                                        "lines": 0, "credit_lines": 0, "credits": 0,
                                        "partner_lines": 0, "partner_debits": 0})
        into["members"] += 1
        for k in ("lines", "credit_lines", "credits", "partner_lines", "partner_debits"):
            into[k] += row[k] or 0
    for row in grouped.values():
        if row["members"] > 1:
            row["name"] = f"{row['name'] or row['cost_centre']} (+{row['members'] - 1})"
        debits = row["partner_debits"]
        row["mirror_ratio"] = round(float(row["credits"]) / float(debits), 2) if debits else None
    return sorted(grouped.values(), key=lambda r: -r["credits"])


def unknown_codes(con, senders: list[dict]) -> list[dict]:
    """Activity types of charge lines and invoice texts the catalogue does not know."""
    con.execute("CREATE OR REPLACE TEMP TABLE _found (pattern VARCHAR, is_prefix BOOLEAN)")
    for row in senders:
        code = row["cost_centre"]
        con.execute("INSERT INTO _found VALUES (?, ?)", [code.rstrip("*"), code.endswith("*")])
    charges = _rows(con, f"""
        WITH receiving AS (
            SELECT * FROM _lines l WHERE code IS NOT NULL
              AND code NOT IN (SELECT code FROM _catalogue) AND NOT {_is_site_sender('l.cc')}
              AND NOT EXISTS (SELECT 1 FROM _found s WHERE (s.is_prefix AND
                  starts_with(l.cc, s.pattern)) OR (NOT s.is_prefix AND l.cc = s.pattern)))
        SELECT 'sap_charges' AS source, code, sum(eur) AS amount_eur, sum(qty) AS quantity,
               count(*) AS lines, count(DISTINCT cc) AS receivers, mode(unit) AS unit,
               string_agg(DISTINCT unit, ', ') AS units,
               list_prepend(mode(txt), list_sort(list_distinct(list(txt)))[1:3]) AS samples,
               round(median(eur / qty) FILTER (qty > 0 AND yr = (SELECT max(yr) FROM receiving
                     r WHERE r.code = receiving.code)), 2) AS unit_price_eur,
               max(yr) AS price_year
        FROM receiving GROUP BY code""")
    invoices = []
    if _has(con, "raw_sap_invoices"):
        invoices = _rows(con, f"""
            WITH lines AS (
                SELECT {STEM.format('text')} AS code, fi_amount(amount) AS eur, trim(text) AS txt,
                       norm_code(customer_number) AS customer,
                       regexp_extract(text, '(\\d+(?:[,.]\\d+)?)\\s*(\\w+)\\s*$', ['q', 'u'])
                       AS qu
                FROM raw_sap_invoices i
                WHERE NOT EXISTS (SELECT 1 FROM _catalogue c WHERE c.prefix IS NOT NULL
                                  AND starts_with(lower(trim(i.text)), lower(c.prefix))))
            SELECT 'sap_invoices' AS source, code, sum(eur) AS amount_eur,
                   sum(fi_quantity(qu.q)) AS quantity, count(*) AS lines,
                   count(DISTINCT customer) AS receivers, mode(nullif(lower(qu.u), '')) AS unit,
                   string_agg(DISTINCT nullif(lower(qu.u), ''), ', ') AS units,
                   list_prepend(mode(txt), list_sort(list_distinct(list(txt)))[1:3]) AS samples,
                   round(median(eur / fi_quantity(qu.q)) FILTER (fi_quantity(qu.q) > 0), 2)
                   AS unit_price_eur, NULL AS price_year
            FROM lines WHERE code <> '' GROUP BY code""")
    rows = charges + invoices
    for row in rows:
        row["samples"] = list(dict.fromkeys(row["samples"] or []))[:3]
    return sorted(rows, key=lambda r: -(r["amount_eur"] or 0))


def unpooled_costs(con, site: Site) -> list[dict]:
    """Per cost centre and cost element, the centre's actual cost lines (each posting once)
    that no rule of the site's cost_pools matches: they would stay unallocated (no_pool)."""
    con.execute("CREATE OR REPLACE TEMP TABLE _pools (cc VARCHAR, cc_prefix BOOLEAN, "
                "element VARCHAR, element_prefix BOOLEAN)")
    for row in site.tables["cost_pools"]:
        cc, element = row["cost_centre"], row["cost_element"]
        con.execute("INSERT INTO _pools VALUES (?, ?, ?, ?)",
                    [cc.rstrip("*"), cc.endswith("*"), element.rstrip("*"),
                     element.endswith("*")])
    return _rows(con, """
        WITH lines AS (
            SELECT norm_code(cost_centre) AS cc, norm_code(cost_element) AS element,
                   any_value(trim(cost_element_name)) AS element_name,
                   any_value(fi_amount(amount)) AS eur
            FROM raw_sap_costs
            GROUP BY trim(fiscal_year), norm_code(document_number), norm_code(posting_row),
                     cc, element
        )
        SELECT cc AS cost_centre, element AS cost_element, any_value(element_name) AS name,
               sum(eur) AS amount_eur, count(*) AS lines
        FROM lines
        WHERE NOT EXISTS (
            SELECT 1 FROM _pools p
            WHERE (CASE WHEN p.cc_prefix THEN starts_with(lines.cc, p.cc) ELSE lines.cc = p.cc END)
              AND (CASE WHEN p.element_prefix THEN starts_with(lines.element, p.element)
                        ELSE lines.element = p.element END))
        GROUP BY ALL
        ORDER BY abs(sum(eur)) DESC, cost_centre, cost_element""")
