"""`asiakastieto backup`: a consistent copy of everything that cannot be rebuilt, taken while
the dashboard serves and people edit.

- the care plans and the audit log through SQLite's online backup API (each copy is one read
  transaction: exactly the edits committed when it began, writers go on meanwhile);
- the accounts file (replaced atomically by its writer, so one read is one version);
- the site folder, copied again if a file changed while it was copied;
- `manifest.json`: size and SHA-256 of every copied file, and of the raw store and every
  archived original, which are too big to copy here and are restored from the file-system
  backup or rebuilt (the raw store from the archive); a restore checks them against these.

The backup is written to a hidden folder beside the target and renamed when complete, so a
folder with a manifest is a whole backup. Each backup is recorded in `Settings.backup_log`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warehouse.config import Settings
from warehouse.stores import accounts, audit_log, careplans
from warehouse.stores.schema import file_version, online_copy

FORMAT = "asiakastieto-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SITE = "site"
_CHUNK = 1 << 20
_TRIES = 3


@dataclass(frozen=True)
class Store:
    """A store a backup copies: its name, file name inside a backup, kind and current schema
    version (`sqlite`: online backup; `file`: replaced atomically by its writer)."""

    name: str
    file: str
    kind: str
    version: int

    def path(self, s: Settings) -> Path:
        return {"careplans": s.careplan_store, "audit": s.audit_log,
                "accounts": s.accounts_file}[self.name]


STORES = (
    Store("careplans", "careplans.sqlite", "sqlite", careplans.SCHEMA.version),
    Store("audit", "audit.sqlite", "sqlite", audit_log.SCHEMA.version),
    Store("accounts", "accounts.toml", "file", accounts.VERSION),
)


class BackupError(RuntimeError):
    """A backup cannot be taken; the message names the file or folder and what to do."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def describe(path: Path, name: str) -> dict:
    """A manifest row: `name` (relative, POSIX), size and SHA-256 of the file at `path`."""
    return {"path": name, "size": path.stat().st_size, "sha256": sha256(path)}


def now_stamp() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _files(folder: Path) -> Iterator[Path]:
    """Every regular file under `folder` (hidden ones too: the site's change history), sorted."""
    yield from sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _signature(paths: list[Path]) -> list[tuple]:
    found = []
    for path in paths:
        try:
            st = path.stat()
            found.append((str(path), st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            found.append((str(path), None, None))
    return found


def _copy_site(source: Path, target: Path) -> list[dict]:
    """Copy the site folder; again when a file changed, appeared or went while it was copied
    (a `setup --accept` or an editor saving), so the copy is one state of the folder."""
    for _ in range(_TRIES):
        shutil.rmtree(target, ignore_errors=True)
        before = _signature(list(_files(source)))
        rows = []
        for path in _files(source):
            relative = path.relative_to(source)
            copy = target / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copy2(path, copy)
            except FileNotFoundError:
                continue  # removed meanwhile: the signature differs and the copy is redone
            rows.append(describe(copy, (Path(SITE) / relative).as_posix()))
        if _signature(list(_files(source))) == before:
            return rows
    raise BackupError(f"the site folder {source} kept changing while it was copied; run the"
                      " backup again when nobody is saving its files")


def _checksum_live(path: Path, name: str) -> dict:
    """Size and SHA-256 of a file another process may be writing (the raw store during a
    refresh): hashed until it did not change meanwhile, else marked as changing."""
    for _ in range(_TRIES):
        before = _signature([path])
        row = describe(path, name)
        if _signature([path]) == before:
            return row
    return {**row, "changing": True}


def _not_copied(s: Settings) -> dict:
    raw = ({**_checksum_live(s.raw, s.raw.name), "source": str(s.raw)} if s.raw.exists()
           else {"source": str(s.raw), "absent": True})
    archive = {"source": str(s.archive), "files": [] if not s.archive.is_dir() else [
        describe(p, p.relative_to(s.archive).as_posix()) for p in _files(s.archive)
        if not p.name.endswith(".part")]}
    return {"raw": raw, "archive": archive}


def _copy_store(store: Store, source: Path, target: Path) -> dict:
    if store.kind == "sqlite":
        online_copy(source, target)
    else:
        target.write_bytes(source.read_bytes())
    os.chmod(target, 0o600)
    return {"name": store.name, "source": str(source), "schema_version":
            file_version(target) if store.kind == "sqlite" else accounts.file_version(target),
            **describe(target, store.file)}


def _fsync(folder: Path) -> None:
    for path in [*_files(folder), *[p for p in folder.rglob("*") if p.is_dir()], folder]:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def take(s: Settings, to: Path) -> dict:
    """Write a backup of the installation `s` into `to` (a new or empty folder); returns the
    manifest and records the backup in `Settings.backup_log`."""
    to = Path(to).expanduser().resolve()
    if to.exists() and (not to.is_dir() or any(to.iterdir())):
        raise BackupError(f"{to} exists and is not an empty folder: a backup goes into a new"
                          " (or empty) folder, e.g. one named by the date")
    to.parent.mkdir(parents=True, exist_ok=True)
    staging = to.with_name(f".{to.name}.partial-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700)  # care plans, the audit log and password hashes
    try:
        stores, files = {}, []
        for store in STORES:
            source = store.path(s)
            if not source.exists():
                stores[store.name] = {"name": store.name, "source": str(source), "absent": True}
                continue
            try:
                row = _copy_store(store, source, staging / store.file)
            except Exception as exc:
                raise BackupError(f"{source}: cannot copy the {store.name} store ({exc}); the"
                                  " backup was not written") from exc
            stores[store.name] = row
            files.append({k: row[k] for k in ("path", "size", "sha256")})
        site = {"source": str(s.site), "absent": not s.site.is_dir()}
        if s.site.is_dir():
            site_rows = _copy_site(s.site, staging / SITE)
            site["files"] = len(site_rows)
            files += site_rows
        manifest = {"format": FORMAT, "format_version": FORMAT_VERSION,
                    "created_at": now_stamp(), "stores": stores, "site": site, "files": files,
                    "not_copied": _not_copied(s)}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False)
                                        + "\n", encoding="utf-8")
        _fsync(staging)
        os.replace(staging, to)  # over an empty folder too
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _record(s, to, manifest)
    return manifest


def _record(s: Settings, to: Path, manifest: dict) -> None:
    entry = {"at": manifest["created_at"], "folder": str(to), "manifest": str(to / MANIFEST),
             "manifest_sha256": sha256(to / MANIFEST), "files": len(manifest["files"]),
             "bytes": sum(f["size"] for f in manifest["files"])}
    s.backup_log.parent.mkdir(parents=True, exist_ok=True)
    with open(s.backup_log, "a", encoding="utf-8") as log:
        log.write(json.dumps(entry, ensure_ascii=False) + "\n")
        log.flush()
        os.fsync(log.fileno())


def last_backup(s: Settings) -> dict | None:
    """The newest backup recorded in `Settings.backup_log` (at, folder, manifest,
    manifest_sha256, files, bytes), or None if none was taken."""
    try:
        lines = s.backup_log.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return None
    for line in reversed(lines):
        try:
            return json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut short by a crash: the one before it still holds
    return None
