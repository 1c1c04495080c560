"""Pandas batches out of DuckDB (via Arrow), typed by the shared parsing macros.

Landed sources are validated one load (file) at a time, and a load bigger than `CHUNK_ROWS` in
hash chunks of its key, so GX's memory stays proportional to the chunk, not to the source
(GX's pandas path took 3.7 GB for 5 M charge lines at once). Hashing the key puts every copy of
a key into the same chunk, so uniqueness within a file is still checked exactly. A load of up
to `FETCH_ROWS` is typed in one query and split in Arrow (a fraction of its pandas size); a
bigger one is queried chunk by chunk, which types it again per chunk but bounds the memory.

Integers are BIGINT (int64 in pandas): GX's range check is vectorised only for int64/float64
and runs a Python function per value otherwise. The load id and file name are constant per
load and added in pandas as categoricals, not pulled per row.

Codes stay as landed text, so a code Excel mangled (`1,23457E+11`) is named as such.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow.compute as pc

from expectations.codes import business_id_is_valid
from ingest import landing_files
from ingest.audit import sources_with_rows

CHUNK_ROWS = 750_000
FETCH_ROWS = 1_000_000
_ID = "load_id, file_name, try_cast(row_number as bigint) as row_number"

BATCH_SQL: dict[str, str] = {
    "sap_charges": f"""
        select {_ID}, try_cast(fiscal_year as bigint) as fiscal_year,
               try_cast(period as bigint) as period, norm_code(document_number) as document_number,
               norm_code(posting_row) as posting_row, trim(cost_centre) as cost_centre,
               norm_code(cost_centre) in (select norm_code(cost_centre)
                   from raw_sap_cost_centres) as in_master,
               fi_amount(amount)::double as amount_eur, fi_date(posting_date) as posting_date,
               abs(date_diff('day', last_day(make_date(try_cast(fiscal_year as integer),
                   least(try_cast(period as integer), 12), 1)), fi_date(posting_date)))
                   as days_from_period_end,
               upper(trim(activity_type)) as activity_type, quantity
        from raw_sap_charges""",
    "sap_costs": f"""
        select {_ID}, try_cast(fiscal_year as bigint) as fiscal_year,
               try_cast(period as bigint) as period, norm_code(document_number) as document_number,
               norm_code(posting_row) as posting_row, trim(cost_centre) as cost_centre,
               trim(cost_element) as cost_element,
               exists (select 1 from site_sender_cost_centres s
                       where case when ends_with(s.cost_centre, '*')
                                  then starts_with(norm_code(c.cost_centre),
                                                   rtrim(s.cost_centre, '*'))
                                  else norm_code(c.cost_centre) = s.cost_centre end)
                   as is_sender,
               fi_amount(amount)::double as amount_eur, fi_date(posting_date) as posting_date,
               abs(date_diff('day', last_day(make_date(try_cast(fiscal_year as integer),
                   least(try_cast(period as integer), 12), 1)), fi_date(posting_date)))
                   as days_from_period_end
        from raw_sap_costs as c""",
    "sap_invoices": f"""
        select {_ID}, trim(customer_number) as customer_number,
               norm_code(document_number) as document_number,
               upper(trim(document_type)) as document_type, fi_amount(amount)::double as amount_eur,
               fi_date(posting_date) as posting_date
        from raw_sap_invoices""",
    "sap_cost_centres": f"""
        select {_ID}, trim(cost_centre) as cost_centre, fi_date(valid_from) as valid_from,
               fi_date(valid_to) as valid_to
        from raw_sap_cost_centres""",
    "sap_headcount": f"""
        select {_ID}, trim(cost_centre) as cost_centre, fi_date(extract_date) as extract_date,
               fi_quantity(headcount)::double as headcount
        from raw_sap_headcount""",
    "applications": f"""
        select {_ID}, trim(application) as application,
               try_cast(regexp_extract(criticality, '^\\s*(\\d)', 1) as bigint) as criticality
        from raw_applications""",
    "sccm": f"""
        select {_ID}, nullif(trim(hardware_id), 'NULL') as hardware_id, trim(name) as name,
               fi_date(nullif(trim(last_hw_scan), 'NULL')) as last_hw_scan,
               nullif(trim(client), 'NULL') as client
        from raw_sccm""",
    # Only the newest register snapshot is in use; older ones are history.
    "register": f"""
        select {_ID}, upper(trim(customer_id)) as customer_id, extract_date,
               lower(trim(customer_type)) as customer_type,
               try_cast(segment as bigint) as segment,
               try_cast(fi_quantity(potential_score) as bigint) as potential_score,
               nullif(trim(business_id), '') as business_id
        from raw_register
        qualify extract_date = max(extract_date) over ()""",
}
CHUNK_KEY = {"sap_charges": "fiscal_year, document_number, posting_row",
             "sap_costs": "fiscal_year, document_number, posting_row",
             "sap_invoices": "document_number", "register": "customer_id"}


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params=None) -> pd.DataFrame:
    return con.sql(sql, params=params).to_arrow_table().to_pandas()


# The rows of each source that are validated: every load, but only the newest register snapshot.
_LOADED = {"register": "(select load_id, file_name from raw_register "
                       "qualify extract_date = max(extract_date) over ())"}


def loads(con: duckdb.DuckDBPyConnection, source: str) -> list[tuple[str, str, int]]:
    """(load_id, file_name, rows) of every load in the source's batch, oldest first."""
    table = _LOADED.get(source, f"raw_{source}")
    return con.execute(f"select load_id, any_value(file_name), count(*) from {table} "
                       "group by 1 order by 1").fetchall()


def load_frames(con: duckdb.DuckDBPyConnection, source: str, load_id: str, file_name: str,
                rows: int, chunk_rows: int | None = None) -> Iterator[pd.DataFrame]:
    """One load's frame, or its hash chunks of at most about `chunk_rows` rows."""
    sql = (f"select * exclude (load_id, file_name) from ({BATCH_SQL[source]}) "
           "where load_id = ?")
    chunks = -(-rows // (chunk_rows or CHUNK_ROWS))
    if chunks <= 1:
        yield _with_load(_frame(con, sql, [load_id]), source, load_id, file_name)
        return
    key = CHUNK_KEY.get(source, "row_number")
    sql = f"select *, hash({key}) % {chunks} as dq_chunk from ({sql})"
    if rows > FETCH_ROWS:
        for i in range(chunks):
            frame = _frame(con, f"select * exclude (dq_chunk) from ({sql}) where dq_chunk = ?",
                           [load_id, i])
            yield _with_load(frame, source, load_id, file_name)
        return
    typed = con.sql(sql, params=[load_id]).to_arrow_table()
    for i in range(chunks):
        part = typed.filter(pc.equal(typed["dq_chunk"], i)).drop_columns(["dq_chunk"])
        yield _with_load(part.to_pandas(), source, load_id, file_name)


def _with_load(frame: pd.DataFrame, source: str, load_id: str, file_name: str) -> pd.DataFrame:
    codes = np.zeros(len(frame), dtype=np.int8)
    frame.insert(0, "file_name", pd.Categorical.from_codes(codes, [file_name]))
    frame.insert(0, "load_id", pd.Categorical.from_codes(codes, [load_id]))
    if source == "register":
        frame["business_id_valid"] = [
            None if pd.isna(b) else business_id_is_valid(b) for b in frame["business_id"]]
    return frame


def load_audit_batch(con: duckdb.DuckDBPyConnection, checked: set[str]) -> pd.DataFrame:
    """Loads new since the last recorded run, plus the newest load of every source.

    Ingest's own facts about a file become results here: rejected, cut, row limit, quarantine.
    """
    frame = _frame(con, """
        select load_id, source, file_name, status, coalesce(message, '') as message,
               coalesce(warnings, '') as warnings,
               coalesce(warnings, '') similar to '.*(truncated|looks cut).*' as is_cut,
               coalesce(warnings, '') like '%row limit%' as hit_row_limit,
               round(100.0 * rows_quarantined / nullif(rows_read, 0), 2) as quarantined_pct,
               load_id = max(load_id) filter (where status = 'loaded')
                   over (partition by source) as is_newest
        from load_audit
        -- A steward retracted the file: its rows are in quarantine and it no longer counts.
        where status <> 'retracted'
        order by load_id""")
    keep = frame["is_newest"].fillna(False) | ~frame["load_id"].isin(checked)
    return frame[keep].reset_index(drop=True)


# One row per stream (source; SCCM per network domain) for its newest loaded file: rows per
# unit covered (a month of postings, a headcount key date, a snapshot) against the file
# before it, and how far its newest data lags the newest data of any source.
_STREAMS = """
with per_load as (
    select 'sap_charges' as source, load_id, '' as stream, count(*) as rows,
           count(distinct fiscal_year || '/' || period) as units,
           max(fi_date(posting_date)) as data_date from raw_sap_charges group by all
    union all
    select 'sap_costs', load_id, '', count(*), count(distinct fiscal_year || '/' || period),
           max(fi_date(posting_date)) from raw_sap_costs group by all
    union all
    select 'sap_invoices', load_id, '', count(*),
           count(distinct date_trunc('month', fi_date(posting_date))),
           max(fi_date(posting_date)) from raw_sap_invoices group by all
    union all
    select 'sap_headcount', load_id, '', count(*), count(distinct extract_date),
           max(fi_date(extract_date)) from raw_sap_headcount group by all
    union all
    select 'sap_cost_centres', load_id, '', count(*), 1, max(fi_date(extract_date))
    from raw_sap_cost_centres group by all
    union all
    select 'applications', load_id, '', count(*), 1, max(fi_date(extract_date))
    from raw_applications group by all
    union all
    select 'sccm', load_id, mode(upper(trim(domain))), count(*), 1, max(fi_date(extract_date))
    from raw_sccm group by all
    union all
    select 'register', load_id, '', count(*), 1, max(fi_date(extract_date))
    from raw_register group by all
),
ordered as (
    select p.*, a.file_name, rows / greatest(units, 1) as rows_per_unit,
           max(data_date) over (partition by p.source, coalesce(stream, '')) as newest_date,
           lag(rows / greatest(units, 1)) over w as previous_rows_per_unit,
           row_number() over (partition by p.source, coalesce(stream, '')
                              order by p.load_id desc) as recency
    from per_load p join load_audit a using (load_id)
    window w as (partition by p.source, coalesce(stream, '') order by p.load_id)
)
select source, coalesce(nullif(stream, ''), source) as stream, load_id, file_name, rows,
       rows_per_unit, previous_rows_per_unit,
       round(rows_per_unit / nullif(previous_rows_per_unit, 0), 3) as row_ratio,
       newest_date, date_diff('day', newest_date, max(newest_date) over ()) as lag_days
from ordered where recency = 1 order by source, stream
"""
# Days a source may lag the newest data: monthly extracts, quarterly headcount, and a register
# that changes when the partnership managers edit it.
ALLOWED_LAG_DAYS = {"sap_headcount": 100, "register": 400}
DEFAULT_LAG_DAYS = 45


def streams_batch(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    frame = _frame(con, _STREAMS)
    frame["allowed_lag_days"] = [ALLOWED_LAG_DAYS.get(s, DEFAULT_LAG_DAYS) for s in frame["source"]]
    return frame


def volume_batch(con: duckdb.DuckDBPyConnection, sources: tuple[str, ...],
                 required: tuple[str, ...], landing: Path) -> pd.DataFrame:
    """One row per landed source: its rows now, and 1 in `rows_needed` if it must have some.

    A source must have rows when the site requires it or when any earlier load of it had rows
    (a source whose every file was retracted would otherwise vanish from the marts quietly).
    `reason` says why and where its extracts are looked for.
    """
    present = {r[0] for r in con.execute(
        "select table_name from information_schema.tables").fetchall()}
    rows = {s: con.execute(f"select count(*) from raw_{s}").fetchall()[0][0]
            if f"raw_{s}" in present else 0 for s in sources}
    had = sources_with_rows(con)
    waiting = Counter(name for name, _ in landing_files(landing)[0])
    records = []
    for source in sources:
        folder = landing / source
        reasons = []
        if source in required:
            there = (f"{waiting[source]} file(s) there, none loaded any rows"
                     if waiting[source] else "empty" if folder.is_dir() else "no such folder")
            reasons.append(f"the site requires {source}; its extracts are looked for in "
                           f"{folder}/ ({there})")
        if source in had:
            files, before = had[source]
            reasons.append(f"{files} earlier file(s) of {source} loaded {before:,} rows, none "
                           f"of which is left (retracted?); land a corrected extract in "
                           f"{folder}/")
        records.append({"source": source, "rows": rows[source],
                        "rows_needed": 1 if reasons else 0,
                        "reason": f"{source} has no rows: " + "; ".join(reasons) if reasons
                        else ""})
    return pd.DataFrame(records, columns=["source", "rows", "rows_needed", "reason"])


def marts_batches(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Small frames from the new warehouse: the latest reconciliation month and customers."""
    return {
        "billing_reconciliation": _frame(con, """
            select customer_id, month, active_devices, billed_devices,
                   abs(device_gap) / greatest(active_devices, billed_devices) as gap_share
            from billing_reconciliation
            where month = (select max(month) from billing_reconciliation)
              and active_devices > 0 and billed_devices > 0"""),
        "customers": _frame(con, "select customer_id, current_value_eur::double "
                                 "as current_value_eur from customers"),
        "unclassified_charges": _frame(con, UNCLASSIFIED_SQL),
    }


# Unclassified charges per code over the 12 months of current value, each with its share of
# all charged euros of those months (lines netted per customer, month and service or code).
UNCLASSIFIED_SQL = """
    with window_ as (
        select as_of_month - interval 11 month as first_month, as_of_month
        from customers limit 1
    ),
    unclassified as (
        select u.* from unclassified_charges u, window_ w
        where u.month between w.first_month and w.as_of_month
    ),
    total as (
        select sum(abs(c.amount_eur)) as eur from customer_charges_monthly c, window_ w
        where c.month between w.first_month and w.as_of_month
    )
    select source, code, sum(amount_eur)::double as amount_eur,
           count(distinct customer_id) as customers,
           (sum(abs(amount_eur)) / nullif((select eur from total)
               + (select coalesce(sum(abs(amount_eur)), 0) from unclassified
                  where customer_id is null), 0))::double as share
    from unclassified group by all order by share desc
"""


def record_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Quarantined rows of loaded files, one row per (source, file_name, row_number)."""
    return _frame(con, """
        select distinct q.source, q.file_name, q.row_number::integer as row_number
        from quarantine q join load_audit a using (load_id) where a.status = 'loaded'""")
