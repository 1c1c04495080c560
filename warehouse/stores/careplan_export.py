"""The care-plan store's entries copied into the raw store as text, where each build reads them
(dbt source `careplan`), with the store's last change number the copy holds (its watermark:
the mart `careplan_info` carries it into the warehouse, so anyone can tell whether a published
warehouse shows a save)."""

from __future__ import annotations

from pathlib import Path

from warehouse.stores.careplans import CarePlanStore, fields_json, now_iso

RAW_TABLE = "raw_careplan_entries"
RAW_COLUMNS = ("entry_id", "customer_id", "section", "fields", "version", "is_deleted",
               "updated_by", "updated_at", "exported_at")
MARK_TABLE = "raw_careplan_export"
MARK_COLUMNS = ("store_change", "entries", "exported_at")


def export_to(store_path: Path, raw_con) -> int:
    """Replace `raw_careplan_entries` and `raw_careplan_export` in a raw-store connection with
    the store's entries and their watermark, in one transaction.

    All columns are text, as every raw table; an absent store exports an empty table (and
    watermark 0).
    """
    entries, mark = CarePlanStore(store_path).snapshot()
    now = now_iso()
    rows = [(e.entry_id, e.customer_id, e.section, fields_json(e.fields), str(e.version),
             str(e.is_deleted).lower(), e.updated_by, e.updated_at, now) for e in entries]
    raw_con.execute("BEGIN TRANSACTION")
    try:
        _replace(raw_con, RAW_TABLE, RAW_COLUMNS, rows)
        _replace(raw_con, MARK_TABLE, MARK_COLUMNS, [(str(mark), str(len(rows)), now)])
        raw_con.execute("COMMIT")
    except BaseException:
        raw_con.execute("ROLLBACK")
        raise
    return len(rows)


def _replace(raw_con, table: str, names: tuple[str, ...], rows: list[tuple]) -> None:
    columns = ", ".join(f"{name} VARCHAR" for name in names)
    raw_con.execute(f"CREATE OR REPLACE TABLE {table} ({columns})")
    if rows:
        raw_con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(names))})", rows)
