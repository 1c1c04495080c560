"""The care-plan store's entries copied into the raw store as text, where each build reads them
(dbt source `careplan`)."""

from __future__ import annotations

from pathlib import Path

from warehouse.stores.careplans import CarePlanStore, fields_json, now_iso

RAW_TABLE = "raw_careplan_entries"
RAW_COLUMNS = ("entry_id", "customer_id", "section", "fields", "version", "is_deleted",
               "updated_by", "updated_at", "exported_at")


def export_to(store_path: Path, raw_con) -> int:
    """Replace `raw_careplan_entries` in a raw-store connection with the store's entries.

    All columns are text, as every raw table; an absent store exports an empty table.
    """
    entries = CarePlanStore(store_path).all_entries()
    now = now_iso()
    rows = [(e.entry_id, e.customer_id, e.section, fields_json(e.fields), str(e.version),
             str(e.is_deleted).lower(), e.updated_by, e.updated_at, now) for e in entries]
    columns = ", ".join(f"{name} VARCHAR" for name in RAW_COLUMNS)
    raw_con.execute("BEGIN TRANSACTION")
    try:
        raw_con.execute(f"CREATE OR REPLACE TABLE {RAW_TABLE} ({columns})")
        if rows:
            raw_con.executemany(
                f"INSERT INTO {RAW_TABLE} VALUES ({', '.join('?' * len(RAW_COLUMNS))})", rows
            )
        raw_con.execute("COMMIT")
    except BaseException:
        raw_con.execute("ROLLBACK")
        raise
    return len(rows)
