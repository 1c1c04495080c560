"""The pipeline's stages, each delegating to the package that owns the work. With the CLI,
the one place that imports every stage (ingest, the build, the checks)."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import duckdb
from rich.progress import Progress

from ingest import ensure_raw_tables, ingest_landing, landing_files
from ingest.audit import raw_store_had_rows
from ingest.report import ALREADY_LOADED, LOADED, REJECTED
from ingest.sources import SOURCES
from warehouse import publish, site
from warehouse.build import BuildError, run_dbt
from warehouse.build import build as dbt_build
from warehouse.config import Settings
from warehouse.stores import careplan_export


class StageError(RuntimeError):
    """A stage failed with a message for the person running it."""


def demo_data(out: Path, *, scale: float, seed: int, end_month: str,
              site: Path | None = None) -> dict:
    # The demo generator pulls in pandas and numpy: only `demo-data` pays for them.
    from ingest.demo import generate

    return generate(out, scale=scale, seed=seed, end_month=end_month, site=site)


def _nothing_to_load(settings: Settings, ignored: list[str]) -> str:
    """Where extracts were looked for and what was found instead, for a newcomer."""
    def state(folder: Path) -> str:
        return "empty" if folder.is_dir() else "no such folder"

    lines = [f"nothing to load: no extract in any source folder of {settings.landing}, and the "
             f"raw store ({settings.raw}) has never had any rows. Looked for files in:"]
    lines += [f"  {settings.landing / name}/  ({state(settings.landing / name)})"
              for name in SOURCES]
    if ignored:
        lines.append("Found instead (not loaded):")
        lines += [f"  {note}" for note in ignored]
    lines.append("Put each system's exports in its own folder, as listed above, and run again.")
    return "\n".join(lines)


def check_landing(settings: Settings) -> None:
    """Nothing to land into a raw store that never had rows is an error: it is a landing
    folder in the wrong place or of the wrong shape, never a success."""
    if not settings.landing.is_dir():
        raise StageError(f"landing folder {settings.landing} does not exist")
    files, ignored = landing_files(settings.landing)
    if not files and not raw_store_had_rows(settings.raw):
        raise StageError(_nothing_to_load(settings, ignored))


def ingest(settings: Settings, progress: Progress | None = None,
           the_site: site.Site | None = None):
    """Land new extracts, reading headers with the site's own labels too."""
    check_landing(settings)
    if the_site is None and (settings.site / site.SETTINGS_FILE).exists():
        the_site = load_site(settings)
    # Landing needs only the site's extra header labels: without a site folder yet (before
    # `setup`), the built-in labels read the files and unknown headers are refused as usual.
    labels = the_site.labels if the_site else None
    task = progress.add_task("Ingest", total=None) if progress else None

    def on_file(done: int, total: int, result) -> None:
        if progress is not None:
            name = getattr(result, "file_name", "")
            progress.update(task, completed=done, total=total, description=f"Ingest {name}")

    return ingest_landing(settings.landing, settings, progress=on_file,
                          site_labels=labels)


def load_site(settings: Settings) -> site.Site:
    """The validated site folder, or a StageError listing every problem with file and row."""
    try:
        return site.load_site(settings.site)
    except site.SiteError as exc:
        lines = "\n".join(f"  - {p}" for p in exc.problems)
        raise StageError(f"the site configuration needs fixing before a build "
                         f"({len(exc.problems)} problem(s)):\n{lines}") from None


def export_site(settings: Settings, the_site: site.Site) -> str:
    """Record what changed in the site folder, then copy it into the raw store for dbt."""
    site.record_changes(the_site, by=settings.operator)
    settings.raw.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(settings.raw)) as con:
        ensure_raw_tables(con)  # a source added since the raw store was written
        return site.export_to(the_site, con)


def _dbt_vars(the_site: site.Site, as_of: str | None) -> dict:
    return {**the_site.dbt_vars(), **({"as_of_month": f"{as_of}-01"} if as_of else {})}


def export_careplans(settings: Settings) -> int:
    """Copy the care-plan store's entries into the raw store, where dbt reads them."""
    if not settings.raw.exists():
        return 0
    with duckdb.connect(str(settings.raw)) as con:
        return careplan_export.export_to(settings.careplan_store, con)


def _build_into(settings: Settings, path: Path, progress: Progress | None, as_of: str | None,
                full_refresh: bool = False, the_site: site.Site | None = None):
    """dbt build into `path`; `the_site` is the site a refresh already read (one version of
    the site for its landing, build and checks), else the folder is read now."""
    if not settings.raw.exists():
        raise StageError(f"No raw store at {settings.raw}: run `asiakastieto ingest --landing "
                         "DIR` first.")
    the_site = the_site or load_site(settings)
    export_site(settings, the_site)
    export_careplans(settings)
    task = progress.add_task("dbt build", total=None) if progress else None

    def on_node(node: dict) -> None:
        if progress is not None:  # a model's name, or a test's (its id ends in a hash)
            kind, _, name, *rest = node["node"].split(".")
            name = name if kind == "test" else (rest or [name])[-1]
            progress.update(task, advance=1, description=f"dbt {name}")

    try:
        return dbt_build(settings, path, dbt_vars=_dbt_vars(the_site, as_of),
                         full_refresh=full_refresh,
                         on_node=on_node)
    except BuildError as exc:
        raise StageError(str(exc)) from None


def build(settings: Settings, progress: Progress | None = None, *, as_of: str | None = None,
          full_refresh: bool = False):
    """dbt build into a copy of the warehouse (incremental) or a new file, then publish it."""
    publish.sweep(settings.warehouse)
    with publish.rebuilding(settings.warehouse, copy_current=not full_refresh) as new_file:
        return _build_into(settings, new_file, progress, as_of, full_refresh)


def docs(settings: Settings) -> Path:
    """dbt's documentation of the published warehouse as one static page; returns its path."""
    if not settings.warehouse.exists():
        raise StageError(f"no warehouse at {settings.warehouse}: run `asiakastieto build` first")
    # dbt opens its database read-write: describe a copy, never the file readers are using.
    with publish.scratch_copy(settings.warehouse) as copy:
        result = run_dbt(["docs", "generate", "--static"], settings, copy,
                         dbt_vars=load_site(settings).dbt_vars())
    if not result.success:
        raise StageError(f"dbt docs generate failed: {result.exception}")
    settings.dbt_docs.mkdir(parents=True, exist_ok=True)
    target = settings.dbt_docs / "index.html"
    shutil.copyfile(settings.dbt_target / "static_index.html", target)
    return target


def check(settings: Settings):
    """Check the raw store and the published warehouse; record the results in both."""
    # Great Expectations takes seconds to import: only the stages that check pay for it.
    from expectations import run_checks

    if not settings.warehouse.exists():
        raise StageError(f"no warehouse at {settings.warehouse}: run `asiakastieto build` first")
    the_site = load_site(settings)
    export_site(settings, the_site)
    with publish.rebuilding(settings.warehouse, copy_current=True) as new_file:
        return run_checks(settings, new_file, max_unclassified=the_site.unclassified_max_share,
                          required_sources=the_site.required_sources)


class Outcome(StrEnum):
    """How a refresh ended. `refresh` returns the first four; the CLI adds the last two and
    gives each its own exit code."""

    PUBLISHED = "published"  # new extracts landed, checked and published
    NOTHING_NEW = "nothing_new"  # no new extract; rebuilt from what was landed and published
    REJECTED_FILES = "rejected_files"  # a file was rejected (so its check fails critically)
    CRITICAL_FAILURE = "critical_failure"  # a check failed critically; nothing published
    ALREADY_RUNNING = "already_running"  # another run holds the lock; nothing done
    ERROR = "error"  # a stage failed; nothing published


@dataclass
class RefreshOutcome:
    ingest: object
    checks: object
    kind: Outcome
    message: str = ""
    published: bool = True


StageLog = Callable[[str, str], None]
"""`log(stage, message)`: a line per step of a refresh (landing, build, checks, publish)."""


def _quiet(stage: str, message: str) -> None:
    """The default StageLog: says nothing."""


def _counts(report) -> str:
    by_status = Counter(f.status for f in report.files)
    return (f"{by_status[LOADED]} file(s) loaded, {by_status[REJECTED]} rejected, "
            f"{by_status[ALREADY_LOADED]} already loaded")


def _site_version_of(warehouse: Path) -> str | None:
    """The version of the site the published warehouse was built with (None: none, or older
    than the site_info mart)."""
    built = publish.built_from(warehouse)
    return built.site_version if built else None


def refresh(settings: Settings, progress: Progress | None = None, *, as_of: str | None = None,
            full_refresh: bool = False, log: StageLog = _quiet) -> RefreshOutcome:
    """Ingest, build and check; publish the new warehouse only if no check failed critically.

    The site's `required_sources` are the landed sources it cannot do without: while one of
    them has no rows, the volume check fails and nothing is published. With no new extract
    the warehouse is still rebuilt (the care plans and the site may have changed since) and
    the outcome says NOTHING_NEW, unless the site changed since the published warehouse or
    `as_of`/`full_refresh` asked for a different build.
    """
    started = time.monotonic()
    for path in publish.sweep(settings.warehouse):
        log("landing", f"removed {path.name}, left unfinished by a run that was stopped")
    log("landing", f"reading {settings.landing}")
    check_landing(settings)
    the_site = load_site(settings)  # a broken site fails before anything is landed
    had_warehouse = settings.warehouse.exists()
    published_site = _site_version_of(settings.warehouse)
    ingest_report = ingest(settings, progress, the_site)
    log("landing", f"{_counts(ingest_report)} ({time.monotonic() - started:.1f} s)")
    new_file = publish.staging_path(settings.warehouse)
    try:
        if settings.warehouse.exists() and not full_refresh:
            shutil.copy2(settings.warehouse, new_file)
        started = time.monotonic()
        log("build", "dbt build" + (" (full refresh)" if full_refresh else ""))
        built = _build_into(settings, new_file, progress, as_of, full_refresh, the_site)
        log("build", f"{len(built.nodes)} node(s) built, {len(built.warnings)} warning(s) "
                     f"({time.monotonic() - started:.1f} s)")
        started = time.monotonic()
        log("checks", "data-quality checks")
        # Great Expectations takes seconds to import: only the stages that check pay for it.
        from expectations import run_checks

        checks = run_checks(settings, new_file, max_unclassified=the_site.unclassified_max_share,
                            required_sources=the_site.required_sources)
        log("checks", f"{len(checks.results)} check(s), {len(checks.critical_failures)} critical "
                      f"failed, {len(checks.warnings)} warning(s) "
                      f"({time.monotonic() - started:.1f} s)")
    except BaseException:
        publish.discard(new_file)
        raise
    # A file rejected in this run comes first: its own critical check (load_audit) fails, and
    # the missing rows often fail others; the person fixes the file.
    rejected = f"{len(ingest_report.rejected)} file(s) rejected (see above)"
    if checks.critical_failures:
        publish.discard(new_file)
        kept = ("the previous warehouse stays published" if had_warehouse
                else f"nothing was published ({settings.warehouse} does not exist)")
        log("publish", f"not published: {kept}")
        failed = f"{len(checks.critical_failures)} critical data-quality check(s) failed"
        if not ingest_report.ok:
            return RefreshOutcome(ingest_report, checks, Outcome.REJECTED_FILES, published=False,
                                  message=f"{rejected}, {failed}; {kept}. Fix the files as "
                                          "their messages say and refresh again.")
        return RefreshOutcome(ingest_report, checks, Outcome.CRITICAL_FAILURE, published=False,
                              message=f"{failed}; {kept}. Fix the extracts named above and "
                                      "refresh again.")
    publish.publish(new_file, settings.warehouse)
    log("publish", f"published {settings.warehouse}")
    if not ingest_report.ok:
        return RefreshOutcome(ingest_report, checks, Outcome.REJECTED_FILES, message=(
            f"{rejected}; the warehouse was rebuilt without them and published."))
    if (not any(f.status == LOADED for f in ingest_report.files) and published_site == \
            site.version(the_site) and as_of is None and not full_refresh):
        return RefreshOutcome(ingest_report, checks, Outcome.NOTHING_NEW, message=(
            f"no new extract in {settings.landing} and no change of the site: the warehouse "
            "was rebuilt from the extracts landed before (and the care plans as they are now) "
            "and published."))
    return RefreshOutcome(ingest_report, checks, Outcome.PUBLISHED,
                          message=f"new extracts landed; warehouse published: {settings.warehouse}")
