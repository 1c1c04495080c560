"""The CLI as schedulers and people call it."""

import os
import subprocess
import sys

import duckdb
import pytest
from typer.testing import CliRunner

from tests.dbt.fixture_raw import build_raw
from tests.installations import copy_build
from warehouse import stages
from warehouse.cli import app
from warehouse.config import raw_path_for

runner = CliRunner()


def test_help_names_every_stage():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("demo-data", "ingest", "build", "check", "refresh", "serve"):
        assert command in result.output


def test_build_without_raw_store_says_what_to_do(tmp_path):
    result = runner.invoke(app, ["build", "--warehouse", str(tmp_path / "wh.duckdb")])
    assert result.exit_code == 1
    assert "asiakastieto ingest" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_build_then_check_publish_a_queryable_warehouse(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    build_raw(raw_path_for(warehouse))
    result = runner.invoke(app, ["build", "--warehouse", str(warehouse), "--as-of", "2025-03"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["check", "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    assert "Data quality" in result.output
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select distinct as_of_month::varchar from customers").fetchall() == [
            ("2025-03-01",)]
        assert con.execute("select count(*) from data_quality_results").fetchone()[0] > 0
    # Nothing is left behind next to the published file.
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "wh.duckdb", "wh.raw.duckdb"]


def test_serve_without_warehouse_fails_clearly(tmp_path):
    result = runner.invoke(app, ["serve", "--warehouse", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "refresh" in result.output


@pytest.mark.slow
def test_docs_describe_every_mart_in_one_static_page(fixture_raw_build, tmp_path):
    # a copy of the session's build of the hand-made raw store (the build CLI is tested above)
    warehouse = copy_build(fixture_raw_build, tmp_path / "wh.duckdb").warehouse
    result = runner.invoke(app, ["docs", "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "wh_dbt_docs" / "index.html").read_text(encoding="utf-8")
    for mart in ("customer_charge_changes", "billing_reconciliation", "page_customer"):
        assert mart in page


def test_batch_commands_yield_the_cpu_to_the_dashboard():
    """ingest/build/check/refresh lower their own process's CPU priority
    (ASIAKASTIETO_BATCH_NICE, default 10), never below what the caller set, so a refresh on
    the dashboard's server does not slow page views."""
    # The console script's `main`, with `check` replaced by a probe of the niceness it runs at.
    probe = ("import os, sys; from warehouse import cli, stages; "
             "stages.check = lambda s: sys.exit(print(os.getpriority(os.PRIO_PROCESS, 0))); "
             "sys.argv = ['asiakastieto', 'check']; cli.main()")
    base = os.getpriority(os.PRIO_PROCESS, 0)

    def niceness(value: str | None) -> int:
        env = {k: v for k, v in os.environ.items() if k != "ASIAKASTIETO_BATCH_NICE"}
        if value is not None:
            env["ASIAKASTIETO_BATCH_NICE"] = value
        done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                              text=True, check=True)
        return int(done.stdout.strip().splitlines()[-1])  # after the log line of `check`

    assert niceness(None) == max(base, 10)
    assert niceness("15") == max(base, 15)
    assert niceness("0") == base


def test_batch_commands_called_in_process_leave_the_caller_s_priority(monkeypatch):
    """`app` called in-process (CliRunner, a script) must not renice its caller."""
    seen = []
    monkeypatch.setattr(stages, "check", lambda s: seen.append(
        os.getpriority(os.PRIO_PROCESS, 0)) or sys.exit(0))
    monkeypatch.setenv("ASIAKASTIETO_BATCH_NICE", "19")
    before = os.getpriority(os.PRIO_PROCESS, 0)
    runner.invoke(app, ["check"])
    assert seen == [before] and os.getpriority(os.PRIO_PROCESS, 0) == before
