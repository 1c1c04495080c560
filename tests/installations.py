"""Installations that the slow tests share, each built once a session by a fixture of
tests/conftest.py: the demo city through the real CLI (`demo_city`) and the hand-made raw
store of tests/dbt/fixture_raw.py built with dbt (`fixture_raw_build`). They are read-only; a
test that refreshes, builds or edits works on a copy (`copy_installation`, `copy_build`)."""

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from warehouse.cli import app
from warehouse.config import Settings, settings

DEMO_SCALE = 0.1


def build_demo_city(root: Path) -> dict:
    """`asiakastieto demo-data` then `refresh` under `root`: {settings, manifest,
    refresh_output}."""
    landing, warehouse = root / "landing", root / "wh.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["demo-data", "--scale", str(DEMO_SCALE), "--out",
                                 str(landing)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["refresh", "--landing", str(landing), "--warehouse",
                                 str(warehouse)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((landing / "_manifest.json").read_text(encoding="utf-8"))
    return {"settings": settings(warehouse, landing), "manifest": manifest,
            "refresh_output": result.output}


def build_fixture_raw(root: Path) -> Settings:
    """The hand-made raw store (tests/dbt/fixture_raw.py) built with dbt under `root`."""
    from tests.dbt.fixture_raw import build_raw
    from warehouse import stages

    s = settings(root / "wh.duckdb")
    build_raw(s.raw)
    stages.build(s)
    return s


def copy_installation(demo: dict, root: Path) -> tuple[Path, Path]:
    """A copy of the demo installation (landing, warehouse, raw store, site) under `root`
    that a test may change without touching the others': (landing, warehouse)."""
    s = demo["settings"]
    landing, warehouse = root / "landing", root / "wh.duckdb"
    shutil.copytree(s.landing, landing)
    shutil.copy(s.warehouse, warehouse)
    shutil.copy(s.raw, root / "wh.raw.duckdb")
    shutil.copytree(s.site, root / "site")
    return landing, warehouse


def copy_build(s: Settings, warehouse: Path) -> Settings:
    """A copy of a built installation's warehouse, raw store and site, the warehouse at
    `warehouse` (the raw store and site beside it, as `settings(warehouse)` finds them)."""
    copy = settings(warehouse)
    shutil.copy(s.warehouse, copy.warehouse)
    shutil.copy(s.raw, copy.raw)
    shutil.copytree(s.site, copy.site)
    return copy
