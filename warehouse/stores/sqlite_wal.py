"""Small SQLite stores that several processes write: WAL mode, and the file created or migrated
to the code's schema version (`schema`) on every open."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from warehouse.stores.schema import Schema, StoreTooNew, migrate, user_version


def connect(path: Path, schema: Schema) -> sqlite3.Connection:
    """A connection in autocommit mode with a 30 s busy timeout, to a file in WAL mode at
    `schema.version`: a new file is created, an older one migrated (after a backup copy beside
    it), a newer one refused (`StoreTooNew`).

    Every open checks the version (one pragma), not a cache per process: a file removed or
    restored while a server runs is created or checked again. Switching the journal mode takes
    an exclusive lock, and SQLite answers SQLITE_BUSY at once (no busy handler) while another
    process writes, so that step is retried; afterwards WAL is a property of the file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        con.execute("PRAGMA busy_timeout=30000")
        con.execute("PRAGMA synchronous=FULL")
        found = user_version(con)
        if found > schema.version:
            raise StoreTooNew(path, schema.name, found, schema.version)
        if (found != schema.version
                or con.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal"):
            _set_up(con, path, schema)
    except BaseException:
        con.close()
        raise
    return con


def _set_up(con: sqlite3.Connection, path: Path, schema: Schema) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            if con.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                con.execute("PRAGMA journal_mode=WAL")
            migrate(con, path, schema)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
