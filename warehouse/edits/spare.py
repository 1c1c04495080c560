"""A copy of the published warehouse made ahead of the next care-plan save (in a follower's
idle time), so that the save's build starts at once instead of copying the whole file first
(about 0.1–1 s at scale 10, more on a busy disk). It takes a second file of the warehouse's
size on disk; a newer publish makes it stale, and it is copied again."""

from __future__ import annotations

import shutil
from pathlib import Path

from warehouse import publish
from warehouse.stores.refresh_state import version_of


class Spare:
    """The spare copy of the warehouse at `warehouse`, and the version it copies."""

    def __init__(self, warehouse: Path) -> None:
        self.warehouse = warehouse
        self._copy: tuple[Path, str] | None = None

    def prepare(self) -> None:
        """Copy the published warehouse unless the spare already copies it."""
        current = version_of(self.warehouse)
        if current is None or (self._copy is not None and self._copy[1] == current):
            return
        self.drop()
        path = publish.staging_path(self.warehouse)
        try:
            shutil.copy2(self.warehouse, path)
        except FileNotFoundError:
            publish.discard(path)
            return
        if version_of(self.warehouse) == current:
            self._copy = (path, current)
        else:  # published again during the copy: a copy of neither
            publish.discard(path)

    def drop(self) -> None:
        if self._copy is not None:
            publish.discard(self._copy[0])
            self._copy = None

    def take(self, version: str) -> Path:
        """A new file to build into, a copy of the published `version`: the spare when it
        copies that version, else copied now. The caller publishes or discards it."""
        if self._copy is not None and self._copy[1] == version:
            path, self._copy = self._copy[0], None
            return path
        self.drop()
        path = publish.staging_path(self.warehouse)
        try:
            shutil.copy2(self.warehouse, path)
        except BaseException:
            publish.discard(path)
            raise
        return path
