"""`Applier`: publishes the care-plan saves the published warehouse does not show yet, with a
targeted dbt build into a copy and the atomic rename a refresh uses (warehouse/edits/)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse import publish, site
from warehouse.build import BuildError, build
from warehouse.config import Settings
from warehouse.edits.project import Project, selection
from warehouse.edits.spare import Spare
from warehouse.stores import careplan_export, run_lock
from warehouse.stores.careplan_layout import SECTIONS
from warehouse.stores.careplans import CarePlanStore
from warehouse.stores.edits_state import EditsState, State, read, record
from warehouse.stores.refresh_state import version_of

COMMAND = "asiakastieto apply-edits"
THREADS = 2  # a targeted build's models and tests are many and small: two at a time
RAW_LOCK_SECONDS = 30.0  # how long to wait for the raw store (a reader of the setup page)

Log = Callable[[str, str], None]


def quiet(stage: str, message: str) -> None:
    """The default Log: says nothing."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _export(settings: Settings) -> None:
    """Copy the store into the raw store, waiting while another process reads the raw store
    (DuckDB lets one writer in only when no other process has the file open)."""
    deadline = time.monotonic() + RAW_LOCK_SECONDS
    while True:
        try:
            with duckdb.connect(str(settings.raw)) as con:
                careplan_export.export_to(settings.careplan_store, con)
            return
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _exported_change(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return int(con.execute("select max(store_change) from careplan_info").fetchone()[0])


class Applier:
    """Publishes the care-plan store's new saves into the warehouse; keeps dbt's parsed
    project between runs (a follower process pays for parsing once)."""

    def __init__(self, settings: Settings, log: Log = quiet) -> None:
        self.settings = settings
        self.log = log
        self.store = CarePlanStore(settings.careplan_store)  # read-only: no write guard
        self.project = Project(settings, log)
        self.spare = Spare(settings.warehouse)

    def prepare(self) -> None:
        """Parse the dbt project ahead of the first save (a follower's start)."""
        try:
            self.project.manifest(site.load_site(self.settings.site).dbt_vars())
        except (site.SiteError, BuildError) as error:
            self.log("edits", f"not parsed ahead: {error}")

    def _record(self, state: State, change: int, message: str = "", **more) -> EditsState:
        step = EditsState(state, change, _now(), message, pid=os.getpid(), **more)
        previous = read(self.settings.edits_state)
        if previous is None or (previous.state, previous.store_change, previous.message) != (
                step.state, step.store_change, step.message) or state == State.PUBLISHED:
            record(self.settings.edits_state, step)
            self.log("edits", f"{state}: {message}" if message else str(state))
        return step

    def apply(self, *, wait: bool = False) -> EditsState | None:
        """Publish the saves the published warehouse does not show yet; None when it shows
        them all. Otherwise the step taken (also written to `Settings.edits_state`). With
        `wait`, a build of another applier (a follower) is waited for, not left to it."""
        s = self.settings
        saved = self.store.last_change()
        built = publish.built_from(s.warehouse)
        if built is None:
            return self._record(State.NO_WAREHOUSE, saved,
                                f"no warehouse at {s.warehouse}: the first refresh builds it")
        if built.store_change == saved:
            return None
        try:
            the_site = site.load_site(s.site)
        except site.SiteError as error:
            return self._record(State.FAILED, saved, f"the site folder needs fixing: {error}")
        if site.version(the_site) != built.site_version:
            return self._record(
                State.WAITING_SITE, saved,
                "the site's settings changed since the published build: the next "
                "`asiakastieto refresh` publishes them together with the care-plan saves")
        try:
            with run_lock.hold(s.refresh_lock, COMMAND, wait_for=(COMMAND,) if wait else ()):
                return self._build(the_site, saved)
        except run_lock.AlreadyRunning as error:
            if error.holder is not None and error.holder.command == COMMAND:
                return None  # another follower (a second dashboard process) is publishing
            who = error.holder.describe() if error.holder else "another run"
            return self._record(State.WAITING_REFRESH, saved,
                                f"{who} holds the warehouse; the saves follow when it ends")

    def _build(self, the_site: site.Site, saved: int) -> EditsState | None:
        s = self.settings
        built = publish.built_from(s.warehouse)  # a refresh may have published meanwhile
        if built is None or built.store_change == saved:
            return None
        if built.store_change is None or built.store_change > saved:
            # Built before the watermark existed, or from a store that has since gone back
            # (a restore): every section may differ.
            sections = set(SECTIONS)
        else:
            sections = self.store.sections_changed_after(built.store_change)
        self._record(State.BUILDING, saved, "", sections=tuple(sorted(sections)))
        dbt_vars = the_site.dbt_vars()
        seconds: dict[str, float] = {}
        clock = time.monotonic()

        def lap(phase: str) -> None:
            nonlocal clock
            now = time.monotonic()
            seconds[phase] = round(now - clock, 3)
            clock = now

        manifest = self.project.manifest(dbt_vars)
        lap("parse")
        _export(s)
        lap("export")
        new_file = self.spare.take(built.version)
        try:
            lap("copy")
            chosen = selection(manifest, sections)
            result = build(s, new_file, dbt_vars=dbt_vars, select=chosen,
                           skip_unit_tests=True, manifest=manifest, threads=THREADS)
            lap("dbt")
            change = _exported_change(new_file)
            # The rename keeps the file's identity: recorded first, so that a dashboard that
            # sees the new file knows it for an edits publish (dashboard/data/engine.py).
            version = version_of(new_file)
            self._record(State.PUBLISHING, change, published_version=version,
                         sections=tuple(sorted(sections)))
            publish.publish(new_file, s.warehouse)
            lap("publish")
        except BuildError as error:
            publish.discard(new_file)
            return self._record(State.FAILED, saved, str(error).splitlines()[0] + " "
                                + " ".join(str(error).splitlines()[1:3]).strip(),
                                sections=tuple(sorted(sections)))
        except BaseException:
            publish.discard(new_file)
            raise
        return self._record(
            State.PUBLISHED, change,
            f"{', '.join(sorted(sections)) or 'no section'}: {len(result.nodes)} dbt node(s) "
            f"in {sum(seconds.values()):.1f} s",
            sections=tuple(sorted(sections)), seconds=seconds, published_version=version)


