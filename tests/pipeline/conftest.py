import json

import pytest
from typer.testing import CliRunner

from warehouse.cli import app
from warehouse.config import settings

SCALE = 0.1


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The demo city at a small scale, through the real CLI: demo-data, then refresh."""
    root = tmp_path_factory.mktemp("pipeline")
    landing, warehouse = root / "landing", root / "wh.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["demo-data", "--scale", str(SCALE), "--out", str(landing)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["refresh", "--landing", str(landing), "--warehouse",
                                 str(warehouse)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((landing / "_manifest.json").read_text(encoding="utf-8"))
    return {"settings": settings(warehouse, landing), "manifest": manifest,
            "refresh_output": result.output}
