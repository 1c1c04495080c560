"""`asiakastieto apply-edits`: publish the care-plan saves that feed figures (potential scores,
budget overrides, price proposals, projects) with a targeted rebuild, once or, with
`--follow`, as they are saved (the dashboard server runs the follower beside itself)."""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Annotated

import typer
from rich.markup import escape

from warehouse import config, edits
from warehouse.cli.common import WarehouseOpt, batch_priority, console, fail
from warehouse.cli.progress import log
from warehouse.stores.edits_state import State


def apply_edits(
    warehouse: WarehouseOpt = None,
    follow: Annotated[bool, typer.Option(
        "--follow", help="Keep running and apply each save within seconds (Ctrl+C stops).")
    ] = False,
    parent: Annotated[int | None, typer.Option(
        help="With --follow: stop when the process with this pid (the dashboard) ends.")
    ] = None,
) -> None:
    """Publish the care-plan saves the warehouse does not show yet (a targeted rebuild).

    Exit 0 when the warehouse shows every save, 1 when a build failed, 3 when the saves wait
    for a refresh (one is running, or the site's settings changed since the last one).
    """
    s = config.settings(warehouse)
    if follow:
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        with contextlib.suppress(KeyboardInterrupt):
            edits.follow(s, parent=parent, log=log, stop=stop)
        return
    batch_priority(s)
    step = edits.Applier(s, log).apply(wait=True)
    if step is None:
        console.print(f"The warehouse shows every care-plan save ({s.warehouse}).")
        return
    if step.state == State.PUBLISHED:
        console.print(f"Published the care-plan saves up to change {step.store_change}: "
                      f"{escape(step.message)}", highlight=False)
        return
    if step.state == State.FAILED:
        raise fail(escape(step.message))
    console.print(f"[yellow]Waiting:[/] {escape(step.message)}", highlight=False)
    raise typer.Exit(3)


def register(app: typer.Typer) -> None:
    app.command("apply-edits")(apply_edits)
