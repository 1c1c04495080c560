"""`asiakastieto backup` and `restore`: a backup taken while a manager keeps editing holds every
edit committed before it, whole; after the data folder is lost, restore brings them back with
their history; a damaged or incomplete backup is refused naming the file; existing data is
replaced only with --force and then kept aside."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from warehouse import config
from warehouse.cli import app
from warehouse.stores import accounts, audit_log, backup, restore, schema, status
from warehouse.stores.careplans import CarePlanStore

PROJECT = Path(__file__).resolve().parents[2]
runner = CliRunner()

# A manager's edits from another process, until the stop file appears: each entry is added,
# then updated, so every committed entry has a version and two history rows.
_EDITOR = """
import sys
from pathlib import Path
from warehouse import access
from warehouse.careplans import CarePlanStore
store, stop = CarePlanStore(Path(sys.argv[1])), Path(sys.argv[2])
director = access.User("dir", "director", "Dora Director", None, "local")
number = 0
while not stop.exists():
    entry = store.add("C001", "marketing", {"action": f"edit {number}"}, user=director)
    store.update(entry.entry_id, {"action": f"edit {number}", "target": "johto"},
                 expected_version=1, user=director)
    number += 1
"""


def _wait_until(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.02)


@pytest.fixture
def install(tmp_path, monkeypatch) -> config.Settings:
    """One installation under tmp/data: care plans, audit log, accounts, site folder, a raw
    store and archived originals, found through ASIAKASTIETO_DATA_DIR."""
    data = tmp_path / "data"
    for name in ("ASIAKASTIETO_WAREHOUSE", "ASIAKASTIETO_RAW", "ASIAKASTIETO_ARCHIVE",
                 "ASIAKASTIETO_CAREPLANS", "ASIAKASTIETO_ACCOUNTS", "ASIAKASTIETO_AUDIT",
                 "ASIAKASTIETO_SITE", "ASIAKASTIETO_LANDING"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASIAKASTIETO_DATA_DIR", str(data))
    s = config.settings()
    (s.site / "history").mkdir(parents=True)
    (s.site / "site.toml").write_text('[site]\nname = "Esimerkkikaupunki"\n', encoding="utf-8")
    (s.site / "catalogue.csv").write_text("code;name\n2101010;Työasema\n", encoding="utf-8")
    (s.site / "history" / "changes.jsonl").write_text('{"change": "created"}\n')
    accounts.write(s.accounts_file, [("anna", {"role": "manager", "manager_name": "Anna"})])
    with duckdb.connect(str(s.raw)) as con:
        con.execute("CREATE TABLE load_audit AS SELECT 1 AS load_id")
    (s.archive / "ab").mkdir(parents=True)
    (s.archive / "ab" / "ab12.csv").write_text("a;b\n1;2\n")
    return s


def _dump(path: Path, table: str) -> list[tuple]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        con.close()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_backup_while_editing_then_restore_brings_back_every_committed_edit(install, tmp_path):
    s = install
    stop = tmp_path / "stop"
    editor = subprocess.Popen([sys.executable, "-c", _EDITOR, str(s.careplan_store), str(stop)],
                              cwd=PROJECT, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    store = CarePlanStore(s.careplan_store)
    try:
        _wait_until(lambda: len(store.all_entries()) >= 20 or editor.poll() is not None,
                    "the editor has saved 20 entries")
        assert editor.poll() is None, "the editor stopped"
        before = {e.entry_id: e for e in store.all_entries()}
        history_before = _dump(s.careplan_store, "history")
        audit_before = _dump(s.audit_log, "audit")
        site_before = _files(s.site)
        result = runner.invoke(app, ["backup", "--to", str(tmp_path / "backup")])
        assert result.exit_code == 0, result.output
        at_backup_end = len(store.all_entries())
        _wait_until(lambda: len(store.all_entries()) > at_backup_end + 5,
                    "the editor saved more after the backup")
    finally:
        stop.touch()
        assert editor.wait(timeout=120) == 0
    live_history = _dump(s.careplan_store, "history")
    recorded = backup.last_backup(s)
    assert recorded["folder"] == str(tmp_path / "backup")
    assert recorded["manifest"] == str(tmp_path / "backup" / "manifest.json")

    shutil.rmtree(s.data_dir)
    result = runner.invoke(app, ["restore", "--from", str(tmp_path / "backup")])
    assert result.exit_code == 0, result.output
    assert "Restored careplans, audit, accounts, site" in result.output
    assert "raw store: " in result.output and "is missing" in result.output

    restored = {e.entry_id: e for e in CarePlanStore(s.careplan_store).all_entries()}
    for entry_id, entry in before.items():  # every edit committed before the backup
        assert restored[entry_id].version >= entry.version
    history = _dump(s.careplan_store, "history")
    assert history[:len(history_before)] == history_before
    assert history == live_history[:len(history)], "one consistent state of the store"
    for entry in restored.values():  # each entry whole: its version and its history agree
        assert entry.version == sum(1 for h in history if h[1] == entry.entry_id)
    assert 0 < len(restored) < len(live_history) // 2, "the edits after the backup are not in it"
    audit = _dump(s.audit_log, "audit")
    assert audit[:len(audit_before)] == audit_before
    assert accounts.read(s.accounts_file) == {"anna": {"role": "manager", "manager_name": "Anna"}}
    assert _files(s.site) == site_before
    assert oct(s.accounts_file.stat().st_mode & 0o777) == "0o600"


@pytest.fixture
def taken(install, tmp_path) -> Path:
    store = CarePlanStore(install.careplan_store, guard=_Anyone())
    store.add("C001", "agreements", {"agreement": "SLA"}, user="Anna")
    audit_log.append(install.audit_log, username="anna", role="manager", source="local",
                     action="login", target="anna", detail=None, outcome="ok")
    folder = tmp_path / "backup"
    backup.take(install, folder)
    return folder


class _Anyone:
    def authorize(self, user, customer_id, what):
        return user

    def written(self, user, customer_id, what):
        pass


def _damaged(taken: Path, tmp_path: Path, name: str) -> Path:
    copy = tmp_path / f"damaged-{name.replace('/', '_')}"
    shutil.copytree(taken, copy)
    return copy


@pytest.mark.parametrize("damage", ["byte", "missing", "short"])
@pytest.mark.parametrize("name", ["careplans.sqlite", "audit.sqlite", "accounts.toml",
                                  "site/catalogue.csv", "site/history/changes.jsonl"])
def test_a_damaged_backup_is_refused_naming_the_file(install, taken, tmp_path, name, damage):
    folder = _damaged(taken, tmp_path, name)
    path = folder / name
    if damage == "missing":
        path.unlink()
    elif damage == "short":
        path.write_bytes(path.read_bytes()[:-1])
    else:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
    shutil.rmtree(install.data_dir)
    result = runner.invoke(app, ["restore", "--from", str(folder)])
    output = " ".join(result.output.split())
    assert result.exit_code == 1
    assert f"{name}: " + {"missing": "missing", "short": "", "byte": "its SHA-256 differs"}[
        damage] in output
    assert "nothing was restored" in output
    assert not install.data_dir.exists(), "nothing written"


def test_a_backup_without_its_manifest_is_refused(install, taken, tmp_path):
    (taken / "manifest.json").unlink()
    shutil.rmtree(install.data_dir)
    result = runner.invoke(app, ["restore", "--from", str(taken)])
    assert result.exit_code == 1
    assert "manifest.json is missing" in " ".join(result.output.split())
    assert not install.data_dir.exists()


def test_existing_data_is_replaced_only_with_force_and_kept_aside(install, taken):
    s = install
    CarePlanStore(s.careplan_store, guard=_Anyone()).add("C002", "marketing",
                                                         {"action": "later"}, user="Anna")
    later = _dump(s.careplan_store, "entries")
    result = runner.invoke(app, ["restore", "--from", str(taken)])
    output = " ".join(result.output.split())
    assert result.exit_code == 1 and "--force" in output and str(s.careplan_store) in output
    assert _dump(s.careplan_store, "entries") == later, "nothing replaced"

    result = runner.invoke(app, ["restore", "--from", str(taken), "--force"])
    assert result.exit_code == 0, result.output
    entries = CarePlanStore(s.careplan_store).all_entries()
    assert [e.customer_id for e in entries] == ["C001"]
    [aside] = s.careplan_store.parent.glob("careplans.sqlite.replaced-*[0-9]Z")
    assert _dump(aside, "entries") == later, "the replaced store is kept, whole"
    assert list(s.data_dir.glob("site.replaced-*")) and list(
        s.data_dir.glob("accounts.toml.replaced-*"))
    assert not list(s.data_dir.glob(".*restoring*")), "no staging left behind"


def test_a_backup_goes_into_a_new_or_empty_folder(install, taken):
    result = runner.invoke(app, ["backup", "--to", str(taken)])
    assert result.exit_code == 1
    assert "not an empty folder" in " ".join(result.output.split())


def test_manifest_lists_checksums_of_the_copies_the_raw_store_and_the_archive(install, taken):
    manifest = json.loads((taken / "manifest.json").read_text(encoding="utf-8"))
    paths = {row["path"] for row in manifest["files"]}
    assert paths == {"careplans.sqlite", "audit.sqlite", "accounts.toml", "site/site.toml",
                     "site/catalogue.csv", "site/history/changes.jsonl"}
    for row in manifest["files"]:
        assert row["sha256"] == backup.sha256(taken / row["path"])
    raw = manifest["not_copied"]["raw"]
    assert raw["sha256"] == backup.sha256(install.raw) and raw["size"] > 0
    assert manifest["not_copied"]["archive"]["files"] == [
        backup.describe(install.archive / "ab" / "ab12.csv", "ab/ab12.csv")]
    assert manifest["stores"]["careplans"]["schema_version"] == 1
    assert not (taken / "careplans.sqlite-wal").exists(), "a copy is one file"


def test_status_reads_paths_sizes_versions_and_the_last_backup(install, taken, tmp_path):
    s = install
    found = {st.name: st for st in status.store_status(s)}
    assert found["careplans"].path == s.careplan_store and found["careplans"].size > 0
    assert found["careplans"].schema_version == found["careplans"].supported_version == 1
    assert found["accounts"].schema_version == accounts.VERSION
    assert status.last_backup(s)["folder"] == str(taken)
    assert status.report(s).last_backup == status.last_backup(s)
    assert [st.name for st in status.report(s).stores] == ["careplans", "audit", "accounts"]
    shutil.rmtree(s.data_dir)
    gone = {st.name: st for st in status.store_status(s)}
    assert not gone["careplans"].exists and gone["careplans"].schema_version is None
    assert not s.careplan_store.exists(), "status never creates a store"
    assert status.last_backup(s) is None
    assert schema.file_version(s.careplan_store) is None


def test_a_backup_of_a_newer_release_is_refused(install, taken):
    manifest = json.loads((taken / "manifest.json").read_text(encoding="utf-8"))
    manifest["stores"]["careplans"]["schema_version"] = 99
    (taken / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    shutil.rmtree(install.data_dir)
    result = runner.invoke(app, ["restore", "--from", str(taken)])
    output = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "careplans.sqlite: schema version 99, newer than this release knows" in output
    assert not install.data_dir.exists()


def test_a_restore_that_fails_midway_puts_back_what_it_switched(install, taken):
    """The site folder's place became a dangling link after the settings were read: renaming
    the backup's site folder there fails after the three stores were switched, and they are
    taken back out."""
    s = install
    shutil.rmtree(s.data_dir)
    s.data_dir.mkdir()
    s.site.symlink_to(s.data_dir / "nowhere")
    with pytest.raises(NotADirectoryError):
        restore.restore(s, taken)
    assert sorted(p.name for p in s.data_dir.iterdir()) == ["site"], "no store half restored"
    assert s.site.is_symlink()


def test_restore_waits_for_no_refresh(install, tmp_path):
    """A restore while a refresh holds the warehouse's lock is refused at once, naming it;
    nothing is touched."""
    from warehouse.stores import run_lock

    result = runner.invoke(app, ["backup", "--to", str(tmp_path / "backup")])
    assert result.exit_code == 0, result.output
    with run_lock.hold(install.refresh_lock, "asiakastieto refresh --landing /srv/landing"):
        result = runner.invoke(app, ["restore", "--from", str(tmp_path / "backup"), "--force"])
    assert result.exit_code == 6, result.output
    assert "asiakastieto refresh --landing /srv/landing" in result.output
    assert not list(install.careplan_store.parent.glob("*.replaced-*"))
