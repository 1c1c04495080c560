"""The accounts file (`accounts.toml`): one TOML table per user, read and written atomically,
readable by its owner only. Which roles exist and what they may do is `warehouse.access`'s.

    [users.aaalto]
    role = "manager"
    display_name = "Anna Aalto"
    manager_name = "Anna Aalto"
    password_hash = "scrypt$16384$8$1$<salt>$<hash>"
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

FIELDS = ("role", "display_name", "manager_name", "password_hash")


def read(path: Path) -> dict[str, dict]:
    """Username (as written) → its fields; an absent file has no users."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {name: dict(row) for name, row in (data.get("users") or {}).items()}


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a valid TOML basic string


def write(path: Path, users: Iterable[tuple[str, Mapping]]) -> None:
    """Replace the file with `users` ((username, fields) pairs, in the order given)."""
    lines = ["# Asiakastieto accounts: `asiakastieto user add` writes this file.", ""]
    for username, row in users:
        lines.append(f"[users.{_toml_str(username)}]")
        for key in FIELDS:
            value = row.get(key)
            if value:
                lines.append(f"{key} = {_toml_str(value)}")
        lines.append("")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
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
