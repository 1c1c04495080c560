"""The follower of care-plan saves beside the dashboard server: `asiakastieto apply-edits
--follow` as a child process, started and stopped with the server (`dashboard/server.py`'s
lifespan). It also stops by itself when the server's process is gone (`--parent`), so a
killed server leaves nothing behind. `ASIAKASTIETO_FOLLOW_EDITS=off` leaves it to a service
of its own (deploy/systemd/)."""

from __future__ import annotations

import os
import subprocess
import sys

from warehouse.config import PROJECT_ROOT, Settings

STOP_SECONDS = 10.0


def start(s: Settings) -> subprocess.Popen | None:
    """The follower of the server's warehouse, or None when the settings say off."""
    if not s.follow_edits:
        return None
    command = [sys.executable, "-m", "warehouse", "apply-edits", "--follow",
               "--parent", str(os.getpid()), "--warehouse", str(s.warehouse)]
    return subprocess.Popen(command, cwd=PROJECT_ROOT)


def stop(process: subprocess.Popen | None) -> None:
    """Stop the follower (SIGTERM: it finishes the step it is in, or is killed)."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_SECONDS)
