"""Fixture builders: extract files written in tmp_path, a fresh raw store per test."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingest import ingest_landing
from warehouse.config import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    data = tmp_path / "data"
    return Settings(data_dir=data, warehouse=data / "w.duckdb", raw=data / "w.raw.duckdb",
                    landing=tmp_path / "landing", archive=data / "archive")


@pytest.fixture
def landing(settings: Settings) -> Path:
    settings.landing.mkdir(parents=True)
    return settings.landing


@pytest.fixture
def run(settings: Settings):
    """Ingest a landing folder; returns the report."""
    return lambda landing=None: ingest_landing(landing or settings.landing, settings)


@pytest.fixture
def query(settings: Settings):
    """Query the raw store read-only."""
    def _query(sql: str, params=None):
        with duckdb.connect(str(settings.raw), read_only=True) as conn:
            return conn.execute(sql, params or []).fetchall()
    return _query
