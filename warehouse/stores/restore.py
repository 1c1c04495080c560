"""`asiakastieto restore`: put a backup (warehouse/stores/backup.py) back.

Every file the manifest lists is checked (present, size, SHA-256) before anything is touched: a
damaged or incomplete backup is refused with the name of each bad file. Then each store is
copied beside its place under a hidden name, checked again and renamed into place, so a store
is either the old file or the backup's, never half of one; if a step fails, the files already
switched are put back. Existing data is replaced only with `force`, and then kept aside
(`NAME.replaced-STAMP`, with its -wal/-shm) rather than deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from warehouse.config import Settings
from warehouse.stores.backup import FORMAT, FORMAT_VERSION, MANIFEST, SITE, STORES, sha256

_SQLITE_SIDECARS = ("-wal", "-shm", "-journal")


class RestoreError(RuntimeError):
    """Nothing was restored; the message names the file or folder and what to do."""


class BackupDamaged(RestoreError):
    """Files of the backup are missing or differ from its manifest."""

    def __init__(self, folder: Path, problems: list[str]) -> None:
        listed = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"the backup {folder} is damaged or incomplete; nothing was restored."
                         f" Use another backup.\n{listed}")
        self.problems = problems


def read_manifest(folder: Path) -> dict:
    folder = Path(folder)
    path = folder / MANIFEST
    if not folder.is_dir():
        raise RestoreError(f"{folder} is not a folder: give the folder `asiakastieto backup"
                           " --to` wrote")
    if not path.is_file():
        raise RestoreError(f"{path} is missing: {folder} is not a complete backup (a backup"
                           " writes its manifest last). Use another backup.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BackupDamaged(folder, [f"{MANIFEST}: not valid JSON ({exc})"]) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupDamaged(folder, [f"{MANIFEST}: not an Asiakastieto backup manifest"])
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        raise RestoreError(f"{path}: backup format {manifest['format_version']}, newer than"
                           f" this release reads ({FORMAT_VERSION}); restore it with the"
                           " release that made it")
    return manifest


def _problem(folder: Path, row: dict) -> str | None:
    name = str(row.get("path", ""))
    parts = PurePosixPath(name).parts
    if not name or PurePosixPath(name).is_absolute() or ".." in parts:
        return f"{name or '(no name)'}: not a file inside the backup"
    path = folder / name
    if not path.is_file():
        return f"{name}: missing"
    if path.stat().st_size != row.get("size"):
        return (f"{name}: {path.stat().st_size} bytes, the manifest says {row.get('size')}"
                " (cut short or changed)")
    if sha256(path) != row.get("sha256"):
        return f"{name}: its SHA-256 differs from the manifest's (the file is damaged or changed)"
    return None


def verify(folder: Path) -> dict:
    """The manifest of the backup in `folder`, if every file it lists is there with its size
    and checksum and every store is one this release reads; else `BackupDamaged` naming each
    bad file."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    rows = {row.get("path"): row for row in manifest.get("files", [])}
    problems = [p for row in rows.values() if (p := _problem(folder, row))]
    for store in STORES:
        entry = manifest.get("stores", {}).get(store.name)
        if entry is None or entry.get("absent"):
            continue
        if store.file not in rows:
            problems.append(f"{store.file}: the manifest lists the {store.name} store but not"
                            " its checksum")
        elif (entry.get("schema_version") or 0) > store.version:
            problems.append(f"{store.file}: schema version {entry['schema_version']}, newer"
                            f" than this release knows ({store.version}); restore it with the"
                            " release that made it")
    if problems:
        raise BackupDamaged(folder, problems)
    return manifest


@dataclass
class _Item:
    name: str
    target: Path
    source: list[dict] | None  # manifest rows to put in place; None: absent in the backup
    folder: bool = False

    def present(self) -> list[Path]:
        """The target and, for a SQLite file, its -wal/-shm/-journal: one store."""
        if self.folder:  # an empty folder holds nothing to lose
            target = self.target
            return [target] if target.exists() and (
                not target.is_dir() or any(target.iterdir())) else []
        return [p for p in (self.target, *(self.target.with_name(self.target.name + s)
                                           for s in _SQLITE_SIDECARS)) if p.exists()]


def _plan(s: Settings, manifest: dict) -> list[_Item]:
    rows = {row["path"]: row for row in manifest["files"]}
    items = []
    for store in STORES:
        entry = manifest["stores"].get(store.name)
        if entry is not None:
            items.append(_Item(store.name, store.path(s), None if entry.get("absent")
                               else [rows[store.file]]))
    site = manifest.get("site", {})
    site_rows = [r for r in manifest["files"] if r["path"].startswith(f"{SITE}/")]
    items.append(_Item("site", s.site, None if site.get("absent") else site_rows, folder=True))
    return items


def _mode(item: _Item) -> int:
    """A restored store's mode: that of the file it replaces, else the accounts file's 0600
    and, for the SQLite stores, what a new file gets under the umask (docs/deployment.md)."""
    if item.target.exists():
        return item.target.stat().st_mode & 0o777
    if item.name == "accounts":
        return 0o600
    umask = os.umask(0o077)
    os.umask(umask)
    return 0o666 & ~umask


def _stage(folder: Path, item: _Item, pid: int) -> Path:
    """The backup's copy of `item`, beside its place under a hidden name, checked again."""
    staged = item.target.with_name(f".{item.target.name}.restoring-{pid}")
    item.target.parent.mkdir(parents=True, exist_ok=True)
    for row in item.source:
        copy = staged / PurePosixPath(row["path"]).relative_to(SITE) if item.folder else staged
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / row["path"], copy)
        if sha256(copy) != row["sha256"]:
            raise RestoreError(f"{copy}: the copy of {row['path']} differs from the backup"
                               " (disk error?); nothing was restored")
        if not item.folder:
            os.chmod(copy, _mode(item))
        with open(copy, "rb") as f:
            os.fsync(f.fileno())
    if item.folder and not item.source:
        staged.mkdir()
    return staged


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def restore(s: Settings, folder: Path, *, force: bool = False) -> dict:
    """Put the backup in `folder` back into the installation `s`. Returns what was restored
    (`restored`), the replaced files kept aside (`aside`) and notes on the raw store and the
    archive, which a backup checks but does not copy (`notes`)."""
    folder = Path(folder).expanduser().resolve()
    manifest = verify(folder)
    items = _plan(s, manifest)
    existing = [p for item in items for p in item.present()]
    if existing and not force:
        listed = "\n".join(f"  {p}" for p in existing)
        raise RestoreError("these files already exist and restoring would replace them;"
                           " nothing was restored. Run again with --force to replace them"
                           " (they are kept aside as NAME.replaced-DATE), or restore into an"
                           f" empty data folder.\n{listed}")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    pid, staged, undo, aside = os.getpid(), {}, [], []
    try:
        for item in items:
            if item.source is not None:
                staged[item.name] = _stage(folder, item, pid)
        for item in items:
            for path in item.present():
                kept = path.with_name(path.name.replace(
                    item.target.name, f"{item.target.name}.replaced-{stamp}", 1))
                os.replace(path, kept)
                undo.append((kept, path))
                aside.append(kept)
            if item.name in staged:
                os.replace(staged[item.name], item.target)
                del staged[item.name]
                undo.append((None, item.target))
        for directory in {item.target.parent for item in items}:
            fd = os.open(directory, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    except BaseException:
        for kept, path in reversed(undo):
            if kept is None:
                _remove(path)
            else:
                os.replace(kept, path)
        for path in staged.values():
            _remove(path)
        raise
    restored = [item.name for item in items if item.source is not None]
    return {"restored": restored, "aside": [str(p) for p in aside],
            "created_at": manifest.get("created_at"), "notes": _not_copied(s, manifest)}


def _not_copied(s: Settings, manifest: dict) -> list[str]:
    """Whether the raw store and the archived originals here are the ones of the backup."""
    notes = []
    raw = manifest.get("not_copied", {}).get("raw", {})
    if raw.get("absent"):
        notes.append(f"raw store: there was none when the backup was taken ({raw['source']})")
    elif not s.raw.exists():
        notes.append(f"raw store: {s.raw} is missing; put back your file-system copy of it"
                     f" (SHA-256 {raw.get('sha256')}, {raw.get('size')} bytes) or load the"
                     " extracts again with `asiakastieto refresh`")
    elif sha256(s.raw) == raw.get("sha256"):
        notes.append(f"raw store: {s.raw} is the one of the backup (same SHA-256)")
    else:
        notes.append(f"raw store: {s.raw} differs from the one of the backup (loads since the"
                     " backup change it; a refresh reads the restored care plans anyway)")
    rows = manifest.get("not_copied", {}).get("archive", {}).get("files", [])
    missing = [r["path"] for r in rows if not (s.archive / r["path"]).is_file()
               or sha256(s.archive / r["path"]) != r["sha256"]]
    if missing:
        notes.append(f"archive: {len(missing)} of {len(rows)} originals are missing or differ"
                     f" in {s.archive} (first: {missing[0]}); put back your file-system copy")
    else:
        notes.append(f"archive: all {len(rows)} originals of the backup are in {s.archive}")
    return notes
