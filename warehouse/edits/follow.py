"""`follow`: the applier in a long-lived process (the dashboard server starts it beside
itself), applying each care-plan save within seconds."""

from __future__ import annotations

import os
import threading

from warehouse.config import Settings
from warehouse.edits.applier import Applier, Log, quiet
from warehouse.stores import run_lock
from warehouse.stores.edits_state import State
from warehouse.stores.refresh_state import version_of

POLL_SECONDS = 0.2  # how often the follower looks at the store's last change number


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def follow(settings: Settings, *, parent: int | None = None, log: Log = quiet,
           stop: threading.Event | None = None, poll: float = POLL_SECONDS) -> None:
    """Apply saves as they come until `stop` is set or the `parent` process is gone.

    Every `poll` seconds it looks at the store's last change number and the published file's
    identity (both cheap) and runs the applier when either moved. A failed build is tried
    again after the next save or publish; saves waiting for a refresh once the refresh ends.
    """
    applier = Applier(settings, log)
    applier.prepare()
    stop = stop or threading.Event()
    handled: tuple[int, str | None] | None = None
    waiting = False
    log("edits", f"following {settings.careplan_store} for {settings.warehouse}")
    try:
        while not stop.is_set():
            if parent is not None and not _alive(parent):
                log("edits", f"the dashboard (pid {parent}) has stopped; so does the follower")
                return
            seen = (applier.store.last_change(), version_of(settings.warehouse))
            if seen != handled and not (waiting and run_lock.running(settings.refresh_lock)):
                step = applier.apply()
                waiting = step is not None and step.state == State.WAITING_REFRESH
                if step is not None and step.state == State.PUBLISHED:
                    handled = (step.store_change, version_of(settings.warehouse))
                elif not waiting:
                    handled = seen
            if not waiting:
                applier.spare.prepare()
            stop.wait(poll)
    finally:
        applier.spare.drop()
