"""`asiakastieto status`: what an operator and a monitor see — the last refresh, a refresh
running now, the published warehouse, the stores and the last backup — and an exit code that
says whether anything needs attention."""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from warehouse import access, config
from warehouse.careplans import CarePlanStore
from warehouse.cli import app
from warehouse.cli.status import attention
from warehouse.stores import backup, edits_state, refresh_state, run_lock
from warehouse.stores.status import findings, status

runner = CliRunner()


@pytest.fixture
def install(tmp_path, monkeypatch):
    """An installation in tmp_path/data: a published warehouse and a care plan saved."""
    for name in ("ASIAKASTIETO_WAREHOUSE", "ASIAKASTIETO_RAW", "ASIAKASTIETO_ARCHIVE",
                 "ASIAKASTIETO_CAREPLANS", "ASIAKASTIETO_ACCOUNTS", "ASIAKASTIETO_AUDIT",
                 "ASIAKASTIETO_SITE", "ASIAKASTIETO_LANDING"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASIAKASTIETO_DATA_DIR", str(tmp_path / "data"))
    s = config.settings()
    s.warehouse.parent.mkdir(parents=True)
    with duckdb.connect(str(s.warehouse)) as con:
        con.execute("CREATE TABLE customers AS SELECT 'C001' AS customer_id")
    director = access.User("dir", "director", "Dora Director", None, "local")
    CarePlanStore(s.careplan_store).add("C001", "marketing", {"action": "IT-messut"},
                                        user=director)
    return s


def _refresh(s, exit_code: int, outcome: str, message: str = "") -> None:
    now = datetime.now(UTC)
    refresh_state.record(s.refresh_state, refresh_state.LastRefresh(
        outcome=outcome, exit_code=exit_code, message=message or outcome,
        started_at=now - timedelta(minutes=3), finished_at=now, published=exit_code == 0,
        warehouse=s.warehouse, warehouse_version=refresh_state.version_of(s.warehouse),
        landing=Path("/srv/landing"), pid=os.getpid(), host="test"))


def test_a_fresh_installation_needs_its_first_backup(install):
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 1, result.output
    assert "no backup recorded" in result.output
    assert "last refresh" in result.output and "none recorded" in result.output
    found = status(install)
    careplans = next(x for x in found.stores if x.name == "careplans")
    assert careplans.exists and careplans.schema_version == careplans.supported_version
    assert found.warehouse.exists and found.warehouse.version == refresh_state.version_of(
        install.warehouse)


def test_all_is_well_after_a_published_refresh_and_a_backup(install, tmp_path):
    _refresh(install, 0, "published", "3 new files landed, checked and published")
    backup.take(install, tmp_path / "backup")
    result = runner.invoke(app, ["status", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["attention"] == []
    assert report["last_refresh"]["outcome"] == "published"
    assert report["last_backup"]["folder"] == str(tmp_path / "backup")
    assert report["warehouse"]["age_days"] < 1 and report["running"] is None
    assert {x["name"] for x in report["stores"]} == {"careplans", "audit", "accounts"}


def test_a_failed_refresh_an_old_warehouse_and_an_old_backup_need_attention(install, tmp_path):
    _refresh(install, 5, "critical_failure", "a critical check failed: charges volume")
    backup.take(install, tmp_path / "backup")
    later = datetime.now(UTC) + timedelta(days=50)
    notes = attention(status(install), max_age_days=40, max_backup_age_days=8, now=later)
    assert any("critical_failure (exit 5)" in n and "charges volume" in n for n in notes)
    assert any("warehouse is 50 days old" in n for n in notes)
    assert any("last backup is 50 days old" in n for n in notes)


def test_a_running_refresh_is_named(install):
    with run_lock.hold(install.refresh_lock, "asiakastieto refresh --landing /srv/landing"):
        result = runner.invoke(app, ["status"])
        assert "asiakastieto refresh --landing /srv/landing" in result.output
        assert f"pid {os.getpid()}" in result.output
        assert status(install).running.pid == os.getpid()
    assert status(install).running is None, "a released lock is not a running refresh"


def test_an_unreadable_state_file_is_reported_not_raised(install):
    install.refresh_state.write_text("not json", encoding="utf-8")
    result = runner.invoke(app, ["status", "--json"])
    assert result.exit_code == 1
    assert any("not a refresh state file" in n for n in json.loads(result.output)["attention"])


def test_a_failed_care_plan_build_needs_attention(install):
    step = edits_state.EditsState(edits_state.State.FAILED, 7, "2026-12-06T10:00:00+00:00",
                                  "dbt build failed: accepted_values potential_score")
    edits_state.record(install.edits_state, step)
    result = runner.invoke(app, ["status", "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["edits"]["state"] == "failed"
    assert any("care-plan save 7 failed" in n and "accepted_values" in n
               for n in report["attention"])
    edits_state.record(install.edits_state, dataclasses.replace(
        step, state=edits_state.State.PUBLISHED, message="potential: 53 dbt node(s) in 2.9 s"))
    assert not [f for f in findings(status(install)) if f.key == "edits_failed"]
    assert "store change 7" in runner.invoke(app, ["status"]).output
