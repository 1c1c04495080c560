"""`asiakastieto status`: the last refresh, the published warehouse, the stores and the last
backup, for a person (a table) or a monitor (`--json`); the exit code says whether anything
needs attention (warehouse/stores/status.py gathers it, read-only)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from warehouse import config
from warehouse.cli.common import WarehouseOpt, console
from warehouse.stores.status import Status, findings, status


def _when(stamp: datetime | str | None) -> str:
    if stamp is None:
        return "–"
    value = datetime.fromisoformat(stamp) if isinstance(stamp, str) else stamp
    return value.astimezone().strftime("%Y-%m-%d %H:%M %Z")


def _size(n: int | None) -> str:
    if n is None:
        return "–"
    if n < 1024:
        return f"{n} B"
    size, unit = n / 1024, "KiB"
    for bigger in ("MiB", "GiB"):
        if size < 1024:
            break
        size, unit = size / 1024, bigger
    return f"{size:.1f} {unit}"


# The findings of `warehouse.stores.status.findings`, in the CLI's words.
SAY = {
    "no_warehouse": "no published warehouse at {path}: run `asiakastieto refresh`",
    "old_warehouse": "the warehouse is {days:.0f} days old (limit {limit:g})",
    "state_unreadable": "{error}",
    "refresh_failed": "the last refresh ended {outcome} (exit {exit_code}): {message}",
    "edits_failed": "the build of care-plan save {change} failed (`asiakastieto apply-edits` "
                    "tells again; the next refresh includes the saves): {message}",
    "store_unreadable": "store {store} ({path}) cannot be read: {error}",
    "store_too_new": "store {store} is schema version {version}, newer than this release's "
                     "{supported}: upgrade",
    "no_backup": "no backup recorded: run `asiakastieto backup --to DIR`",
    "old_backup": "the last backup is {days:.0f} days old (limit {limit:g})",
}


def attention(found: Status, max_age_days: float, max_backup_age_days: float,
              now: datetime | None = None) -> list[str]:
    """What an operator should look at, in words; empty when all is well."""
    return [SAY[f.key].format(**f.values)
            for f in findings(found, max_age_days, max_backup_age_days, now)]


def _table(found: Status) -> Table:
    table = Table(title="Asiakastieto status", title_justify="left", show_header=False)
    table.add_column("what", style="bold")
    table.add_column("value", overflow="fold")
    w = found.warehouse
    table.add_row("warehouse", escape(str(w.path)) if w.exists else "– (not published)")
    if w.exists:
        table.add_row("  published", f"{_when(w.published_at)} ({w.age_days():.1f} days ago), "
                                     f"version {w.version}, {_size(w.size)}")
    last = found.last_refresh
    if last is not None:
        table.add_row("last refresh", f"{last.outcome} (exit {last.exit_code}) at "
                                      f"{_when(last.finished_at)}: {escape(last.message)}")
    else:
        table.add_row("last refresh", escape(found.last_refresh_error or "– (none recorded)"))
    table.add_row("running now", escape(found.running.describe()) if found.running else "no")
    edits = found.edits
    table.add_row("care-plan saves", "– (none applied yet)" if edits is None else
                  f"{edits.state} at {_when(edits.at)}, store change {edits.store_change}"
                  + (f": {escape(edits.message)}" if edits.message else ""))
    for store in found.stores:
        state = (f"{_size(store.size)}, schema {store.schema_version} (this release "
                 f"{store.supported_version})" if store.exists else "– (not created yet)")
        table.add_row(f"store {store.name}", f"{escape(str(store.path))}: {state}"
                      + (f" [red]{escape(store.error)}[/]" if store.error else ""))
    backup = found.last_backup
    table.add_row("last backup", "– (none recorded)" if backup is None else
                  f"{_when(backup['at'])} in {escape(str(backup['folder']))}")
    return table


def status_command(
    warehouse: WarehouseOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for a monitor.")] = False,
    max_age_days: Annotated[float, typer.Option(
        help="Needs attention when the warehouse is older than this (a monthly refresh: 40).")
    ] = 40,
    max_backup_age_days: Annotated[float, typer.Option(
        help="Needs attention when the last backup is older than this.")] = 8,
) -> None:
    """Show the last refresh, the published warehouse, the stores and the last backup.

    Exit 0 when all is well, 1 when something needs attention (listed), for a monitor.
    """
    found = status(config.settings(warehouse))
    notes = attention(found, max_age_days, max_backup_age_days)
    if as_json:
        print(json.dumps({**found.to_json(), "attention": notes}, indent=2, default=str))
    else:
        console.print(_table(found))
        for note in notes:
            console.print(f"[yellow]Needs attention:[/] {escape(note)}", soft_wrap=True)
        if not notes:
            console.print("[green]All is well.[/]")
    raise typer.Exit(1 if notes else 0)


def register(app: typer.Typer) -> None:
    app.command("status")(status_command)
