"""`asiakastieto backup` and `asiakastieto restore`: the stores that cannot be rebuilt (care
plans, audit log, accounts, site folder), copied while the dashboard serves and put back only
from a backup whose every checksum holds (warehouse/stores/backup.py, restore.py)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from warehouse import access, config
from warehouse.cli.common import SiteOpt, WarehouseOpt, console, one_at_a_time
from warehouse.stores import backup as backups
from warehouse.stores import restore as restores
from warehouse.stores.schema import StoreTooNew


def _say(text: str) -> None:
    """Paths printed whole (the terminal wraps them), so they can be copied."""
    console.print(escape(text), soft_wrap=True)


def _fail(message: str) -> typer.Exit:
    console.print(f"[bold red]Error:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(code=1)


def backup(
    to: Annotated[Path, typer.Option(
        "--to", help="A new (or empty) folder for the backup, e.g. named by the date.",
        file_okay=False)],
    warehouse: WarehouseOpt = None,
    site: SiteOpt = None,
) -> None:
    """Copy the stores that cannot be rebuilt into DIR, with a manifest of checksums.

    The care plans, audit log, accounts file and site folder are copied (SQLite's online
    backup: safe while the dashboard serves and people edit); the raw store and the archived
    originals get checksums only. Each backup is recorded for `status`."""
    s = config.settings(warehouse, site=site)
    try:
        with console.status(f"Backing up to {to} …"):
            manifest = backups.take(s, to)
    except (backups.BackupError, OSError) as exc:
        raise _fail(str(exc)) from None
    for name, store in manifest["stores"].items():
        console.print(f"{name}: " + ("none yet" if store.get("absent") else
                                     f"{store['size']:,} bytes, schema version "
                                     f"{store['schema_version']}"))
    site_info = manifest["site"]
    console.print("site: " + ("none" if site_info["absent"] else f"{site_info['files']} files"))
    raw = manifest["not_copied"]["raw"]
    console.print("raw store (checksum only): " + ("none" if raw.get("absent") else
                                                   f"{raw['size']:,} bytes"
                                                   + (", changing while read" if raw.get(
                                                       "changing") else "")))
    console.print(f"archive (checksums only): {len(manifest['not_copied']['archive']['files'])}"
                  " originals")
    target = Path(to).expanduser().resolve()
    try:
        access.audit(access.operator(), "backup", str(target))
    except StoreTooNew as exc:  # the backup holds it as it is; this release cannot add to it
        raise _fail(str(exc)) from None
    _say(f"Backup written: {target / backups.MANIFEST} (recorded in {s.backup_log})")


def restore(
    from_: Annotated[Path, typer.Option(
        "--from", help="A folder `asiakastieto backup --to` wrote.", file_okay=False)],
    force: Annotated[bool, typer.Option(
        "--force", help="Replace existing stores; they are kept aside as NAME.replaced-DATE."
    )] = False,
    warehouse: WarehouseOpt = None,
    site: SiteOpt = None,
) -> None:
    """Put a backup's stores back, after checking every checksum.

    A damaged or incomplete backup is refused naming each bad file; existing data is replaced
    only with --force (and kept aside). Each store is switched atomically."""
    s = config.settings(warehouse, site=site)
    try:
        # Not while a refresh reads the care plans and the site, nor two restores at once. No
        # folder, no lock (a running command holds its lock file there): a refused restore
        # into an empty machine writes nothing.
        lock = (one_at_a_time(s, "restore") if s.refresh_lock.parent.is_dir()
                else contextlib.nullcontext())
        with lock, console.status(f"Checking and restoring {from_} …"):
            done = restores.restore(s, from_, force=force)
    except (restores.RestoreError, OSError) as exc:
        raise _fail(str(exc)) from None
    console.print(f"Restored {', '.join(done['restored']) or 'nothing'} from the backup of"
                  f" {done['created_at']}.")
    for path in done["aside"]:
        _say(f"kept aside: {path}")
    for note in done["notes"]:
        _say(note)
    access.audit(access.operator(), "restore", str(Path(from_).expanduser().resolve()),
                 f"restored {', '.join(done['restored'])}")


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
