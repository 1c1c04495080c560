"""What long commands tell the person (or the log) while they work: a live bar in a terminal,
plain timestamped lines otherwise (a cron mail, journald), and each stage's elapsed time at
the end. The libraries' own log (dbt, Great Expectations, Streamlit) stays out unless asked for
with `--verbose`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.progress import Progress

from warehouse.cli.common import console, progress_bar

# Libraries that log at INFO what a user need not see ("Created temporary directory …").
LIBRARIES = ("great_expectations", "streamlit", "dbt", "urllib3", "httpx", "authlib",
             "kaleido", "choreographer", "fontTools")
# A plain log gets one line per file landed, but at most one per this many seconds for dbt.
BUILD_LINE_SECONDS = 10.0
# The progress tasks of the stages (warehouse/stages.py) and the stage each belongs to.
TASK_STAGES = {"Ingest": "landing", "dbt build": "build"}


class _QuietLibraries(logging.Filter):
    """Drops the libraries' records below WARNING, whatever level a library sets on its own
    loggers (Great Expectations sets some to INFO)."""

    def filter(self, record: logging.LogRecord) -> bool:
        top = record.name.split(".", 1)[0]
        return record.levelno >= logging.WARNING or top not in LIBRARIES


def libraries_log(verbose: bool) -> None:
    """Warnings only from the libraries, unless `verbose`; set before any library logs, so a
    library's own `basicConfig` later finds the root handler and changes nothing."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    for handler in root.handlers:
        for old in [f for f in handler.filters if isinstance(f, _QuietLibraries)]:
            handler.removeFilter(old)
        if not verbose:
            handler.addFilter(_QuietLibraries())


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def log(stage: str, message: str) -> None:
    """One line of a run's log: local time with its UTC offset, the stage, what happened."""
    console.print(f"{_now()} {stage}: {message}", markup=False, highlight=False,
                  soft_wrap=True)


@dataclass
class _Task:
    stage: str
    total: float | None
    logged_at: float
    completed: float = 0
    description: str = ""


class PlainProgress:
    """The part of rich's Progress the stages use (`add_task`, `update`), written as log
    lines: one per file landed, and a line every BUILD_LINE_SECONDS while dbt builds."""

    def __init__(self, say: Callable[[str, str], None] = log) -> None:
        self.say = say
        self.tasks: list[_Task] = []

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def add_task(self, description: str, total: float | None = None, **_) -> int:
        self.tasks.append(_Task(TASK_STAGES.get(description, description), total,
                                time.monotonic()))
        return len(self.tasks) - 1

    def update(self, task_id: int, *, completed: float | None = None,
               total: float | None = None, advance: float | None = None,
               description: str | None = None, **_) -> None:
        task = self.tasks[task_id]
        task.total = total if total is not None else task.total
        task.completed = completed if completed is not None else \
            task.completed + (advance or 0)
        if description is None or description == task.description:
            return
        task.description = description
        of = f"/{task.total:.0f}" if task.total else ""
        what = description.split(" ", 1)[1] if " " in description else description
        if task.stage == "landing":
            self.say("landing", f"{task.completed:.0f}{of} {what} done")
        elif time.monotonic() - task.logged_at >= BUILD_LINE_SECONDS:
            self.say(task.stage, f"{task.completed:.0f}{of} node(s) done, now {what}")
        else:
            return
        task.logged_at = time.monotonic()


def live() -> Progress | PlainProgress:
    """A live bar in a terminal; log lines anywhere else."""
    return progress_bar() if console.is_terminal else PlainProgress()


class StageClock:
    """Wraps `log`: a stage runs from its first line to the next stage's first line; `summary`
    gives each stage's elapsed time and the total."""

    def __init__(self, say: Callable[[str, str], None] = log) -> None:
        self.say = say
        self.started = time.monotonic()
        self.stages: dict[str, float] = {}
        self._current: tuple[str, float] | None = None

    def __call__(self, stage: str, message: str) -> None:
        if self._current is None or self._current[0] != stage:
            self._close()
            self._current = (stage, time.monotonic())
        self.say(stage, message)

    def _close(self) -> None:
        if self._current is not None:
            stage, since = self._current
            self.stages[stage] = self.stages.get(stage, 0.0) + time.monotonic() - since
            self._current = None

    def summary(self) -> str:
        self._close()
        parts = " · ".join(f"{stage} {seconds:.1f} s" for stage, seconds in self.stages.items())
        return f"{parts}; {time.monotonic() - self.started:.1f} s in all"
