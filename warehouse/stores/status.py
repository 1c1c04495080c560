"""What a `status` command shows about the stores beside the warehouse: where each is, its
size and schema version (read without creating or migrating anything), and the last backup."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from warehouse.config import Settings
from warehouse.stores import accounts, schema
from warehouse.stores.backup import STORES, last_backup

__all__ = ["StoreStatus", "StoresReport", "last_backup", "report", "store_status"]


@dataclass(frozen=True)
class StoreStatus:
    """One store: `size` in bytes on disk (with a SQLite file's -wal), `schema_version` the
    file's (None when absent or unreadable, `error` saying why), `supported_version` the one
    this release writes."""

    name: str
    path: Path
    exists: bool
    size: int | None
    schema_version: int | None
    supported_version: int
    error: str | None = None

    @property
    def needs_migration(self) -> bool:
        return self.schema_version is not None and self.schema_version < self.supported_version

    @property
    def too_new(self) -> bool:
        return self.schema_version is not None and self.schema_version > self.supported_version


def store_status(s: Settings) -> list[StoreStatus]:
    """The care plans, the audit log and the accounts file of the installation `s`."""
    found = []
    for store in STORES:
        path = store.path(s)
        if not path.exists():
            found.append(StoreStatus(store.name, path, False, None, None, store.version))
            continue
        try:
            version = (schema.file_version(path) if store.kind == "sqlite"
                       else accounts.file_version(path))
            error = None
        except Exception as exc:  # noqa: BLE001 - a status reports a broken file, never raises
            version, error = None, f"{type(exc).__name__}: {exc}"
        wal = path.with_name(path.name + "-wal")
        size = path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
        found.append(StoreStatus(store.name, path, True, size, version, store.version, error))
    return found


@dataclass(frozen=True)
class StoresReport:
    stores: list[StoreStatus]
    last_backup: dict | None


def report(s: Settings) -> StoresReport:
    """Each store's path, size and schema version, and the last backup: what `status` shows."""
    return StoresReport(store_status(s), last_backup(s))
