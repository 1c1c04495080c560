"""`asiakastieto refresh`, run by people and by a timer alike: one run at a time (the lock
beside the warehouse), a timestamped line per stage, an exit code per outcome, the outcome
recorded in the state file and handed to an optional notification command."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

import typer
from rich.markup import escape

from warehouse import config, stages
from warehouse.cli.common import (
    EXIT_CODES,
    AsOfOpt,
    FullRefreshOpt,
    LandingOpt,
    SiteOpt,
    WarehouseOpt,
    batch_priority,
    console,
)
from warehouse.cli.progress import StageClock, live, log
from warehouse.stages import Outcome
from warehouse.stores import refresh_state, run_lock

NOTIFY_TIMEOUT_SECONDS = 120
NOTIFY_OUTPUT_LINES = 20

NotifyOpt = Annotated[
    str | None,
    typer.Option(
        "--notify", metavar="CMD",
        help=f"Shell command run after the refresh, whatever its outcome, with "
        f"ASIAKASTIETO_OUTCOME, ASIAKASTIETO_EXIT_CODE and ASIAKASTIETO_MESSAGE set (env "
        f"{config.ENV_REFRESH_NOTIFY}). Its failure is logged and never changes the exit "
        f"code. --notify '' runs none.",
    ),
]


def _now() -> datetime:
    return datetime.now().astimezone()


@dataclass
class Ended:
    kind: Outcome
    message: str
    published: bool = False

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.kind]


def _run(s: config.Settings, as_of: str | None, full_refresh: bool) -> Ended:
    """The refresh itself, under the lock. A run that is killed leaves its lock file and its
    unfinished new file: the next run takes the one over and removes the other."""
    clock = StageClock()
    try:
        with live() as progress:
            outcome = stages.refresh(s, progress, as_of=as_of, full_refresh=full_refresh,
                                     log=clock)
    except stages.StageError as exc:
        return Ended(Outcome.ERROR, str(exc))
    finally:
        log("time", clock.summary())
    console.print(outcome.ingest.table())
    console.print(outcome.checks.to_table())
    return Ended(outcome.kind, outcome.message, outcome.published)


def notify(command: str, s: config.Settings, ended: Ended) -> None:
    """Run the notification command with the outcome in its environment; log, never raise."""
    env = {**os.environ, "ASIAKASTIETO_OUTCOME": ended.kind.value,
           "ASIAKASTIETO_EXIT_CODE": str(ended.exit_code), "ASIAKASTIETO_MESSAGE": ended.message,
           config.ENV_WAREHOUSE: str(s.warehouse),
           "ASIAKASTIETO_REFRESH_STATE": str(s.refresh_state)}
    try:
        # Its own session: a command that hangs is stopped with everything it started.
        hook = subprocess.Popen(command, shell=True, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
    except OSError as exc:
        log("notify", f"could not run {command!r}: {exc}; the refresh's outcome stands")
        return
    try:
        output, _ = hook.communicate(timeout=NOTIFY_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(hook.pid, signal.SIGKILL)
        hook.communicate()
        log("notify", f"{command!r} did not finish in {NOTIFY_TIMEOUT_SECONDS} s and was "
                      "stopped; the refresh's outcome stands")
        return
    if hook.returncode == 0:
        log("notify", f"{command!r} was told: {ended.kind.value}")
        return
    tail = output.decode("utf-8", "replace").strip().splitlines()[-NOTIFY_OUTPUT_LINES:]
    log("notify", f"{command!r} failed with exit code {hook.returncode}; the refresh's "
                  "outcome stands" + "".join(f"\n  | {line}" for line in tail))


def refresh(landing: LandingOpt = None, warehouse: WarehouseOpt = None, as_of: AsOfOpt = None,
            full_refresh: FullRefreshOpt = False, site: SiteOpt = None,
            notify_command: NotifyOpt = None) -> None:
    """Ingest, build and check in one go; publish only when nothing critical failed.

    One at a time: a second run exits at once, naming the one running (pid, start time).
    Each stage logs a line with the time; the outcome is kept in WAREHOUSE_last_refresh.json.

    \b
    Exit codes:
      0  published: new extracts landed, checked and published
      1  error: a stage failed (message above); nothing published
      3  nothing new: no new extract; rebuilt from what was landed and published
      4  rejected files: a file was rejected (named above); nothing published
      5  critical check failed: nothing published; the previous warehouse stays
      6  already running: another refresh, ingest, build, check or setup runs
    """
    s = config.settings(warehouse, landing, site)
    batch_priority(s)
    command = s.refresh_notify if notify_command is None else (notify_command.strip() or None)
    started = _now()
    try:
        with run_lock.hold(s.refresh_lock, "asiakastieto refresh") as lock:
            if lock.stale is not None:
                log("lock", f"took over the lock of {lock.stale.describe()}, which is no "
                            "longer running")
            try:
                ended = _run(s, as_of, full_refresh)
            except Exception as exc:  # recorded and notified, then shown with its traceback
                ended = Ended(Outcome.ERROR, f"{type(exc).__name__}: {exc}")
                _record(s, ended, started)
                if command:
                    notify(command, s, ended)
                raise
            _record(s, ended, started)  # under the lock: the next run sees it complete
    except run_lock.AlreadyRunning as exc:  # the running one's state is left alone
        ended = Ended(Outcome.ALREADY_RUNNING, f"{exc}. Try again when it has finished.")
    if ended.kind is Outcome.PUBLISHED:
        console.print(f"Warehouse published: {s.warehouse}")
    elif ended.kind is Outcome.NOTHING_NEW:
        console.print(f"[bold yellow]Nothing new:[/] {escape(ended.message)}")
    else:
        console.print(f"[bold red]Error:[/] {escape(ended.message)}")
    if command:
        notify(command, s, ended)
    raise typer.Exit(ended.exit_code)


def _record(s: config.Settings, ended: Ended, started: datetime) -> None:
    refresh_state.record(s.refresh_state, refresh_state.LastRefresh(
        outcome=ended.kind.value, exit_code=ended.exit_code, message=ended.message,
        started_at=started, finished_at=_now(), published=ended.published,
        warehouse=s.warehouse, warehouse_version=refresh_state.version_of(s.warehouse),
        landing=s.landing, pid=os.getpid(), host=socket.gethostname()))
