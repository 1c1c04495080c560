"""Which landed loads need GX this run, and the stored results of those that do not.

A load's results are reused when the raw store holds a completed validation of the same
source and `load_id`, with the same suite version and the same number of rows in the batch.
Landed loads never change (ingest appends; a retraction removes the whole load), so the result
of validating one cannot change unless what it is validated against does. The suite version is
a hash of everything that decides the result:

- the suite's expectations (types, arguments, severities, descriptions, GX version),
- the batch SQL that types the rows, and how results are written (`results.py` settings),
- what the batch reads besides the load: the cost-centre master codes for `in_master`, the
  business-id checksum code for the register.

Changing any of these re-validates every load of the source. What depends on other loads or
on the new warehouse (load_audit of the newest loads, freshness and volume, marts) is
validated on every run.
"""

from __future__ import annotations

import hashlib
import inspect
import json

import duckdb
import pandas as pd

from expectations import batches, codes, results, store

# Rows outside the load that a source's batch reads.
_DEPENDS_SQL = {
    # The master codes (a missing code counts too: it makes `in_master` null, not false).
    "sap_charges": "select string_agg(distinct code, ',' order by code) from (select "
                   "coalesce(norm_code(cost_centre), '<none>') as code from raw_sap_cost_centres)",
}
_DEPENDS_CODE = {"register": inspect.getsource(codes)}


def suite_version(con: duckdb.DuckDBPyConnection, source: str, suite) -> str:
    """Hash of the suite, its batch and what the batch depends on (16 hex digits)."""
    definition = suite.to_json_dict()
    definition.pop("id", None)
    for e in definition["expectations"]:
        e.pop("id", None)
    depends = con.execute(_DEPENDS_SQL[source]).fetchall()[0][0] if source in _DEPENDS_SQL \
        else None
    text = json.dumps([definition, batches.BATCH_SQL[source], batches.CHUNK_KEY.get(source),
                       results.RESULT_FORMAT, results.MAX_EXAMPLES, results.RESULT_COLUMNS,
                       _DEPENDS_CODE.get(source), depends], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _has(con, table: str) -> bool:
    return con.execute("select count(*) from information_schema.tables "
                       "where table_name = ?", [table]).fetchall()[0][0] > 0


def validated_loads(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], tuple]:
    """(source, load_id) -> (suite_version, records, validated_run_id) of stored validations."""
    if not all(_has(con, table) for table in store.PER_LOAD):
        return {}
    return {(r[0], r[1]): r[2:] for r in con.execute(
        "select source, load_id, suite_version, records, validated_run_id "
        "from data_quality_loads").fetchall()}


def stored_results(con: duckdb.DuckDBPyConnection, reusable: list[tuple[str, str, str, str]],
                   run_id: str, run_at, **_) -> tuple[pd.DataFrame, ...]:
    """Results, failing rows and Data Docs pages of reusable loads.

    `reusable` holds (source, load_id, suite_version, validated_run_id). The result rows are
    those the validating run wrote for the load, carried into this run under its id
    (`validated_run_id` still names the run that validated). A load whose rows are missing from
    the history is left out, and so validated again.
    """
    if not reusable:
        return (pd.DataFrame(columns=results.RESULT_COLUMNS),
                pd.DataFrame(columns=results.FAILING_COLUMNS),
                pd.DataFrame(columns=["source", "load_id", "label", "validation"]))
    con.register("dq_reused", pd.DataFrame(reusable, columns=[
        "source", "load_id", "suite_version", "validated_run_id"]))
    try:
        rows = con.execute(
            f"select {', '.join('h.' + c for c in results.RESULT_COLUMNS)} "
            "from data_quality_history h join dq_reused r on h.source = r.source "
            "and h.load_id = r.load_id and h.suite_version = r.suite_version "
            "and h.run_id = r.validated_run_id").df()
        failing, pages = (con.execute(
            f"select t.* from {table} t semi join dq_reused r using (source, load_id)").df()
            for table in ("data_quality_failing_rows", "data_quality_validations"))
    finally:
        con.unregister("dq_reused")
    present = rows[["source", "load_id"]].drop_duplicates()
    rows["run_id"], rows["run_at"] = run_id, run_at
    return rows, failing.merge(present), pages.merge(present)
