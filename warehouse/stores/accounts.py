"""The accounts file (`accounts.toml`): one TOML table per user, read and written atomically,
readable by its owner only. Which roles exist and what they may do is `warehouse.access`'s.

    [users.aaalto]
    role = "manager"
    display_name = "Anna Aalto"
    manager_name = "Anna Aalto"
    password_hash = "scrypt$16384$8$1$<salt>$<hash>"
    session_epoch = "<random>"   # new on every change and sign-out: ends its sessions

The file carries its layout's version (`schema_version`, absent in files written before it was
versioned: version 0). Reading brings an older layout forward in memory; writing over an older
file first copies it aside; a file newer than the code is refused, neither read nor replaced.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from warehouse.stores.schema import StoreTooNew, backup_path

FIELDS = ("role", "display_name", "manager_name", "password_hash", "session_epoch")
NAME = "accounts file"
# MIGRATIONS[n] takes the parsed file from version n to n + 1. Version 1 added only the
# version number itself.
MIGRATIONS: tuple[Callable[[dict], dict], ...] = (lambda data: data,)
VERSION = len(MIGRATIONS)


def _load(path: Path) -> dict | None:
    """The parsed file (None if absent), refused if a newer release wrote it."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML ({exc}); fix the file or restore it from a"
                         " backup (asiakastieto restore --from DIR)") from None
    found = version_of(data)
    if found > VERSION:
        raise StoreTooNew(path, NAME, found, VERSION)
    return data


def version_of(data: Mapping) -> int:
    return int(data.get("schema_version", 0))


def file_version(path: Path) -> int | None:
    """The version of the file as written (None if absent); never refuses."""
    try:
        return version_of(tomllib.loads(Path(path).read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None


def read(path: Path) -> dict[str, dict]:
    """Username (as written) → its fields; an absent file has no users."""
    data = _load(path)
    if data is None:
        return {}
    for migration in MIGRATIONS[version_of(data):]:
        data = migration(data)
    return {name: dict(row) for name, row in (data.get("users") or {}).items()}


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the accounts file's folder locked while reading and rewriting the file, so the
    CLI's changes and the dashboard's sign-outs never overwrite each other."""
    folder = Path(path).parent
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a valid TOML basic string


def write(path: Path, users: Iterable[tuple[str, Mapping]]) -> None:
    """Replace the file with `users` ((username, fields) pairs, in the order given)."""
    lines = ["# Asiakastieto accounts: `asiakastieto user add` writes this file.",
             f"schema_version = {VERSION}", ""]
    for username, row in users:
        lines.append(f"[users.{_toml_str(username)}]")
        for key in FIELDS:
            value = row.get(key)
            if value:
                lines.append(f"{key} = {_toml_str(value)}")
        lines.append("")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    old = _load(path)
    if old is not None and version_of(old) < VERSION:
        shutil.copy2(path, backup_path(path, version_of(old), VERSION))  # keeps mode 0600
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write("\n".join(lines))
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
