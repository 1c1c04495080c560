import duckdb
import pytest


@pytest.fixture
def fixture_warehouse(fixture_raw_build):
    """The session's one dbt build of the hand-made raw store (tests/conftest.py)."""
    return fixture_raw_build


@pytest.fixture
def query(fixture_warehouse):
    def run(sql: str, params=None) -> list[tuple]:
        with duckdb.connect(str(fixture_warehouse.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()
    return run
