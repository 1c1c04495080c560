"""Access-control tests: a fixture warehouse, care-plan store, accounts file and audit log of
their own (found through the ASIAKASTIETO_* variables), and AppTest helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from access_helpers import PASSWORD, builder


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Paths of one installation: warehouse (4 customers: C001, C003 Anna Aalto's, C002 Berit
    Berg's, C004 Cecilia Cronberg's), store, accounts, audit log."""
    from dashboard.data import engine

    facts = builder().build(tmp_path / "warehouse.duckdb")
    paths = {"warehouse": facts.path, "careplans": tmp_path / "careplans.sqlite",
             "accounts": tmp_path / "accounts.toml", "audit": tmp_path / "audit.sqlite"}
    monkeypatch.setenv("ASIAKASTIETO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(paths["warehouse"]))
    monkeypatch.setenv("ASIAKASTIETO_CAREPLANS", str(paths["careplans"]))
    monkeypatch.setenv("ASIAKASTIETO_ACCOUNTS", str(paths["accounts"]))
    monkeypatch.setenv("ASIAKASTIETO_AUDIT", str(paths["audit"]))
    monkeypatch.delenv("ASIAKASTIETO_AUTH", raising=False)
    engine.clear_cache()
    return paths


@pytest.fixture(scope="session")
def _accounts_written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The accounts file as `asiakastieto user add` writes it, once a run: each password costs
    a deliberately slow scrypt hash."""
    from warehouse import access

    path = tmp_path_factory.mktemp("accounts") / "accounts.toml"
    access.add_account(path, "dir", "director", password=PASSWORD, display_name="Dora Director")
    access.add_account(path, "anna", "manager", password=PASSWORD, manager_name="Anna Aalto")
    access.add_account(path, "berit", "manager", password=PASSWORD, manager_name="Berit Berg")
    access.add_account(path, "view", "viewer", password=PASSWORD, display_name="Ville Viewer")
    access.add_account(path, "boss@city.fi", "director", password=None)
    return path


@pytest.fixture
def accounts(site, _accounts_written: Path) -> Path:
    """director `dir`, managers `anna` (Anna Aalto) and `berit` (Berit Berg), viewer `view`:
    a copy of the test's own (file mode included)."""
    path = site["accounts"]
    shutil.copy2(_accounts_written, path)
    return path
