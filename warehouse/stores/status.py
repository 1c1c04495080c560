"""What `asiakastieto status` and the data page show about an installation: the last refresh
(outcome, time) and whether one runs now, the published warehouse (version, age, size), the
last step of the care-plan saves' builds (`apply-edits`), the stores beside it (where each is,
its size and schema version, read without creating or migrating anything) and the last
backup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warehouse.config import Settings
from warehouse.stores import accounts, edits_state, run_lock, schema
from warehouse.stores.backup import STORES, last_backup
from warehouse.stores.edits_state import EditsState
from warehouse.stores.refresh_state import LastRefresh, last_refresh, version_of

__all__ = ["Finding", "Status", "StoreStatus", "StoresReport", "WarehouseStatus", "findings",
           "last_backup", "report", "status", "store_status"]

# Exit codes of refresh that leave a usable, current warehouse (published, nothing new).
GOOD_REFRESH = {0, 3}


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


@dataclass(frozen=True)
class WarehouseStatus:
    """The published warehouse file: `version` as the dashboard tells versions apart
    (modification time and inode), `published_at` its modification time (UTC)."""

    path: Path
    exists: bool
    version: str | None = None
    published_at: datetime | None = None
    size: int | None = None

    def age_days(self, now: datetime | None = None) -> float | None:
        if self.published_at is None:
            return None
        return ((now or datetime.now(UTC)) - self.published_at).total_seconds() / 86400


def warehouse_status(s: Settings) -> WarehouseStatus:
    try:
        info = s.warehouse.stat()
    except FileNotFoundError:
        return WarehouseStatus(s.warehouse, False)
    return WarehouseStatus(s.warehouse, True, version_of(s.warehouse),
                           datetime.fromtimestamp(info.st_mtime, UTC), info.st_size)


@dataclass(frozen=True)
class Status:
    warehouse: WarehouseStatus
    last_refresh: LastRefresh | None
    last_refresh_error: str | None  # a state file that cannot be read
    running: run_lock.Holder | None
    stores: list[StoreStatus]
    last_backup: dict | None
    edits: EditsState | None = None  # the last step of `apply-edits`

    def backup_age_days(self, now: datetime | None = None) -> float | None:
        """Days since the last backup; None when none was taken."""
        if self.last_backup is None:
            return None
        taken = datetime.fromisoformat(self.last_backup["at"])
        return ((now or datetime.now(UTC)) - taken).total_seconds() / 86400

    def to_json(self) -> dict:
        """Plain JSON for monitoring (`asiakastieto status --json`)."""
        w = self.warehouse
        return {
            "warehouse": {"path": str(w.path), "exists": w.exists, "version": w.version,
                          "published_at": w.published_at.isoformat() if w.published_at
                          else None, "age_days": w.age_days(), "bytes": w.size},
            "last_refresh": self.last_refresh.to_json() if self.last_refresh else None,
            "last_refresh_error": self.last_refresh_error,
            "running": None if self.running is None else {
                "pid": self.running.pid, "host": self.running.host,
                "command": self.running.command, "started_at": self.running.started_at},
            "stores": [{"name": x.name, "path": str(x.path), "exists": x.exists,
                        "bytes": x.size, "schema_version": x.schema_version,
                        "supported_version": x.supported_version, "error": x.error}
                       for x in self.stores],
            "last_backup": self.last_backup,
            "edits": self.edits.to_json() if self.edits else None,
        }


def status(s: Settings) -> Status:
    """Everything the status shows, read without writing anything."""
    try:
        last, error = last_refresh(s), None
    except ValueError as exc:
        last, error = None, str(exc)
    return Status(warehouse_status(s), last, error, run_lock.running(s.refresh_lock),
                  store_status(s), last_backup(s), edits_state.read(s.edits_state))


@dataclass(frozen=True)
class Finding:
    """Something an operator should look at: `key` names it, `values` fill its text (the CLI
    and the data page each say it in their own words and languages)."""

    key: str
    values: dict


def findings(found: Status, max_age_days: float = 40, max_backup_age_days: float = 8,
             now: datetime | None = None) -> list[Finding]:
    """What needs attention; empty when all is well."""
    now = now or datetime.now(UTC)
    out: list[Finding] = []
    w = found.warehouse
    if not w.exists:
        out.append(Finding("no_warehouse", {"path": w.path}))
    elif (w.age_days(now) or 0) > max_age_days:
        out.append(Finding("old_warehouse", {"days": w.age_days(now), "limit": max_age_days}))
    last = found.last_refresh
    if found.last_refresh_error:
        out.append(Finding("state_unreadable", {"error": found.last_refresh_error}))
    elif last is not None and last.exit_code not in GOOD_REFRESH:
        out.append(Finding("refresh_failed", {"outcome": last.outcome,
                                              "exit_code": last.exit_code,
                                              "message": last.message}))
    if found.edits is not None and found.edits.state == edits_state.State.FAILED:
        out.append(Finding("edits_failed", {"change": found.edits.store_change,
                                            "message": found.edits.message}))
    for store in found.stores:
        if store.error:
            out.append(Finding("store_unreadable", {"store": store.name, "path": store.path,
                                                    "error": store.error}))
        elif store.too_new:
            out.append(Finding("store_too_new", {"store": store.name,
                                                 "version": store.schema_version,
                                                 "supported": store.supported_version}))
    age = found.backup_age_days(now)
    if age is None:
        out.append(Finding("no_backup", {}))
    elif age > max_backup_age_days:
        out.append(Finding("old_backup", {"days": age, "limit": max_backup_age_days}))
    return out
