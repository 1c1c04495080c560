"""Installations that the slow tests share, built once a session by a fixture of
tests/conftest.py: the demo city through the real CLI (`demo_city`). It is read-only; a test
that refreshes or edits works on a copy (`copy_installation`)."""

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from warehouse.cli import app
from warehouse.config import settings

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

