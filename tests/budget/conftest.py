"""One dbt build of the budget fixture per session (tests/budget/fixture_budget.py)."""

import duckdb
import pytest

from tests.budget.fixture_budget import build_raw, fill_store
from warehouse import stages
from warehouse.careplans import CarePlanStore
from warehouse.config import settings


@pytest.fixture(scope="session")
def budget_warehouse(tmp_path_factory):
    s = settings(tmp_path_factory.mktemp("budget") / "wh.duckdb")
    build_raw(s.raw)
    fill_store(CarePlanStore(s.careplan_store))
    stages.build(s)
    return s


@pytest.fixture
def bq(budget_warehouse):
    def run(sql: str, params=None) -> list[tuple]:
        with duckdb.connect(str(budget_warehouse.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()
    return run
