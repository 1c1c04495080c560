"""The recent-query list that warms a new warehouse file and a restarted server, and the
dashboard's DuckDB instance having no file access."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import duckdb
import pytest

from dashboard.data import careplan, engine, hot_queries, overview, served
from dashboard.data.filters import Filters
from warehouse.config import settings

DB = engine.cached()  # the pages' reader: the served, cached engine


def test_queries_survive_a_round_trip_through_the_file(tmp_path):
    recent = hot_queries.Recent(limit=3)
    query = hot_queries.hashable(
        ("SELECT $d", [("d", dt.date(2024, 3, 1)), ("l", ["a", "b"]),
                       ("t", dt.datetime(2024, 3, 1, 12, 5)), ("x", Decimal("1.50"))],
         "customers", False, True))
    recent.remember(("SELECT 1", (), "customers", False, False))
    recent.remember(query)
    path = tmp_path / "recent.json"
    recent.save_if_due(path, force=True)
    again = hot_queries.Recent(limit=3)
    again.remember(("SELECT 2", (), "customers", False, False))  # asked in this process
    assert again.load(path) == 2
    assert again.newest_first() == [("SELECT 2", (), "customers", False, False), query,
                                    ("SELECT 1", (), "customers", False, False)]
    for q in ("SELECT 3", "SELECT 4"):
        again.remember((q, (), "customers", False, False))
    assert len(again.newest_first()) == 3  # bounded


@pytest.mark.parametrize("content", ["not json", '[{"oops": 1}]', '[["only", "two"]]', ""])
def test_a_damaged_file_is_ignored(tmp_path, content):
    path = tmp_path / "recent.json"
    path.write_text(content)
    recent = hot_queries.Recent()
    assert recent.load(path) == 0 and recent.newest_first() == []
    assert recent.load(tmp_path / "missing.json") == 0


def test_a_restarted_server_warms_the_queries_saved_before(warehouse, monkeypatch):
    """The first query of a (simulated) restart starts a background warm-up of the saved
    queries; afterwards they are answered from the cache."""
    overview.kpis(DB, Filters())
    careplan.customer_list(DB)
    engine.ENGINE.recent.save_if_due(settings().recent_queries, force=True)
    saved = json.loads(settings().recent_queries.read_text())
    assert len(saved) >= 2
    engine.clear_cache()  # the restart: no cache, no open file, no recent queries
    monkeypatch.setattr(served.SERVED, "background", True)
    overview.as_of_month(DB)  # the first user's first query
    served.SERVED.last_thread.join(timeout=60)
    assert len(engine.ENGINE.recent.newest_first()) == len(saved) + 1

    def no_duckdb(version):
        raise AssertionError("expected a cached answer")

    monkeypatch.setattr(served.SERVED, "cursor", no_duckdb)
    assert not overview.kpis(DB, Filters()).empty
    assert not careplan.customer_list(DB).empty


def test_the_dashboard_instance_has_no_file_access(warehouse, tmp_path):
    overview.kpis(DB)
    version = served.SERVED.current(str(warehouse.path))
    cursor = served.SERVED.cursor(version)
    try:
        for sql in ("SELECT * FROM read_csv('/etc/passwd')",
                    f"COPY (SELECT 1) TO '{tmp_path / 'x.csv'}'",
                    "SET enable_external_access = true"):
            with pytest.raises(duckdb.Error):
                cursor.execute(sql)
    finally:
        cursor.close()
    assert not (tmp_path / "x.csv").exists()
