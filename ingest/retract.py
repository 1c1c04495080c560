"""Take a landed file back out of the warehouse's inputs, losing nothing.

A file that loaded but turned out wrong (cut short, the wrong month, a bad layout variant) is
retracted by a data steward: its rows move to `quarantine` with the reason, its audit row says
`retracted`, and the original stays in the archive. Ingest never loads the same content again.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from ingest.landing import keys_table
from ingest.sources import SOURCES

RETRACTED = "retracted"


class RetractError(ValueError):
    """The load cannot be retracted; the message says why."""


@dataclass
class Retraction:
    load_id: str
    source: str
    file_name: str
    rows_moved: int


def retract(conn: duckdb.DuckDBPyConnection, load_id: str, reason: str, user: str) -> Retraction:
    """Move one load's rows from its raw table into quarantine, in one transaction."""
    if not reason.strip():
        raise RetractError("say why the file is retracted (--reason): the audit keeps it")
    found = conn.execute("SELECT source, file_name, status FROM load_audit WHERE load_id = ?",
                         [load_id]).fetchall()
    if not found:
        raise RetractError(f"no load {load_id!r} in load_audit: see `asiakastieto ingest` output")
    source, file_name, status = found[0]
    if status != "loaded":
        raise RetractError(
            f"load {load_id} ({file_name}) is {status}, not loaded: nothing to take back")
    table = SOURCES[source].table
    note = f"file retracted by {user}: {reason.strip()}"
    conn.execute("BEGIN TRANSACTION")
    try:
        moved = conn.execute(f"""
            INSERT INTO quarantine (load_id, source, file_name, row_number, column_name,
                                    raw_value, reason, raw_row)
            SELECT load_id, ?, file_name, CAST(row_number AS BIGINT), NULL, NULL, ?,
                   to_json(t)::VARCHAR
            FROM {table} AS t WHERE load_id = ?""", [source, note, load_id]).fetchall()[0][0]
        conn.execute(f"DELETE FROM {table} WHERE load_id = ?", [load_id])
        keys = keys_table(SOURCES[source])
        if conn.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = ?", [keys]).fetchall():
            conn.execute(f"DELETE FROM {keys} WHERE load_id = ?", [load_id])
        conn.execute("""
            UPDATE load_audit
            SET status = ?, rows_quarantined = coalesce(rows_quarantined, 0) + ?,
                rows_loaded = 0, message = coalesce(message || ' | ', '') || ?
            WHERE load_id = ?""", [RETRACTED, moved, note, load_id])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return Retraction(load_id, source, file_name, moved)
