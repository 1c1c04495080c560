"""`asiakastieto`: one command per stage (demo-data, ingest, build, check, serve) and `refresh`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ingest.retract import RetractError
from ingest.retract import retract as take_back
from warehouse import access, config, stages
from warehouse import setup as discovery
from warehouse import site as site_config
from warehouse.setup import report as setup_report

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
console = Console()

WarehouseOpt = Annotated[
    Path | None,
    typer.Option(
        "--warehouse",
        help=f"Warehouse DuckDB file [env {config.ENV_WAREHOUSE}; default data/warehouse.duckdb]."
        " The raw store of landed extracts lives beside it (NAME.raw.duckdb).",
        dir_okay=False,
    ),
]
LandingOpt = Annotated[
    Path | None,
    typer.Option(
        "--landing",
        help=f"Landing folder with one subfolder per source [env {config.ENV_LANDING}].",
        file_okay=False,
    ),
]
SiteOpt = Annotated[
    Path | None,
    typer.Option(
        "--site",
        help=f"Site folder: the centre's catalogue, senders, labels and policy [env "
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
    typer.Option("--as-of", help="Newest month of 'current value', YYYY-MM [default: newest]."),
]


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


# True when the CLI is its own process (`main`: the console script, `python -m warehouse`).
# Called in-process (tests, scripts calling `app`), it must not renice its caller.
_OWN_PROCESS = False


def main() -> None:
    """The `asiakastieto` console script."""
    global _OWN_PROCESS
    _OWN_PROCESS = True
    app(prog_name="asiakastieto")


def _batch_priority(s: config.Settings) -> None:
    """Run batch work at `Settings.batch_nice` (never raising a niceness set by the caller);
    only in the CLI's own process, see `main`."""
    if not _OWN_PROCESS or not hasattr(os, "getpriority"):
        return
    current = os.getpriority(os.PRIO_PROCESS, 0)
    if s.batch_nice > current:
        os.nice(s.batch_nice - current)


def _fail(message: str) -> typer.Exit:
    console.print(f"[bold red]Error:[/] {message}")
    return typer.Exit(code=1)


def _stage_failed(exc: stages.StageError) -> typer.Exit:
    """A stage's message names files and paths of the landing folder: printed as text."""
    return _fail(escape(str(exc)))


@app.command("demo-data")
def demo_data(
    out: Annotated[Path | None, typer.Option(help="Landing folder to write.")] = None,
    scale: Annotated[float, typer.Option(help="1 = a Turku-size city, 10 = Helsinki-size.")] = 1.0,
    seed: Annotated[int, typer.Option(help="Same seed, same files.")] = 42,
    end_month: Annotated[str, typer.Option(help="Last month of charges, YYYY-MM.")] = "2026-10",
    site: Annotated[Path | None, typer.Option(
        help="Where to write the demo city's site folder [default: site/ beside --out].",
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
            raise _fail(str(exc)) from None
    rows = sum(s["rows"] for s in summary.values())
    console.print(f"Wrote {rows:,} rows in {sum(len(s['files']) for s in summary.values())} files"
                  f" to {target}. Faults are listed in {target / '_faults.json'}.")


@app.command()
def ingest(landing: LandingOpt = None, warehouse: WarehouseOpt = None,
           site: SiteOpt = None) -> None:
    """Load every new extract of a landing folder into the raw store (whole files or nothing)."""
    s = config.settings(warehouse, landing, site)
    _batch_priority(s)
    with _progress() as progress:
        try:
            report = stages.ingest(s, progress)
        except stages.StageError as exc:
            raise _stage_failed(exc) from None
    console.print(report.table())
    if not report.ok:
        raise _fail("some files were rejected; see the messages above (none of them was loaded).")


@app.command()
def build(warehouse: WarehouseOpt = None, as_of: AsOfOpt = None,
          full_refresh: FullRefreshOpt = False, site: SiteOpt = None) -> None:
    """Rebuild the warehouse with dbt from the raw store and publish it atomically."""
    s = config.settings(warehouse, site=site)
    _batch_priority(s)
    with _progress() as progress:
        try:
            stages.build(s, progress, as_of=as_of, full_refresh=full_refresh)
        except stages.StageError as exc:
            raise _stage_failed(exc) from None
    console.print(f"Warehouse published: {s.warehouse}")


@app.command()
def check(warehouse: WarehouseOpt = None, site: SiteOpt = None) -> None:
    """Run the data-quality checks (Great Expectations); exit 1 on a critical failure."""
    s = config.settings(warehouse, site=site)
    _batch_priority(s)
    try:
        report = stages.check(s)
    except stages.StageError as exc:
        raise _stage_failed(exc) from None
    console.print(report.to_table())
    if report.critical_failures:
        raise _fail(f"{len(report.critical_failures)} critical data-quality check(s) failed.")


@app.command()
def refresh(landing: LandingOpt = None, warehouse: WarehouseOpt = None, as_of: AsOfOpt = None,
            full_refresh: FullRefreshOpt = False, site: SiteOpt = None):
    """Ingest, build and check in one go; publish only when nothing critical failed."""
    s = config.settings(warehouse, landing, site)
    _batch_priority(s)
    with _progress() as progress:
        try:
            outcome = stages.refresh(s, progress, as_of=as_of, full_refresh=full_refresh)
        except stages.StageError as exc:
            raise _stage_failed(exc) from None
    console.print(outcome.ingest.table())
    console.print(outcome.checks.to_table())
    if not outcome.ok:
        raise _fail(outcome.message)
    console.print(f"Warehouse published: {s.warehouse}")


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
        "--by", help="Who accepts (recorded in the site's history) [default: the OS user].")
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
            raise _fail(f"the draft was not accepted; the site is unchanged:\n{lines}") from None
        console.print(f"Accepted into {s.site}: " + ", ".join(
            f"{n} row(s) of {name}" for name, n in counts.items())
            + f". Recorded in {s.site / 'history.jsonl'} as accepted by {by or s.operator}.")
        return
    if not (s.site / site_config.SETTINGS_FILE).exists():
        site_config.create_site(s.site)
        console.print(f"No site folder at {s.site}: created it from the defaults.")
    try:
        the_site = stages.load_site(s)
        site_config.record_changes(the_site, by=s.operator)
        if not no_ingest:
            _batch_priority(s)
            with _progress() as progress:
                console.print(stages.ingest(s, progress, the_site).table())
    except stages.StageError as exc:
        raise _fail(str(exc)) from None
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
        raise _fail(f"no raw store at {s.raw}")
    with duckdb.connect(str(s.raw)) as con:
        try:
            done = take_back(con, load_id, reason, user)
        except RetractError as exc:
            raise _fail(str(exc)) from None
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
            raise _stage_failed(exc) from None
    console.print(f"dbt docs: {target}")


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port.")] = 8501,
    warehouse: WarehouseOpt = None,
    address: Annotated[str, typer.Option(
        help="Address to listen on. Anything but loopback needs logins (accounts file or"
        " [auth] in .streamlit/secrets.toml): demo mode is refused.")] = "localhost",
) -> None:
    """Serve the dashboard (Streamlit) on http://ADDRESS:PORT (default localhost)."""
    s = config.settings(warehouse)
    if not s.warehouse.exists():
        raise _fail(f"no warehouse at {s.warehouse}: run `asiakastieto refresh` first.")
    try:
        mode = access.resolve_mode(s)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    if mode == "demo" and not access.is_loopback(address):
        raise _fail(f"demo mode (no login) serves localhost only, not {address!r}: add users"
                    f" with `asiakastieto user add` ({s.accounts_file}) or configure \\[auth] in"
                    " .streamlit/secrets.toml.")
    env = {**os.environ, config.ENV_WAREHOUSE: str(s.warehouse)}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(config.PROJECT_ROOT / "dashboard" / "app.py"),
        "--server.port", str(port), "--server.address", address,
        "--browser.gatherUsageStats", "false", "--server.headless", "true",
    ]
    console.print(f"Dashboard on http://{address}:{port} ({mode} mode; Ctrl+C stops it)")
    raise typer.Exit(subprocess.call(cmd, env=env, cwd=config.PROJECT_ROOT))


@app.command()
def report(
    customer: Annotated[str, typer.Option(help="Customer id, e.g. A003.")],
    output: Annotated[Path, typer.Option(help="File to write.", dir_okay=False)],
    format: Annotated[str, typer.Option(
        "--format", help="pdf, xlsx (one sheet per section) or html (printable).")] = "pdf",
    warehouse: WarehouseOpt = None,
) -> None:
    """Write one customer's care plan (budget-meeting pack, in Finnish) as PDF, XLSX or HTML."""
    from dashboard.data.reader import WarehouseReader
    from dashboard.report import pack

    s = config.settings(warehouse)
    if format not in pack.FORMATS:
        raise _fail(f"--format must be one of {', '.join(pack.FORMATS)}.")
    if not s.warehouse.exists():
        raise _fail(f"no warehouse at {s.warehouse}: run `asiakastieto refresh` first.")
    from warehouse import access

    try:
        with console.status(f"Writing the care plan of {customer} …"), \
                WarehouseReader(s.warehouse) as db:
            # The CLI runs as the operator (a director: it can read the files anyway); audited.
            written = pack.build_pack(db, customer, format, output, s.careplan_store,
                                      user=access.operator())
    except KeyError:
        raise _fail(f"no customer {customer!r} in {s.warehouse}.") from None
    console.print(f"Care plan of {customer} written: {written}")


user_app = typer.Typer(help="Local accounts and roles (accounts file, hashed passwords).",
                       no_args_is_help=True)
app.add_typer(user_app, name="user")


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="User name (local login) or e-mail (OIDC user).")],
    role: Annotated[str, typer.Option(help="director, manager or viewer.")],
    manager_name: Annotated[str | None, typer.Option(
        help="A manager's name exactly as in customers.partnership_manager.")] = None,
    display_name: Annotated[str | None, typer.Option(help="Name shown and recorded.")] = None,
    oidc: Annotated[bool, typer.Option(
        "--oidc", help="Signs in through the identity provider: no password.")] = False,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from standard input.")] = False,
) -> None:
    """Add or replace a user in the accounts file (the password is stored as a scrypt hash)."""
    s = config.settings()
    password = None
    if not oidc:
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        if len(password) < 10:
            raise _fail("a password has at least 10 characters.")
    try:
        account = access.add_account(s.accounts_file, name, role, password=password,
                                     display_name=display_name or "",
                                     manager_name=manager_name)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    access.audit(access.operator(), "user_add", account.username, account.role)
    console.print(f"{account.username} ({account.role}) saved in {s.accounts_file}")


@user_app.command("remove")
def user_remove(name: Annotated[str, typer.Argument(help="User name or e-mail.")]) -> None:
    """Remove a user from the accounts file (their open sessions end on the next click)."""
    s = config.settings()
    accounts = access.load_accounts(s.accounts_file)
    if accounts.pop(name.lower(), None) is None:
        raise _fail(f"no user {name!r} in {s.accounts_file}")
    access.save_accounts(s.accounts_file, accounts)
    access.audit(access.operator(), "user_remove", name)
    console.print(f"{name} removed from {s.accounts_file}")


@user_app.command("list")
def user_list() -> None:
    """The users of the accounts file and their roles (never the hashes)."""
    s = config.settings()
    for account in access.load_accounts(s.accounts_file).values():
        login = "password" if account.password_hash else "oidc"
        console.print(f"{account.username}\t{account.role}\t{account.manager_name or ''}"
                      f"\t{login}")
