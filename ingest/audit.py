"""What the raw store's audit says about each source's past: which sources ever held rows.

`load_audit` keeps every file ingest saw. A loaded file counts by its `rows_loaded`; a file a
steward retracted later has `rows_loaded = 0` in the audit, and its rows sit in `quarantine`
as whole rows (no column name, unlike the cells ingest quarantines), so they are counted there.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.retract import RETRACTED

_EVER_LOADED = f"""
with per_load as (
    select a.source, coalesce(a.rows_loaded, 0) + coalesce(r.rows, 0) as rows
    from load_audit a
    left join (select load_id, count(*) as rows from quarantine where column_name is null
               group by 1) r on a.status = '{RETRACTED}' and r.load_id = a.load_id
)
select source, count(*), sum(rows)::bigint from per_load where rows > 0 group by 1
"""


def sources_with_rows(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """source -> (files, rows) of every source some load ever put rows into, counting the
    loads retracted since; empty for a raw store that has never had rows."""
    tables = {r[0] for r in con.execute(
        "select table_name from information_schema.tables "
        "where table_name in ('load_audit', 'quarantine')").fetchall()}
    if tables != {"load_audit", "quarantine"}:
        return {}
    return {source: (loads, rows) for source, loads, rows in con.execute(_EVER_LOADED).fetchall()}


def raw_store_had_rows(raw) -> bool:
    """Whether the raw store file exists and any load ever put rows into it."""
    if not Path(raw).exists():
        return False
    with duckdb.connect(str(raw), read_only=True) as con:
        return bool(sources_with_rows(con))
