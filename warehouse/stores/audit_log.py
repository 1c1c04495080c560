"""The audit log: one append-only SQLite table (`audit.sqlite`) of who did what, when, with
what outcome. Rows are written and read here; what a row says is `warehouse.access.audit`'s."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from warehouse.stores import sqlite_wal
from warehouse.stores.schema import Schema

# Version 1 = the unversioned layout (version 0); a change is a new migration, never an edit.
LAYOUT_V1 = """
CREATE TABLE IF NOT EXISTS audit (
    audit_id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    role TEXT NOT NULL,
    source TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed'))
);
CREATE TRIGGER IF NOT EXISTS audit_is_append_only_u BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_is_append_only_d BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""
SCHEMA = Schema("audit log", (LAYOUT_V1,))


@contextlib.contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    con = sqlite_wal.connect(Path(path), SCHEMA)
    try:
        yield con
    finally:
        con.close()


def append(path: Path, *, username: str, role: str, source: str, action: str,
           target: str | None, detail: str | None, outcome: str) -> None:
    """Append one row, stamped now (UTC, microseconds)."""
    with connect(path) as con:
        con.execute(
            "INSERT INTO audit (at, username, role, source, action, target, detail, outcome)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"), username, role,
             source, action, target, detail, outcome],
        )


def rows(path: Path, limit: int = 1000) -> list[dict]:
    """The newest rows first."""
    with connect(path) as con:
        con.row_factory = sqlite3.Row
        found = con.execute("SELECT * FROM audit ORDER BY audit_id DESC LIMIT ?",
                            [limit]).fetchall()
    return [dict(row) for row in found]


def refused_logins_since(path: Path, name: str, since: dt.datetime) -> int:
    """Refused logins of `name` at or after `since` and after its last successful login."""
    with connect(path) as con:
        last_ok = con.execute(
            "SELECT coalesce(max(audit_id), 0) FROM audit WHERE action = 'login'"
            " AND outcome = 'ok' AND lower(target) = ?", [name]).fetchone()[0]
        return con.execute(
            "SELECT count(*) FROM audit WHERE action = 'login' AND outcome = 'denied'"
            " AND target = ? AND at >= ? AND audit_id > ?",
            [name, since.isoformat(timespec="microseconds"), last_ok]).fetchone()[0]
