"""The key that signs the dashboard's session cookies: a file in the data folder, readable by
its owner only, written once (the first time someone signs in) and then only read. Deleting it
signs everyone out; several servers share it through the data folder."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

MIN_LENGTH = 32


def read_or_create(path: Path) -> str:
    """The key in `path`, created (0600) if the file does not exist yet. Two processes
    creating it at once agree on one key: the file appears whole, by a hard link, or not."""
    path = Path(path)
    try:
        return _checked(path, path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_urlsafe(48) + "\n")
        os.chmod(tmp, 0o600)
        with contextlib.suppress(FileExistsError):  # another process was first: use its key
            os.link(tmp, path)
    finally:
        os.unlink(tmp)
    return _checked(path, path.read_text(encoding="ascii").strip())


def _checked(path: Path, key: str) -> str:
    if len(key) < MIN_LENGTH:
        raise ValueError(f"{path}: the session key is shorter than {MIN_LENGTH} characters;"
                         " delete the file (everyone signs in again) to get a new one")
    return key
