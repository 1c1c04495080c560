"""What every `asiakastieto` command shares: the console, the options, progress, failures and
the batch priority of the CLI's own process."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from warehouse import config, edits, stages
from warehouse.stages import Outcome
from warehouse.stores import run_lock

console = Console()

# `asiakastieto refresh` ends with one of these; 2 is Click's own for a wrong option, and an
# unexpected error (a traceback) is 1 like any Python program.
EXIT_CODES = {
    Outcome.PUBLISHED: 0,
    Outcome.ERROR: 1,
    Outcome.NOTHING_NEW: 3,
    Outcome.REJECTED_FILES: 4,
    Outcome.CRITICAL_FAILURE: 5,
    Outcome.ALREADY_RUNNING: 6,
}

WarehouseOpt = Annotated[
    Path | None,
    typer.Option(
        "--warehouse",
        help=f"Warehouse DuckDB file \\[env {config.ENV_WAREHOUSE}; default data/warehouse.duckdb]."
        " The raw store of landed extracts lives beside it (NAME.raw.duckdb).",
        dir_okay=False,
    ),
]
LandingOpt = Annotated[
    Path | None,
    typer.Option(
        "--landing",
        help=f"Landing folder with one subfolder per source \\[env {config.ENV_LANDING}].",
        file_okay=False,
    ),
]
SiteOpt = Annotated[
    Path | None,
    typer.Option(
        "--site",
        help=f"Site folder: the centre's catalogue, senders, labels and policy \\[env "
        f"{config.ENV_SITE}; default site/ beside the warehouse]. See docs/site.md.",
        file_okay=False,
    ),
]
FullRefreshOpt = Annotated[
    bool,
    typer.Option("--full-refresh", help="Rebuild the incremental charge models from every"
                 " landed row (rarely needed: a new register, cost-centre master or site"
                 " configuration already maps every charge again)."),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Newest month of 'current value', YYYY-MM \\[default: newest]."),
]


def progress_bar() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )



@dataclass
class Process:
    """Whether the CLI is its own process (`main`: the console script, `python -m warehouse`).
    Called in-process (tests, scripts calling `app`), it must not renice its caller."""

    own: bool = False


PROCESS = Process()

def batch_priority(s: config.Settings) -> None:
    """Run batch work at `Settings.batch_nice` (never raising a niceness set by the caller);
    only in the CLI's own process, see `main`."""
    if not PROCESS.own or not hasattr(os, "getpriority"):
        return
    current = os.getpriority(os.PRIO_PROCESS, 0)
    if s.batch_nice > current:
        os.nice(s.batch_nice - current)


def fail(message: str) -> typer.Exit:
    console.print(f"[bold red]Error:[/] {message}")
    return typer.Exit(code=1)


def stage_failed(exc: stages.StageError) -> typer.Exit:
    """A stage's message names files and paths of the landing folder: printed as text."""
    return fail(escape(str(exc)))


@contextlib.contextmanager
def one_at_a_time(s: config.Settings, command: str) -> Iterator[run_lock.Lock]:
    """Hold the warehouse's lock (`Settings.refresh_lock`) while a command lands extracts or
    publishes; refuse at once, naming the running one, with the already-running exit code."""
    with contextlib.ExitStack() as stack:
        try:
            # A care-plan save's build takes seconds: wait for it rather than refuse.
            lock = stack.enter_context(run_lock.hold(s.refresh_lock, f"asiakastieto {command}",
                                                     wait_for=(edits.COMMAND,)))
        except run_lock.AlreadyRunning as exc:
            console.print(f"[bold red]Error:[/] {escape(str(exc))}. Try again when it has "
                          "finished.")
            raise typer.Exit(EXIT_CODES[Outcome.ALREADY_RUNNING]) from None
        if lock.stale is not None:
            console.print(f"Took over the lock of {escape(lock.stale.describe())}, which is no "
                          "longer running.", highlight=False)
        yield lock
