"""`asiakastieto`: one command per stage (demo-data, ingest, build, check, refresh, setup, serve,
report, docs, retract; `user …` in users.py, backup and restore in backups.py, apply-edits in
edits.py); the
composition root that may import every stage."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.markup import escape

from ingest.retract import RetractError
from ingest.retract import retract as take_back
from warehouse import access, config, edits, stages
from warehouse import setup as discovery
from warehouse import site as site_config
from warehouse.cli import backups, users
from warehouse.cli import edits as edits_cli
from warehouse.cli import refresh as refresh_cli
from warehouse.cli import serve as serve_cli
from warehouse.cli import status as status_cli
from warehouse.cli.common import (
    PROCESS,
    AsOfOpt,
    FullRefreshOpt,
    LandingOpt,
    SiteOpt,
    WarehouseOpt,
    batch_priority,
    console,
    fail,
    one_at_a_time,
    stage_failed,
)
from warehouse.cli.progress import libraries_log, live, log
from warehouse.setup import report as setup_report
from warehouse.stores.edits_state import State

app = typer.Typer(
    name="asiakastieto",
    help=(
        "Customer data warehouse of the IT service centre.\n\n"
        "Typical use: `asiakastieto refresh --landing DIR` loads new extracts, rebuilds the "
        "warehouse and checks data quality; `asiakastieto serve` opens the dashboard. "
        "`asiakastieto demo-data` writes a fictional city's extracts to try it out."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(users.user_app, name="user")


def main() -> None:
    """The `asiakastieto` console script."""
    PROCESS.own = True
    app(prog_name="asiakastieto")


@app.callback()
def _options(verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Show the libraries' own log too (dbt, Great Expectations, "
        "Streamlit); without it only their warnings.")] = False) -> None:
    libraries_log(verbose)


@app.command("demo-data")
def demo_data(
    out: Annotated[Path | None, typer.Option(help="Landing folder to write.")] = None,
    scale: Annotated[float, typer.Option(help="1 = a Turku-size city, 10 = Helsinki-size.")] = 1.0,
    seed: Annotated[int, typer.Option(help="Same seed, same files.")] = 42,
    end_month: Annotated[str, typer.Option(help="Last month of charges, YYYY-MM.")] = "2026-10",
    site: Annotated[Path | None, typer.Option(
        help="Where to write the demo city's site folder \\[default: site/ beside --out].",
        file_okay=False)] = None,
) -> None:
    """Write a fictional city's extracts, in every format and with the faults of real data,
    and its site folder (its codes, sender cost centres and policy)."""
    target = out or config.settings().landing
    with console.status(f"Writing demo extracts (scale {scale}) to {target} …"):
        try:
            summary = stages.demo_data(target, scale=scale, seed=seed, end_month=end_month,
                                       site=site)
        except ValueError as exc:
            raise fail(str(exc)) from None
    rows = sum(s["rows"] for s in summary.values())
    console.print(f"Wrote {rows:,} rows in {sum(len(s['files']) for s in summary.values())} files"
                  f" to {target}. Faults are listed in {target / '_faults.json'}.")


@app.command()
def ingest(landing: LandingOpt = None, warehouse: WarehouseOpt = None,
           site: SiteOpt = None) -> None:
    """Load every new extract of a landing folder into the raw store (whole files or nothing)."""
    s = config.settings(warehouse, landing, site)
    batch_priority(s)
    started = time.monotonic()
    with one_at_a_time(s, "ingest"), live() as progress:
        try:
            report = stages.ingest(s, progress)
        except stages.StageError as exc:
            raise stage_failed(exc) from None
    console.print(report.table())
    log("landing", f"{len(report.files)} file(s) in {time.monotonic() - started:.1f} s")
    if not report.ok:
        raise fail("some files were rejected; see the messages above (none of them was loaded).")


@app.command()
def build(warehouse: WarehouseOpt = None, as_of: AsOfOpt = None,
          full_refresh: FullRefreshOpt = False, site: SiteOpt = None) -> None:
    """Rebuild the warehouse with dbt from the raw store and publish it atomically."""
    s = config.settings(warehouse, site=site)
    batch_priority(s)
    started = time.monotonic()
    with one_at_a_time(s, "build"), live() as progress:
        try:
            stages.build(s, progress, as_of=as_of, full_refresh=full_refresh)
        except stages.StageError as exc:
            raise stage_failed(exc) from None
    log("build", f"published {s.warehouse} in {time.monotonic() - started:.1f} s")


@app.command()
def check(warehouse: WarehouseOpt = None, site: SiteOpt = None) -> None:
    """Run the data-quality checks (Great Expectations); exit 1 on a critical failure."""
    s = config.settings(warehouse, site=site)
    batch_priority(s)
    started = time.monotonic()
    with one_at_a_time(s, "check"):
        log("checks", f"data-quality checks of {s.warehouse}")
        try:
            report = stages.check(s)
        except stages.StageError as exc:
            raise stage_failed(exc) from None
    console.print(report.to_table())
    log("checks", f"{len(report.results)} check(s) in {time.monotonic() - started:.1f} s")
    if report.critical_failures:
        raise fail(f"{len(report.critical_failures)} critical data-quality check(s) failed.")


app.command()(refresh_cli.refresh)


@app.command()
def setup(
    landing: LandingOpt = None,
    warehouse: WarehouseOpt = None,
    site_dir: SiteOpt = None,
    no_ingest: Annotated[bool, typer.Option(
        "--no-ingest", help="Profile what the raw store holds already; land nothing.")] = False,
    accept: Annotated[bool, typer.Option(
        "--accept", help="Move the draft's rows (as edited) into the site, if they validate.")
    ] = False,
    by: Annotated[str | None, typer.Option(
        "--by", help="Who accepts (recorded in the site's history) \\[default: the OS user].")
    ] = None,
) -> None:
    """List what your extracts need decided, largest euros first, and draft the site rows.

    Lands the extracts (unless --no-ingest), profiles them, prints a table per kind and writes
    SITE/draft/. Nothing changes the live site until `setup --accept`.
    """
    s = config.settings(warehouse, landing, site_dir)
    if accept:
        try:
            counts = discovery.accept(s.site, by=by or s.operator)
        except site_config.SiteError as exc:
            lines = "\n".join(f"  - {p}" for p in exc.problems)
            raise fail(f"the draft was not accepted; the site is unchanged:\n{lines}") from None
        console.print(f"Accepted into {s.site}: " + ", ".join(
            f"{n} row(s) of {name}" for name, n in counts.items())
            + f". Recorded in {s.site / 'history.jsonl'} as accepted by {by or s.operator}.")
        return
    if not (s.site / site_config.SETTINGS_FILE).exists():
        site_config.create_site(s.site)
        console.print(f"No site folder at {s.site}: created it from the defaults.")
    with one_at_a_time(s, "setup"):
        try:
            the_site = stages.load_site(s)
            site_config.record_changes(the_site, by=s.operator)
            if not no_ingest:
                batch_priority(s)
                with live() as progress:
                    console.print(stages.ingest(s, progress, the_site).table())
        except stages.StageError as exc:
            raise fail(str(exc)) from None
        found = discovery.discover(the_site, s.raw, s.warehouse)
    for part in setup_report.tables(found):
        console.print(part)
    folder = discovery.write_draft(s.site, discovery.draft_for(found))
    console.print(f"Draft written to {folder}: edit or delete its rows, then run "
                  "`asiakastieto setup --accept --by NAME`. The live site is unchanged.")


@app.command()
def retract(
    load_id: Annotated[str, typer.Argument(help="The load to take back (load_audit.load_id).")],
    reason: Annotated[str, typer.Option(help="Why; kept in the audit and in quarantine.")],
    user: Annotated[str, typer.Option(help="Who retracts (the data steward).")] = "steward",
    warehouse: WarehouseOpt = None,
) -> None:
    """Take a loaded file back out: its rows move to quarantine, the audit says why.

    Then run `asiakastieto build` (or `refresh` with the corrected file) to publish without it.
    """
    s = config.settings(warehouse)
    if not s.raw.exists():
        raise fail(f"no raw store at {s.raw}")
    with one_at_a_time(s, "retract"), duckdb.connect(str(s.raw)) as con:
        try:
            done = take_back(con, load_id, reason, user)
        except RetractError as exc:
            raise fail(str(exc)) from None
    console.print(f"Retracted load {done.load_id} ({done.source}/{done.file_name}): "
                  f"{done.rows_moved:,} rows moved to quarantine.")


@app.command()
def docs(warehouse: WarehouseOpt = None, site: SiteOpt = None) -> None:
    """Write dbt's documentation of every model and column as one HTML page."""
    s = config.settings(warehouse, site=site)
    with console.status("Generating dbt docs …"):
        try:
            target = stages.docs(s)
        except stages.StageError as exc:
            raise stage_failed(exc) from None
    console.print(f"dbt docs: {target}")


app.command()(serve_cli.serve)


@app.command()
def report(
    customer: Annotated[str, typer.Option(help="Customer id, e.g. A003.")],
    output: Annotated[Path, typer.Option(help="File to write.", dir_okay=False)],
    format: Annotated[str, typer.Option(
        "--format", help="pdf, xlsx (one sheet per section) or html (printable).")] = "pdf",
    warehouse: WarehouseOpt = None,
    lang: Annotated[str, typer.Option("--lang", help="fi (Finnish) or en (English).")] = "fi",
) -> None:
    """Write one customer's care plan (the budget-meeting pack) as PDF, XLSX or HTML."""
    from dashboard.data.reader import WarehouseReader
    from dashboard.report import pack

    s = config.settings(warehouse)
    if format not in pack.FORMATS:
        raise fail(f"--format must be one of {', '.join(pack.FORMATS)}.")
    if lang not in ("fi", "en"):
        raise fail("--lang must be fi or en.")
    if not s.warehouse.exists():
        raise fail(f"no warehouse at {s.warehouse}: run `asiakastieto refresh` first.")
    # The pack's figures show every care-plan save: publish those no follower has yet.
    step = edits.Applier(s).apply(wait=True)
    if step is not None and step.state != State.PUBLISHED:
        console.print(f"[yellow]Note:[/] the figures do not show the newest care-plan saves: "
                      f"{escape(step.message)}", highlight=False)

    try:
        with console.status(f"Writing the care plan of {customer} …"), \
                WarehouseReader(s.warehouse) as db:
            # The CLI runs as the operator (a director: it can read the files anyway); audited.
            written = pack.build_pack(db, customer, format, output, s.careplan_store,
                                      user=access.operator(), lang=lang)
    except KeyError:
        raise fail(f"no customer {customer!r} in {s.warehouse}.") from None
    console.print(f"Care plan of {customer} written: {written}")


edits_cli.register(app)
backups.register(app)  # after the stages: `--help` lists them last
status_cli.register(app)
