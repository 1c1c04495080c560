"""Persist results: history in the raw store, results and quality scores in the new warehouse.

The warehouse is rebuilt from nothing on every build, so the history of every run lives in the
raw store (`data_quality_history`) and is copied into each new warehouse file as
`data_quality_results`, with `is_latest_run` marking this run. Per landed load the raw store
also keeps its latest validation (`data_quality_loads`: suite version, records, run) and the
rows that failed it (`data_quality_failing_rows`), so a later run can reuse them (`reuse.py`).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from expectations.results import RESULT_COLUMNS

_TYPES = {"run_at": "TIMESTAMP", "success": "BOOLEAN", "element_count": "BIGINT",
          "unexpected_count": "BIGINT"}
HISTORY_DDL = "create table if not exists data_quality_history ({})".format(
    ", ".join(f"{c} {_TYPES.get(c, 'VARCHAR')}" for c in RESULT_COLUMNS))
_CAST = ", ".join(f"{c}::{_TYPES.get(c, 'VARCHAR')} as {c}" for c in RESULT_COLUMNS)
# A history written before results were reused lacks the newer columns.
_MIGRATE = [f"alter table data_quality_history add column if not exists {c} varchar"
            for c in ("suite_version", "validated_run_id", "description_fi")]
# Per landed load, its latest validation (replaced when the load is validated again): what
# `reuse.py` needs to carry it into a later run.
PER_LOAD = {
    "data_quality_loads": "source varchar, load_id varchar, suite_version varchar, "
                          "records bigint, validated_run_id varchar, validated_at timestamp",
    "data_quality_failing_rows": "source varchar, load_id varchar, file_name varchar, "
                                 "row_number integer",
    # GX's validation results as JSON, so the Data Docs of a later run still show the load.
    "data_quality_validations": "source varchar, load_id varchar, label varchar, "
                                "validation varchar",
}


def checked_loads(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Loads some earlier run has already recorded results for."""
    exists = con.execute("select count(*) from information_schema.tables "
                         "where table_name = 'data_quality_history'").fetchall()[0][0]
    if not exists:
        return set()
    return {r[0] for r in con.execute("select distinct load_id from data_quality_history "
                                      "where load_id is not null").fetchall()}


def append_history(raw, results: pd.DataFrame,
                   per_load: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, str | None]:
    """Append this run to the raw store; returns (all runs, note if not persisted).

    In the same transaction, each load validated by this run (`per_load["data_quality_loads"]`)
    replaces its rows in the `PER_LOAD` tables. The raw store has one writer at a time; if
    another process holds it, this run's results still reach the warehouse, only the history
    misses it (and the next run validates those loads again).
    """
    try:
        con = duckdb.connect(str(raw))
    except duckdb.IOException as exc:
        return results, f"history not kept: the raw store is in use ({exc})"
    try:
        con.execute(HISTORY_DDL)
        for ddl in _MIGRATE:
            con.execute(ddl)
        for table, columns in PER_LOAD.items():
            con.execute(f"create table if not exists {table} ({columns})")
        con.register("new_results", results)
        con.execute("begin transaction")
        con.execute(f"insert into data_quality_history by name select {_CAST} from new_results")
        con.register("new_loads", per_load["data_quality_loads"])
        for table in PER_LOAD:
            con.register("new_rows", per_load[table])
            con.execute(f"delete from {table} t where exists (select 1 from new_loads n "
                        "where n.source = t.source and n.load_id = t.load_id)")
            con.execute(f"insert into {table} by name select * from new_rows")
            con.unregister("new_rows")
        con.execute("commit")
        return con.sql(f"select {', '.join(RESULT_COLUMNS)} from data_quality_history"
                       ).to_arrow_table().to_pandas(), None
    finally:
        con.close()


def _has(con, schema: str, table: str) -> bool:
    return con.execute("select count(*) from information_schema.tables where table_schema = ? "
                       "and table_name = ?", [schema, table]).fetchall()[0][0] > 0


def write_warehouse(warehouse_file, history: pd.DataFrame, run_id: str, run_at,
                    failing: pd.DataFrame, quarantined: pd.DataFrame,
                    checked: dict[str, int]) -> pd.DataFrame:
    """Write `data_quality_results` and the two score relations; returns scores by source."""
    counts = pd.DataFrame({"source": list(checked), "records": list(checked.values())})
    with duckdb.connect(str(warehouse_file)) as con:
        con.register("history", history)
        con.execute(f"create or replace table main.data_quality_results as select {_CAST}, "
                    "run_id = ? as is_latest_run from history order by run_at, source",
                    [run_id])
        con.register("dq_failing", failing)
        con.register("dq_quarantined", quarantined)
        con.register("dq_checked", counts)
        con.execute("create or replace temp table dq_bad as "
                    "select source, file_name, row_number::integer as row_number "
                    "from dq_failing union " + _unmapped(con))
        con.execute(_BY_SOURCE, [run_id, run_at])
        if _has(con, "main", "customers") and _has(con, "main", "charge_lines"):
            con.execute(_BY_CUSTOMER)
        return con.sql("select * from main.data_quality_scores_by_source").to_arrow_table() \
            .to_pandas()


def _unmapped(con) -> str:
    if _has(con, "main", "unmapped_records"):
        return "select source, file_name, source_row_number from main.unmapped_records"
    return "select null, null, null where false"


# A landed record passes when it fails no row-level expectation of this run and, for sources
# that resolve to customers, is not on the unmapped worklist; a quarantined row never passes.
_BY_SOURCE = """
create or replace table main.data_quality_scores_by_source as
with quarantined as (select source, count(*) as n from dq_quarantined group by 1),
     bad as (select source, count(*) as n from dq_bad group by 1)
select c.source, c.records + coalesce(q.n, 0) as records,
       greatest(c.records - coalesce(b.n, 0), 0) as records_passing,
       round(100.0 * greatest(c.records - coalesce(b.n, 0), 0)
             / nullif(c.records + coalesce(q.n, 0), 0), 2) as score_pct,
       ?::varchar as run_id, ?::timestamp as run_at
from dq_checked c left join quarantined q using (source) left join bad b using (source)
order by c.source
"""
# A customer's records: its charge lines and invoices, devices and applications, plus the
# unmapped records whose best candidate it is (those never pass: they are not yet its own).
_BY_CUSTOMER = """
create or replace table main.data_quality_scores_by_customer as
with records as (
    select source, file_name, source_row_number as row_number, customer_id, false as unmapped
    from main.charge_lines where customer_id is not null
    union all
    select 'sccm', file_name, source_row_number, customer_id, false
    from main.device_replacements where customer_id is not null
    union all
    select 'applications', file_name, source_row_number, customer_id, false
    from main.customer_applications where customer_id is not null
    union all
    select source, file_name, source_row_number, candidate_customer_id, true
    from main.unmapped_records where candidate_customer_id is not null
),
scored as (
    select r.customer_id, not r.unmapped and b.source is null as passing
    from records r
    left join (select distinct source, file_name, row_number from dq_failing) b
        on b.source = r.source and b.file_name = r.file_name and b.row_number = r.row_number
)
select c.customer_id, count(s.customer_id) as records,
       count(*) filter (where s.passing) as records_passing,
       round(100.0 * count(*) filter (where s.passing) / nullif(count(s.customer_id), 0), 2)
           as score_pct
from main.customers c left join scored s using (customer_id)
group by c.customer_id order by c.customer_id
"""
