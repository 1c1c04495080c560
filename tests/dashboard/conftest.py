"""A fresh fixture warehouse per test, found by the app through ASIAKASTIETO_WAREHOUSE."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_warehouse import Facts, build

from dashboard.data import engine

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Facts:
    facts = build(tmp_path / "warehouse.duckdb")
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(facts.path))
    engine.clear_cache()
    return facts


@pytest.fixture
def app_path() -> str:
    return str(APP)


@pytest.fixture
def careplans(warehouse: Facts, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An empty care-plan store of its own, found through ASIAKASTIETO_CAREPLANS."""
    from warehouse.careplans import CarePlanStore

    path = tmp_path / "careplans.sqlite"
    monkeypatch.setenv("ASIAKASTIETO_CAREPLANS", str(path))
    return CarePlanStore(path)
