"""What `asiakastieto apply-edits` did last, beside the warehouse (`Settings.edits_state`,
JSON): which care-plan change the published warehouse shows, or why a newer one waits.

The dashboard reads it to tell a person who just saved what is happening (and to switch its
readers to an edits publish at once, `dashboard/data/engine.py`); `status` and a monitor read
it too. A version is the published file's identity as in `refresh_state.version_of`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path

from warehouse.stores import state_file


class State(StrEnum):
    PUBLISHED = "published"  # the saves up to `store_change` are published
    BUILDING = "building"  # a targeted build of `sections` is running
    PUBLISHING = "publishing"  # built; `published_version` is being renamed into place
    WAITING_REFRESH = "waiting_refresh"  # a refresh holds the warehouse; applied after it
    WAITING_SITE = "waiting_site"  # the site changed since the published build: refresh first
    FAILED = "failed"  # the targeted build failed (`message`); nothing published
    NO_WAREHOUSE = "no_warehouse"  # nothing published yet


WAITING = {State.WAITING_REFRESH, State.WAITING_SITE, State.NO_WAREHOUSE}


@dataclass(frozen=True)
class EditsState:
    """One step of the applier. `store_change` is the newest care-plan change the step is
    about (published, being built, waiting or failed); `published_version` the warehouse
    version it publishes (PUBLISHING, PUBLISHED); `seconds` the step's time per phase."""

    state: State
    store_change: int
    at: str  # ISO 8601, UTC
    message: str = ""
    sections: tuple[str, ...] = ()
    published_version: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    pid: int = 0

    def to_json(self) -> dict:
        return {**asdict(self), "state": str(self.state), "sections": list(self.sections)}

    @classmethod
    def from_json(cls, data: dict) -> EditsState:
        return cls(state=State(data["state"]), store_change=int(data["store_change"]),
                   at=str(data["at"]), message=str(data.get("message") or ""),
                   sections=tuple(data.get("sections") or ()),
                   published_version=data.get("published_version"),
                   seconds={str(k): float(v) for k, v in (data.get("seconds") or {}).items()},
                   pid=int(data.get("pid") or 0))


def record(path: Path, state: EditsState) -> None:
    """Write the state file whole or not at all (`state_file.write_json`)."""
    state_file.write_json(path, state.to_json())


def read(path: Path) -> EditsState | None:
    """The last step recorded at `path`; None before the first one or when the file is not
    one of these (a monitor reads it; it never stops the dashboard)."""
    try:
        return EditsState.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None
