import duckdb
import pytest

from tests.dbt.fixture_raw import build_raw
from warehouse import stages
from warehouse.config import settings


@pytest.fixture(scope="session")
def fixture_warehouse(tmp_path_factory):
    """One dbt build of the hand-made raw store per test session."""
    s = settings(tmp_path_factory.mktemp("dbt") / "wh.duckdb")
    build_raw(s.raw)
    stages.build(s)
    return s


@pytest.fixture
def query(fixture_warehouse):
    def run(sql: str, params=None) -> list[tuple]:
        with duckdb.connect(str(fixture_warehouse.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()
    return run
