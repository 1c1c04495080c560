"""Run dbt in-process (dbtRunner) against a new warehouse file."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from warehouse.config import DBT_PROJECT_DIR, Settings
from warehouse.site import load_site


class BuildError(RuntimeError):
    """dbt failed: the message lists the failing nodes."""


@dataclass
class BuildResult:
    nodes: list[dict] = field(default_factory=list)

    @property
    def failures(self) -> list[dict]:
        return [n for n in self.nodes if n["status"] in {"error", "fail", "runtime error"}]

    @property
    def warnings(self) -> list[dict]:
        return [n for n in self.nodes if n["status"] == "warn"]


def run_dbt(
    args: list[str],
    settings: Settings,
    build_path: Path,
    *,
    dbt_vars: dict | None = None,
    on_node: Callable[[dict], None] | None = None,
    manifest: object | None = None,
):
    """Invoke dbt with the project's profile; the raw store is attached read-only as `raw`.
    The vars are the site's policy (site.toml) unless given. `manifest`, the result of an
    earlier `parse` with the same vars and project files, saves parsing the project again."""
    # dbt takes seconds to import: only the commands that run it pay for it.
    from dbt.cli.main import dbtRunner

    if not settings.raw.exists():
        raise BuildError(
            f"No raw store at {settings.raw}: run `asiakastieto ingest --landing DIR` first."
        )
    callbacks = []
    if on_node is not None:
        def _callback(event) -> None:
            if event.info.name == "NodeFinished":
                on_node({"node": event.data.node_info.unique_id,
                         "status": event.data.node_info.node_status})
        callbacks.append(_callback)
    full_args = [
        *args,
        "--vars", json.dumps(dbt_vars if dbt_vars is not None else
                             load_site(settings.site).dbt_vars()),
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(settings.dbt_target),
        "--log-path", str(settings.dbt_target / "logs"),
        "--quiet",
    ]
    # The profile reads both paths from the environment: set for dbt's run only, so that
    # nothing else in this process (a test, a page) reads another installation's raw store.
    paths = {"ASIAKASTIETO_BUILD_PATH": str(build_path), "ASIAKASTIETO_RAW": str(settings.raw)}
    saved = {name: os.environ.get(name) for name in paths}
    os.environ.update(paths)
    try:
        return dbtRunner(manifest=manifest, callbacks=callbacks).invoke(full_args)
    finally:
        _close_dbt_connection()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _close_dbt_connection() -> None:
    """dbt-duckdb keeps its DuckDB connection for the process; close it so the file is complete."""
    # dbt's adapter is loaded only where dbt ran (see run_dbt).
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    env = DuckDBConnectionManager._ENV
    if env is not None:
        env.close()
    DuckDBConnectionManager.close_all_connections()


def parse(settings: Settings, build_path: Path, dbt_vars: dict):
    """The parsed project (dbt's Manifest) for builds into files named like `build_path`
    (DuckDB names the database after the file, and the manifest holds that name)."""
    res = run_dbt(["parse"], settings, build_path, dbt_vars=dbt_vars)
    if not res.success:
        raise BuildError(f"dbt parse failed: {res.exception}")
    return res.result


def build(
    settings: Settings,
    build_path: Path,
    *,
    dbt_vars: dict | None = None,
    full_refresh: bool = False,
    on_node: Callable[[dict], None] | None = None,
    select: list[str] | None = None,
    skip_unit_tests: bool = False,
    manifest: object | None = None,
    threads: int | None = None,
) -> BuildResult:
    """`dbt build` (seeds, models, tests) into `build_path`; raises BuildError on failure.

    When `build_path` is a copy of the last warehouse, the incremental charge models only
    process new loads; `full_refresh` rebuilds them from every landed row. `select` (dbt's
    node selection) builds those nodes and their tests alone; `skip_unit_tests` leaves out the
    unit tests, which check SQL logic on hand-made rows rather than the data; `threads`
    overrides the profile's one thread.
    """
    args = ["build", "--full-refresh"] if full_refresh else ["build"]
    args += ["--select", *select] if select else []
    args += ["--exclude-resource-type", "unit_test"] if skip_unit_tests else []
    args += ["--threads", str(threads)] if threads else []
    res = run_dbt(args, settings, build_path, dbt_vars=dbt_vars, on_node=on_node,
                  manifest=manifest)
    result = BuildResult()
    for r in getattr(res.result, "results", None) or []:
        result.nodes.append({
            "node": r.node.unique_id,
            "status": str(r.status),
            "message": r.message or "",
            "failures": r.failures,
        })
    if not res.success:
        detail = "\n".join(f"  {n['node']}: {n['message']}" for n in result.failures)
        if res.exception is not None:
            detail = f"{detail}\n  {res.exception}".strip("\n")
        raise BuildError(f"dbt build failed:\n{detail}")
    return result


def source_freshness(settings: Settings, database: Path) -> list[dict]:
    """`dbt source freshness`: one dict per source table with status pass / warn / error."""
    res = run_dbt(["source", "freshness", "--output", str(settings.dbt_target / "sources.json")],
                  settings, database)
    rows = []
    for r in getattr(res.result, "results", None) or []:
        rows.append({
            "source": r.node.name.removeprefix("raw_"),
            "status": str(r.status),
            "max_loaded_at": getattr(r, "max_loaded_at", None),
            "age_seconds": getattr(r, "age", None),
            "owner": (r.node.meta or {}).get("owner"),
        })
    return rows
