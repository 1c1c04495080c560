"""Schema versions of the SQLite stores. Each file carries its version in `PRAGMA user_version`
(version 0: a file written before stores were versioned, or a new empty one). Opening a file
brings it to the code's version through the store's ordered list of migrations, in one
transaction, after an online backup copy of the file beside it; a file newer than the code is
refused and left as it is."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# A migration is SQL (one or more statements) or a function of the open connection; it runs
# inside the migrating transaction and must not commit.
Migration = str | Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Schema:
    """A store's schema: `migrations[n]` takes a file from version n to n + 1, so the current
    version is the number of migrations. Migration 1 creates the tables with IF NOT EXISTS:
    it makes a new file and is a no-op on a version-0 file of the same layout."""

    name: str
    migrations: tuple[Migration, ...]

    @property
    def version(self) -> int:
        return len(self.migrations)


class StoreTooNew(RuntimeError):
    """The file was written by a newer release; this one neither reads nor changes it."""

    def __init__(self, path: Path, name: str, found: int, supported: int) -> None:
        super().__init__(
            f"{path}: the {name} has schema version {found}, but this release of "
            f"Asiakastieto knows versions up to {supported}, so a newer release wrote it. "
            f"Run that newer release, or restore a backup made with this one "
            f"(asiakastieto restore --from DIR); the file was not changed."
        )
        self.path, self.found, self.supported = Path(path), found, supported


def user_version(con: sqlite3.Connection) -> int:
    return con.execute("PRAGMA user_version").fetchone()[0]


def file_version(path: Path) -> int | None:
    """The schema version of a file without creating or changing it; None if it is absent."""
    path = Path(path)
    if not path.exists():
        return None
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        return user_version(con)
    finally:
        con.close()


def _has_tables(con: sqlite3.Connection) -> bool:
    return con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def statements(sql: str) -> list[str]:
    """Split SQL into complete statements (trigger bodies kept whole): `executescript` would
    commit the transaction a migration runs in."""
    found, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                found.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL statement in a migration: {current.strip()[:80]}")
    return found


def online_copy(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite file through SQLite's online backup API: one read
    transaction over the whole file, so writers (WAL mode) go on meanwhile and the copy holds
    exactly the transactions committed when it began. Written beside `target` and renamed, so
    `target` is never a partial copy."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.copying-{os.getpid()}")
    src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        src.execute("PRAGMA busy_timeout=30000")
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            # One file, no -wal beside it: the copy is read back in rollback-journal mode.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        src.close()


def backup_path(path: Path, found: int, target: int) -> Path:
    """Where the copy taken before migrating `path` from `found` to `target` goes: beside it."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(path).with_name(f"{Path(path).name}.v{found}-before-v{target}-{stamp}.bak")


def migrate(con: sqlite3.Connection, path: Path, schema: Schema) -> Path | None:
    """Bring the file open on `con` (autocommit mode) to `schema.version`. Returns the backup
    copy taken first, or None when the file was current or new and empty.

    Runs in one `BEGIN IMMEDIATE` transaction: two processes opening an old file at once
    migrate it once, and a failing migration leaves the file as it was.
    """
    found = user_version(con)
    if found == schema.version:
        return None
    if found > schema.version:
        raise StoreTooNew(path, schema.name, found, schema.version)
    con.execute("BEGIN IMMEDIATE")
    try:
        found = user_version(con)  # another process may have migrated it meanwhile
        if found > schema.version:
            raise StoreTooNew(path, schema.name, found, schema.version)
        copy = None
        if found < schema.version and _has_tables(con):
            copy = backup_path(path, found, schema.version)
            online_copy(path, copy)
        for migration in schema.migrations[found:]:
            if callable(migration):
                migration(con)
            else:
                for statement in statements(migration):
                    con.execute(statement)
        con.execute(f"PRAGMA user_version = {schema.version:d}")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return copy
