"""Pull one pandas batch per landed source out of the raw store, typed by the shared macros.

Codes stay as landed text, so a code Excel mangled (`1,23457E+11`) is named as such.

Only the columns the suites check are pulled, via Arrow (pandas' own path is slow).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from expectations.codes import business_id_is_valid

BATCH_SQL: dict[str, str] = {
    "sap_charges": """
        select load_id, file_name, try_cast(fiscal_year as integer) as fiscal_year,
               try_cast(period as integer) as period, norm_code(document_number) as document_number,
               norm_code(posting_row) as posting_row, trim(cost_centre) as cost_centre,
               norm_code(cost_centre) as cost_centre_code,
               fi_amount(amount) as amount_eur, fi_date(posting_date) as posting_date,
               upper(trim(activity_type)) as activity_type
        from raw_sap_charges""",
    "sap_invoices": """
        select load_id, trim(customer_number) as customer_number,
               norm_code(document_number) as document_number,
               upper(trim(document_type)) as document_type, fi_amount(amount) as amount_eur,
               fi_date(posting_date) as posting_date
        from raw_sap_invoices""",
    "sap_cost_centres": """
        select trim(cost_centre) as cost_centre, fi_date(valid_from) as valid_from,
               fi_date(valid_to) as valid_to
        from raw_sap_cost_centres""",
    "sap_headcount": """
        select trim(cost_centre) as cost_centre, fi_date(extract_date) as extract_date,
               fi_quantity(headcount) as headcount
        from raw_sap_headcount""",
    "applications": """
        select trim(application) as application,
               try_cast(regexp_extract(criticality, '^\\s*(\\d)', 1) as integer) as criticality
        from raw_applications""",
    "sccm": """
        select nullif(trim(hardware_id), 'NULL') as hardware_id, trim(name) as name,
               fi_date(nullif(trim(last_hw_scan), 'NULL')) as last_hw_scan
        from raw_sccm""",
    "register": """
        select upper(trim(customer_id)) as customer_id, extract_date,
               lower(trim(customer_type)) as customer_type,
               try_cast(segment as integer) as segment,
               try_cast(fi_quantity(potential_score) as integer) as potential_score,
               nullif(trim(business_id), '') as business_id
        from raw_register
        qualify extract_date = max(extract_date) over ()""",
}


def load_batch(con: duckdb.DuckDBPyConnection, source: str) -> pd.DataFrame:
    frame = con.sql(BATCH_SQL[source]).to_arrow_table().to_pandas()
    if source == "register":
        frame["business_id_valid"] = [
            None if pd.isna(b) else business_id_is_valid(b) for b in frame["business_id"]
        ]
    return frame


def master_cost_centres(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select distinct norm_code(cost_centre) from raw_sap_cost_centres"
        " where cost_centre is not null"
    ).fetchall()
    return [r[0] for r in rows]
