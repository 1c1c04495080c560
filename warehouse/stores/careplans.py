"""The care-plan store: what partnership managers type, kept outside the rebuilt warehouse.

SQLite in WAL mode: one row per entry with a version number (optimistic concurrency: an update
names the version it read and is refused when someone saved in between) and an append-only
history of every change (who, when, old, new). Each build copies the current entries into the
raw store as `raw_careplan_entries` (`export_to`), so dbt reads them as a source.
Every write takes a `user`, recorded in the history, and is authorised inside the write by the
store's `WriteGuard`: a user who may not edit the customer is refused here. A store opened
without a guard is read-only; `warehouse.careplans.CarePlanStore` is the store with access
control's guard (`warehouse.access.CAREPLAN_GUARD`), the one the dashboard and CLI write through.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from warehouse.stores import sqlite_wal
from warehouse.stores.careplan_layout import SCHEMA, SECTIONS, SINGLE_SECTIONS

# The number of the last change saved (a refused attempt changes nothing): the watermark a
# warehouse records of the store it was built from (`careplan_export`).
LAST_CHANGE = "SELECT coalesce(max(change_id), 0) FROM history WHERE action != 'refused'"


class StaleEdit(Exception):
    """Someone saved the entry after this edit read it; nothing was overwritten."""

    def __init__(self, entry: Entry | None, expected_version: int) -> None:
        who = f"{entry.updated_by} ({entry.updated_at})" if entry else "–"
        super().__init__(
            f"The entry changed after you opened it (you had version {expected_version}, "
            f"now {entry.version if entry else 'deleted'} by {who}); your edit was not saved."
        )
        self.entry = entry
        self.expected_version = expected_version


@dataclass(frozen=True)
class Entry:
    entry_id: str
    customer_id: str
    section: str
    fields: dict
    version: int
    is_deleted: bool
    created_by: str
    created_at: str
    updated_by: str
    updated_at: str


def now_iso() -> str:
    """The store's timestamps: UTC, ISO 8601 with microseconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def fields_json(fields: dict | None) -> str | None:
    """An entry's fields as the stored (and exported) JSON text."""
    return None if fields is None else json.dumps(fields, ensure_ascii=False, sort_keys=True,
                                                  default=str)


def _clean(section: str, fields: dict) -> dict:
    if section not in SECTIONS:
        raise ValueError(f"unknown care-plan section {section!r}")
    unknown = set(fields) - set(SECTIONS[section])
    if unknown:
        raise ValueError(f"unknown fields for {section}: {sorted(unknown)}")
    return {name: fields.get(name) for name in SECTIONS[section]}


def _user(user: str) -> str:
    if not user or not user.strip():
        raise ValueError("every care-plan change names its user")
    return user.strip()


class WriteGuard(Protocol):
    """Who may write: asked inside every write, before anything is written."""

    def authorize(self, user, customer_id: str, what: str) -> str:
        """The name to record for a write by `user`; raises (nothing written) if refused."""

    def written(self, user, customer_id: str, what: str) -> None:
        """Told after a successful write (e.g. to audit it)."""


class ReadOnly(PermissionError):
    """A write to a store opened without a WriteGuard."""


class CarePlanStore:
    """A care-plan store at `path`; each call opens its own short connection. Without a
    `guard` it only reads."""

    def __init__(self, path: Path, guard: WriteGuard | None = None) -> None:
        self.path = Path(path)
        self.guard = guard

    def _actor(self, user, customer_id: str, what: str) -> str:
        """The name recorded for a write by `user`; the guard's refusal (nothing written) if
        the user may not edit this customer's care plan. Enforced here, at the store
        boundary, for every write."""
        if self.guard is None:
            raise ReadOnly(f"{self.path} was opened read-only (no write guard)")
        return _user(self.guard.authorize(user, customer_id, what))

    def _audited(self, user, customer_id: str, what: str) -> None:
        if self.guard is not None:
            self.guard.written(user, customer_id, what)

    @contextlib.contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        con = sqlite_wal.connect(self.path, SCHEMA)
        try:
            con.row_factory = sqlite3.Row
            if not write:
                yield con
                return
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        finally:
            con.close()

    @staticmethod
    def _entry(row: sqlite3.Row | None) -> Entry | None:
        if row is None:
            return None
        return Entry(**{**dict(row), "fields": json.loads(row["fields"]),
                        "is_deleted": bool(row["is_deleted"])})

    @staticmethod
    def _log(con, entry_id, customer_id, section, action, version, user, old, new) -> None:
        con.execute(
            "INSERT INTO history (entry_id, customer_id, section, action, version, changed_by,"
            " changed_at, old_fields, new_fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [entry_id, customer_id, section, action, version, user, now_iso(), fields_json(old),
             fields_json(new)],
        )

    def get(self, entry_id: str) -> Entry | None:
        with self._connect() as con:
            row = con.execute("SELECT * FROM entries WHERE entry_id = ?", [entry_id]).fetchone()
        return self._entry(row)

    def entries(self, customer_id: str, section: str | None = None) -> list[Entry]:
        """The live entries of a customer (all sections, or one), oldest first."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT * FROM entries WHERE customer_id = ? AND (? IS NULL OR section = ?)"
                " AND NOT is_deleted ORDER BY created_at, entry_id",
                [customer_id, section, section],
            ).fetchall()
        return [self._entry(row) for row in rows]

    def single(self, customer_id: str, section: str = "potential") -> Entry | None:
        return self.get(f"{customer_id}:{section}")

    def add(self, customer_id: str, section: str, fields: dict, *, user: str) -> Entry:
        """A new entry at version 1."""
        actor, fields = user, _clean(section, fields)
        user = self._actor(actor, customer_id, f"add {section}")
        entry_id = f"{customer_id}:{section}" if section in SINGLE_SECTIONS else uuid.uuid4().hex
        now = now_iso()
        with self._connect(write=True) as con:
            try:
                con.execute(
                    "INSERT INTO entries VALUES (?, ?, ?, ?, 1, 0, ?, ?, ?, ?)",
                    [entry_id, customer_id, section, fields_json(fields), user, now, user, now],
                )
            except sqlite3.IntegrityError:
                current = self._entry(con.execute(
                    "SELECT * FROM entries WHERE entry_id = ?", [entry_id]).fetchone())
                self._log(con, entry_id, customer_id, section, "refused", 0, user, None, fields)
                raise StaleEdit(current, 0) from None
            self._log(con, entry_id, customer_id, section, "insert", 1, user, None, fields)
        self._audited(actor, customer_id, f"add {section} {entry_id}")
        return self.get(entry_id)

    def update(self, entry_id: str, fields: dict, *, expected_version: int, user: str) -> Entry:
        """Save `fields` over the version the editor read; StaleEdit if it is not current."""
        return self._change(entry_id, fields, expected_version, user, delete=False)

    def delete(self, entry_id: str, *, expected_version: int, user: str) -> Entry:
        """Mark an entry deleted (its history stays); StaleEdit if it changed meanwhile."""
        return self._change(entry_id, None, expected_version, user, delete=True)

    def _change(self, entry_id, fields, expected_version, user, *, delete) -> Entry:
        actor = user
        if isinstance(user, str):
            _user(user)
        with self._connect(write=True) as con:
            old = self._entry(con.execute(
                "SELECT * FROM entries WHERE entry_id = ?", [entry_id]).fetchone())
            if old is None:
                raise KeyError(entry_id)
            user = self._actor(actor, old.customer_id,
                          f"{'delete' if delete else 'update'} {old.section} {entry_id}")
            new = old.fields if delete else _clean(old.section, fields)
            cursor = con.execute(
                "UPDATE entries SET fields = ?, version = version + 1, is_deleted = ?,"
                " updated_by = ?, updated_at = ? WHERE entry_id = ? AND version = ?"
                " AND NOT is_deleted",
                [fields_json(new), int(delete), user, now_iso(), entry_id, expected_version],
            )
            if cursor.rowcount != 1:
                self._log(con, entry_id, old.customer_id, old.section, "refused",
                          expected_version, user, old.fields, fields)
                stale = StaleEdit(old, expected_version)
            else:
                self._log(con, entry_id, old.customer_id, old.section,
                          "delete" if delete else "update", expected_version + 1, user,
                          old.fields, None if delete else new)
                stale = None
        if stale is not None:
            # Raised after COMMIT so that the refused attempt stays in the history.
            raise stale
        self._audited(actor, old.customer_id,
                 f"{'delete' if delete else 'update'} {old.section} {entry_id}")
        return self.get(entry_id)

    def save_single(self, customer_id: str, section: str, fields: dict, *,
                    expected_version: int, user: str) -> Entry:
        """Create (expected_version 0) or update the one entry of a single-entry section."""
        if expected_version == 0:
            return self.add(customer_id, section, fields, user=user)
        return self.update(f"{customer_id}:{section}", fields,
                           expected_version=expected_version, user=user)

    def history(self, customer_id: str, limit: int = 500) -> list[dict]:
        """The customer's changes, newest first: who, when, action, old and new fields."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT * FROM history WHERE customer_id = ? ORDER BY change_id DESC LIMIT ?",
                [customer_id, limit],
            ).fetchall()
        return [{**dict(row), "old_fields": json.loads(row["old_fields"] or "null"),
                 "new_fields": json.loads(row["new_fields"] or "null")} for row in rows]

    def all_entries(self) -> list[Entry]:
        """Every entry, deleted ones too (they carry their deletion to the warehouse)."""
        return self.snapshot()[0]

    def snapshot(self) -> tuple[list[Entry], int]:
        """Every entry (deleted ones too) and the store's last change among them: one read
        transaction, so the change number says exactly which saves the entries hold."""
        if not self.path.exists():
            return [], 0
        with self._connect() as con:
            con.execute("BEGIN")  # one snapshot for both reads
            rows = con.execute("SELECT * FROM entries ORDER BY entry_id").fetchall()
            mark = con.execute(LAST_CHANGE).fetchone()[0]
            con.execute("COMMIT")
        return [self._entry(row) for row in rows], int(mark)

    def last_change(self) -> int:
        """The number of the store's last saved change (0: none). A warehouse built from a
        snapshot with at least this number shows every save made so far."""
        if not self.path.exists():
            return 0
        with self._connect() as con:
            row = con.execute(LAST_CHANGE).fetchone()
        return int(row[0])

    def sections_changed_after(self, change: int) -> set[str]:
        """The sections with a saved change after change number `change`."""
        if not self.path.exists():
            return set()
        with self._connect() as con:
            rows = con.execute("SELECT DISTINCT section FROM history WHERE change_id > ?"
                               " AND action != 'refused'", [change]).fetchall()
        return {row[0] for row in rows}
