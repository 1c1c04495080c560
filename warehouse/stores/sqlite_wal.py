"""Small SQLite stores that several processes write: WAL mode and schema set up safely."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

_READY: set[Path] = set()


def connect(path: Path, schema: str) -> sqlite3.Connection:
    """A connection in autocommit mode with a 30 s busy timeout; the file in WAL mode with
    `schema` applied (once per process and file).

    Switching the journal mode takes an exclusive lock, and SQLite answers SQLITE_BUSY at once
    (no busy handler) while another process writes, so that step is retried; afterwards WAL is
    a property of the file and is only checked.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    con.execute("PRAGMA busy_timeout=30000")
    con.execute("PRAGMA synchronous=FULL")
    if path.resolve() not in _READY:
        deadline = time.monotonic() + 30
        while True:
            try:
                if con.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    con.execute("PRAGMA journal_mode=WAL")
                con.executescript(schema)
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    con.close()
                    raise
                time.sleep(0.05)
        _READY.add(path.resolve())
    return con
