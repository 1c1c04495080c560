"""The last refresh's outcome beside the warehouse (`Settings.refresh_state`, JSON): what
happened, when, and which version of the warehouse is published since, for a `status`
command, a monitor or a person reading the file.

A version is the published file's identity as the dashboard sees it (modification time in
nanoseconds and inode, `dashboard/data/served.py`): every publish swaps in a new file, so a
new version, and a later manual `build` shows as a version the last refresh did not publish.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from warehouse.config import Settings
from warehouse.stores import state_file

FORMAT = 1


def version_of(warehouse: Path) -> str | None:
    """The version of the warehouse published at `warehouse` now; None when there is none."""
    try:
        info = warehouse.stat()
    except FileNotFoundError:
        return None
    return f"{info.st_mtime_ns}-{info.st_ino}"


@dataclass(frozen=True)
class LastRefresh:
    """One finished refresh. `published` says whether this run published; `warehouse_version`
    is the version published when it ended (its own, or the one it left in place)."""

    outcome: str
    exit_code: int
    message: str
    started_at: datetime
    finished_at: datetime
    published: bool
    warehouse: Path
    warehouse_version: str | None
    landing: Path
    pid: int
    host: str

    def to_json(self) -> dict:
        data = asdict(self)
        data.update(format=FORMAT, started_at=self.started_at.isoformat(timespec="seconds"),
                    finished_at=self.finished_at.isoformat(timespec="seconds"),
                    warehouse=str(self.warehouse), landing=str(self.landing))
        return data

    @classmethod
    def from_json(cls, data: dict) -> LastRefresh:
        return cls(
            outcome=str(data["outcome"]), exit_code=int(data["exit_code"]),
            message=str(data["message"]),
            started_at=datetime.fromisoformat(data["started_at"]),
            finished_at=datetime.fromisoformat(data["finished_at"]),
            published=bool(data["published"]), warehouse=Path(data["warehouse"]),
            warehouse_version=data["warehouse_version"], landing=Path(data["landing"]),
            pid=int(data["pid"]), host=str(data["host"]),
        )


def record(path: Path, last: LastRefresh) -> None:
    """Write the state file whole or not at all (`state_file.write_json`)."""
    state_file.write_json(path, last.to_json())


def read(path: Path) -> LastRefresh | None:
    """The last refresh recorded at `path`; None before the first one. A file that is not a
    state file of this format raises ValueError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        return LastRefresh.from_json(json.loads(text))
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path} is not a refresh state file ({exc})") from None


def last_refresh(settings: Settings) -> LastRefresh | None:
    """The last refresh of the settings' warehouse (see `read`)."""
    return read(settings.refresh_state)
