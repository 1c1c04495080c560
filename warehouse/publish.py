"""Build into a new file, publish with an atomic rename: readers never see half-built data."""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.stores.refresh_state import version_of


def staging_path(warehouse: Path) -> Path:
    """A new file next to the warehouse (same filesystem, so the rename is atomic)."""
    return warehouse.with_name(f"{warehouse.name}.building-{os.getpid()}-{time.time_ns()}")


def discard(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def sweep(warehouse: Path) -> list[Path]:
    """Remove the unfinished new files of runs that were stopped (killed, a power cut): their
    process no longer runs. Files of running processes (a `docs` copy) are left alone."""
    removed = []
    for path in warehouse.parent.glob(f"{warehouse.name}.building-*"):
        pid = path.name.removeprefix(f"{warehouse.name}.building-").split("-", 1)[0]
        if path.suffix != ".wal" and pid.isdigit() and not _running(int(pid)):
            discard(path)
            removed.append(path)
    return removed


def publish(new_file: Path, warehouse: Path) -> None:
    """Swap `new_file` in as `warehouse`.

    Readers that opened the old file keep reading its inode until they close;
    the next read-only connection opens the new file.
    """
    wal = new_file.with_name(new_file.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"{new_file} still has a write-ahead log: close its connection first")
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    os.replace(new_file, warehouse)


@contextlib.contextmanager
def rebuilding(warehouse: Path, *, copy_current: bool = False) -> Iterator[Path]:
    """Yield a new file to write; publish it on success, discard it on any error."""
    new_file = staging_path(warehouse)
    if copy_current and warehouse.exists():
        shutil.copy2(warehouse, new_file)
    try:
        yield new_file
    except BaseException:
        discard(new_file)
        raise
    publish(new_file, warehouse)


@contextlib.contextmanager
def scratch_copy(warehouse: Path) -> Iterator[Path]:
    """A throw-away copy of the warehouse for tools that open their database read-write."""
    copy = staging_path(warehouse)
    shutil.copy2(warehouse, copy)
    try:
        yield copy
    finally:
        discard(copy)


@dataclass(frozen=True)
class BuiltFrom:
    """What a published warehouse was built from: the site's version (mart `site_info`) and
    the care-plan store's last change it shows (mart `careplan_info`); None where the
    warehouse predates the mart. `version` is the file's identity when read."""

    site_version: str | None
    store_change: int | None
    version: str


def built_from(warehouse: Path) -> BuiltFrom | None:
    """What the warehouse published at `warehouse` was built from; None when none is (or the
    file is not a DuckDB database). Read again when a publish swapped the file meanwhile."""
    while True:
        before = version_of(warehouse)
        if before is None:
            return None
        try:
            with duckdb.connect(str(warehouse), read_only=True) as con:
                found = {r[0] for r in con.execute(
                    "select table_name from information_schema.tables "
                    "where table_schema = 'main'").fetchall()}
                site = (con.execute("select max(site_version) from site_info").fetchone()[0]
                        if "site_info" in found else None)
                change = (con.execute("select max(store_change) from careplan_info"
                                      ).fetchone()[0] if "careplan_info" in found else None)
        except (duckdb.Error, FileNotFoundError):
            if version_of(warehouse) != before:
                continue
            return None
        if version_of(warehouse) == before:
            return BuiltFrom(site, None if change is None else int(change), before)
