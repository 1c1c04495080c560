"""Schema versions of the stores beside the warehouse: a file of the layout written before
versions existed (version 0) is migrated with every row kept and a backup copy beside it; a new
file is created at the current version, even by a read; a file newer than the code is refused
and left as it was."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from warehouse.stores import accounts, audit_log, schema, sqlite_wal
from warehouse.stores.careplan_layout import SCHEMA as CAREPLAN_SCHEMA
from warehouse.stores.careplans import CarePlanStore
from warehouse.stores.schema import Schema, StoreTooNew

# The exact DDL the stores wrote before they carried a version (version 0).
CAREPLANS_V0 = """
CREATE TABLE IF NOT EXISTS entries (
    entry_id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    section TEXT NOT NULL,
    fields TEXT NOT NULL,
    version INTEGER NOT NULL,
    is_deleted INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_by_customer ON entries (customer_id, section);
CREATE TABLE IF NOT EXISTS history (
    change_id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    section TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'refused')),
    version INTEGER,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    old_fields TEXT,
    new_fields TEXT
);
CREATE INDEX IF NOT EXISTS history_by_customer ON history (customer_id, change_id);
CREATE TRIGGER IF NOT EXISTS history_is_append_only_u BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS history_is_append_only_d BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
"""
CAREPLAN_ROWS_V0 = """
INSERT INTO entries VALUES
 ('C001:potential', 'C001', 'potential', '{"justification": "kasvu", "score": 7}', 2, 0,
  'Anna Aalto', '2025-01-02T08:00:00.000000+00:00', 'Berit Berg',
  '2025-02-03T09:00:00.000000+00:00'),
 ('a1', 'C001', 'marketing', '{"action": "Esittely", "target": "johto"}', 1, 0,
  'Anna Aalto', '2025-01-05T08:00:00.000000+00:00', 'Anna Aalto',
  '2025-01-05T08:00:00.000000+00:00'),
 ('b2', 'C002', 'agreements', '{"agreed_date": null, "agreement": "SLA"}', 2, 1,
  'Berit Berg', '2025-01-06T08:00:00.000000+00:00', 'Berit Berg',
  '2025-01-07T08:00:00.000000+00:00');
INSERT INTO history (entry_id, customer_id, section, action, version, changed_by, changed_at,
                     old_fields, new_fields) VALUES
 ('C001:potential', 'C001', 'potential', 'insert', 1, 'Anna Aalto',
  '2025-01-02T08:00:00.000000+00:00', NULL, '{"justification": "x", "score": 5}'),
 ('C001:potential', 'C001', 'potential', 'update', 2, 'Berit Berg',
  '2025-02-03T09:00:00.000000+00:00', '{"justification": "x", "score": 5}',
  '{"justification": "kasvu", "score": 7}'),
 ('a1', 'C001', 'marketing', 'insert', 1, 'Anna Aalto', '2025-01-05T08:00:00.000000+00:00',
  NULL, '{"action": "Esittely", "target": "johto"}'),
 ('b2', 'C002', 'agreements', 'insert', 1, 'Berit Berg', '2025-01-06T08:00:00.000000+00:00',
  NULL, '{"agreed_date": null, "agreement": "SLA"}'),
 ('b2', 'C002', 'agreements', 'delete', 2, 'Berit Berg', '2025-01-07T08:00:00.000000+00:00',
  '{"agreed_date": null, "agreement": "SLA"}', NULL);
"""
AUDIT_V0 = """
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
INSERT INTO audit (at, username, role, source, action, target, detail, outcome) VALUES
 ('2025-01-02T08:00:00.000000+00:00', 'anna', 'manager', 'local', 'login', 'anna', NULL, 'ok'),
 ('2025-01-02T08:01:00.000000+00:00', 'anna', 'manager', 'local', 'careplan_edit', 'C001',
  'add marketing a1', 'ok'),
 ('2025-01-02T08:02:00.000000+00:00', 'view', 'viewer', 'local', 'careplan_edit', 'C001',
  'add marketing', 'denied');
"""
ACCOUNTS_V0 = """# Asiakastieto accounts: `asiakastieto user add` writes this file.

[users."anna"]
role = "manager"
display_name = "Anna Aalto"
manager_name = "Anna Aalto"
password_hash = "scrypt$16384$8$1$c2FsdA==$aGFzaA=="

[users."view"]
role = "viewer"
display_name = "Ville Viewer"
"""


def _old_sqlite(path: Path, script: str) -> Path:
    """A store as the previous release wrote it: WAL, the DDL, no user_version."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.executescript(script)
    con.close()
    return path


def _dump(path: Path, table: str) -> list[tuple]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        con.close()


def _backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.v*-before-v*.bak"))


def test_careplans_of_the_previous_layout_keep_every_row(tmp_path):
    path = _old_sqlite(tmp_path / "careplans.sqlite", CAREPLANS_V0 + CAREPLAN_ROWS_V0)
    entries_before, history_before = _dump(path, "entries"), _dump(path, "history")
    store = CarePlanStore(path)
    assert store.single("C001").fields == {"justification": "kasvu", "score": 7}
    assert [e.entry_id for e in store.entries("C001")] == ["C001:potential", "a1"]
    assert [e.entry_id for e in store.all_entries() if e.is_deleted] == ["b2"]
    assert [h["action"] for h in store.history("C001")] == ["insert", "update", "insert"]
    assert [h["action"] for h in store.history("C002")] == ["delete", "insert"]
    assert (_dump(path, "entries"), _dump(path, "history")) == (entries_before, history_before)
    assert schema.file_version(path) == CAREPLAN_SCHEMA.version
    [copy] = _backups(path)
    assert copy.name.startswith("careplans.sqlite.v0-before-v1-")
    assert schema.file_version(copy) == 0
    assert (_dump(copy, "entries"), _dump(copy, "history")) == (entries_before, history_before)
    # history stays append-only after the migration
    with sqlite3.connect(path) as con, pytest.raises(sqlite3.IntegrityError):
        con.execute("DELETE FROM history")
    # and the migrated store takes new edits
    CarePlanStore(path, guard=_Anyone()).add("C003", "marketing", {"action": "Uusi"}, user="A")
    assert len(_dump(path, "history")) == len(history_before) + 1
    assert len(_backups(path)) == 1, "a current file is not copied again"


class _Anyone:
    """A write guard that lets everyone write (access control is tested in tests/access)."""

    def authorize(self, user, customer_id, what):
        return user

    def written(self, user, customer_id, what):
        pass


def test_audit_log_of_the_previous_layout_keeps_every_row(tmp_path):
    path = _old_sqlite(tmp_path / "audit.sqlite", AUDIT_V0)
    before = _dump(path, "audit")
    rows = audit_log.rows(path)
    assert [(r["username"], r["action"], r["outcome"]) for r in reversed(rows)] == [
        ("anna", "login", "ok"), ("anna", "careplan_edit", "ok"),
        ("view", "careplan_edit", "denied")]
    assert _dump(path, "audit") == before
    assert schema.file_version(path) == audit_log.SCHEMA.version
    [copy] = _backups(path)
    assert _dump(copy, "audit") == before
    audit_log.append(path, username="dir", role="director", source="local", action="login",
                     target="dir", detail=None, outcome="ok")
    assert len(audit_log.rows(path)) == 4


def test_accounts_file_of_the_previous_layout_keeps_every_user(tmp_path):
    path = tmp_path / "accounts.toml"
    path.write_text(ACCOUNTS_V0, encoding="utf-8")
    path.chmod(0o600)
    users = accounts.read(path)
    assert users["anna"]["password_hash"] == "scrypt$16384$8$1$c2FsdA==$aGFzaA=="
    assert users["view"] == {"role": "viewer", "display_name": "Ville Viewer"}
    assert path.read_text(encoding="utf-8") == ACCOUNTS_V0, "reading never rewrites the file"
    accounts.write(path, [*users.items(), ("dir", {"role": "director"})])
    assert accounts.file_version(path) == accounts.VERSION
    assert set(accounts.read(path)) == {"anna", "view", "dir"}
    assert accounts.read(path)["anna"] == users["anna"]
    [copy] = _backups(path)
    assert copy.read_text(encoding="utf-8") == ACCOUNTS_V0
    assert copy.stat().st_mode & 0o077 == 0, "the copy holds hashes: owner only"


def test_a_read_creates_a_new_store_at_the_current_version(tmp_path):
    path = tmp_path / "new" / "careplans.sqlite"
    assert CarePlanStore(path).entries("C001") == []
    assert schema.file_version(path) == CAREPLAN_SCHEMA.version
    assert _backups(path) == [], "nothing to copy in a new file"


def test_a_store_removed_while_the_process_runs_is_created_again(tmp_path):
    """A server that opened the store before its file was removed (a reset data folder)
    reads an empty store, not `no such table: entries`."""
    path = tmp_path / "careplans.sqlite"
    store = CarePlanStore(path)
    assert store.entries("C001") == []
    for leftover in tmp_path.glob("careplans.sqlite*"):
        leftover.unlink()
    assert store.entries("C001") == [] and store.history("C001") == []
    assert store.single("C001") is None


def test_a_store_newer_than_the_code_is_refused_and_left_unchanged(tmp_path):
    path = _old_sqlite(tmp_path / "careplans.sqlite", CAREPLANS_V0 + CAREPLAN_ROWS_V0
                       + "PRAGMA user_version = 7;")
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreTooNew) as caught:
        CarePlanStore(path).entries("C001")
    message = str(caught.value)
    assert str(path) in message and "schema version 7" in message
    assert f"up to {CAREPLAN_SCHEMA.version}" in message and "newer release" in message
    assert path.read_bytes() == before and not _backups(path)
    assert not path.with_name("careplans.sqlite-wal").exists()


def test_an_accounts_file_newer_than_the_code_is_refused(tmp_path):
    path = tmp_path / "accounts.toml"
    text = "schema_version = 9\n" + ACCOUNTS_V0
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreTooNew, match="accounts file has schema version 9"):
        accounts.read(path)
    with pytest.raises(StoreTooNew, match=str(path)):
        accounts.write(path, [("x", {"role": "viewer"})])
    assert path.read_text(encoding="utf-8") == text


TWO = Schema("test store", (
    "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT);",
    "ALTER TABLE t ADD COLUMN upper_name TEXT;\nUPDATE t SET upper_name = upper(name);",
))


def test_migrations_run_in_order_after_a_backup(tmp_path):
    path = tmp_path / "t.sqlite"
    sqlite_wal.connect(path, Schema("test store", TWO.migrations[:1])).executescript(
        "INSERT INTO t (name) VALUES ('a'), ('b');")
    con = sqlite_wal.connect(path, TWO)
    assert con.execute("SELECT name, upper_name FROM t").fetchall() == [("a", "A"), ("b", "B")]
    con.close()
    [copy] = _backups(path)
    assert copy.name.startswith("t.sqlite.v1-before-v2-") and _dump(copy, "t") == [
        (1, "a"), (2, "b")]


def test_a_failing_migration_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "t.sqlite"
    sqlite_wal.connect(path, Schema("test store", TWO.migrations[:1])).executescript(
        "INSERT INTO t (name) VALUES ('a');")
    broken = Schema("test store", (*TWO.migrations, "ALTER TABLE nowhere ADD COLUMN x;"))
    with pytest.raises(sqlite3.OperationalError, match="nowhere"):
        sqlite_wal.connect(path, broken)
    assert schema.file_version(path) == 1 and _dump(path, "t") == [(1, "a")]


def test_an_old_file_opened_by_many_at_once_is_migrated_once(tmp_path):
    path = _old_sqlite(tmp_path / "careplans.sqlite", CAREPLANS_V0 + CAREPLAN_ROWS_V0)
    barrier, errors = threading.Barrier(6), []

    def read() -> None:
        barrier.wait()
        try:
            assert len(CarePlanStore(path).all_entries()) == 3
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(_backups(path)) == 1
