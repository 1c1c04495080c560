"""Refreshes as a timer runs them, with dbt builds: two started together on one landing folder,
the same landing again, a rejected file and a critical failure; each tells its outcome to the
notification command and the state file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from warehouse.cli import app
from warehouse.config import settings
from warehouse.stores import refresh_state

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[2]
PUBLISHED, NOTHING_NEW, REJECTED_FILES, CRITICAL_FAILURE, ALREADY_RUNNING = 0, 3, 4, 5, 6
RUN_SECONDS = 900


def _hook(told: Path) -> str:
    return f'printf "%s %s" "$ASIAKASTIETO_OUTCOME" "$ASIAKASTIETO_EXIT_CODE" > {told}'


def _refresh_in_process(landing: Path, warehouse: Path, told: Path):
    return CliRunner().invoke(app, ["refresh", "--landing", str(landing), "--warehouse",
                                    str(warehouse), "--notify", _hook(told)])


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("unattended")
    landing, warehouse = root / "landing", root / "wh.duckdb"
    s = settings(warehouse, landing)
    result = CliRunner().invoke(app, ["demo-data", "--scale", "0.1", "--out", str(landing)])
    assert result.exit_code == 0, result.output

    # Two real processes (`python -m warehouse` is the console script) on the same landing.
    together = []
    for n in (1, 2):
        log = (root / f"together-{n}.log").open("wb")
        command = [sys.executable, "-m", "warehouse", "refresh", "--landing", str(landing),
                   "--warehouse", str(warehouse), "--notify", _hook(root / f"told-{n}.txt")]
        together.append((subprocess.Popen(command, cwd=PROJECT, stdout=log,
                                          stderr=subprocess.STDOUT), log))
    for process, log in together:
        process.wait(timeout=RUN_SECONDS)
        log.close()
    steps = {"together": [
        {"pid": p.pid, "code": p.returncode, "told": (root / f"told-{n}.txt").read_text(),
         "output": (root / f"together-{n}.log").read_text(errors="replace")}
        for n, (p, _) in enumerate(together, start=1)]}
    steps["together_state"] = refresh_state.last_refresh(s)
    steps["together_version"] = refresh_state.version_of(warehouse)

    def step(name: str) -> dict:
        result = _refresh_in_process(landing, warehouse, root / f"told-{name}.txt")
        return {"code": result.exit_code, "output": result.output,
                "told": (root / f"told-{name}.txt").read_text(),
                "state": refresh_state.last_refresh(s),
                "version": refresh_state.version_of(warehouse)}

    steps["again"] = step("again")
    broken = landing / "register" / "rikki.csv"  # no header of the register: rejected
    broken.write_text("Foo;Bar\n1;2\n", encoding="utf-8")
    steps["rejected"] = step("rejected")
    broken.unlink()

    # Every file of a source taken back: its volume check fails critically.
    with duckdb.connect(str(s.raw), read_only=True) as con:
        loads = [r[0] for r in con.execute("select load_id from load_audit where status = "
                                           "'loaded' and source = 'sap_headcount'").fetchall()]
    for load_id in loads:
        result = CliRunner().invoke(app, ["retract", load_id, "--reason", "väärä poiminta",
                                          "--warehouse", str(warehouse)])
        assert result.exit_code == 0, result.output
    steps["failed"] = step("failed")
    return steps


def test_two_refreshes_started_together_one_publishes_the_other_is_refused(runs):
    ran = sorted(runs["together"], key=lambda r: r["code"])
    assert [r["code"] for r in ran] == [PUBLISHED, ALREADY_RUNNING], ran
    winner, refused = ran
    said = " ".join(refused["output"].split())
    assert f"pid {winner['pid']} on" in said and "started 20" in said, said
    assert "is already working on this warehouse" in said
    assert " landing: " not in refused["output"], "the refused run did nothing"
    assert refused["told"] == f"already_running {ALREADY_RUNNING}"
    assert winner["told"] == f"published {PUBLISHED}"
    for stage in ("landing", "build", "checks", "publish"):
        assert f" {stage}: " in winner["output"], stage
    state = runs["together_state"]
    assert (state.outcome, state.exit_code, state.published, state.pid) == (
        "published", PUBLISHED, True, winner["pid"])
    assert state.warehouse_version == runs["together_version"] is not None


def test_the_same_landing_again_is_nothing_new(runs):
    again = runs["again"]
    assert again["code"] == NOTHING_NEW, again["output"]
    assert again["told"] == f"nothing_new {NOTHING_NEW}"
    assert (again["state"].outcome, again["state"].published) == ("nothing_new", True)
    assert again["state"].warehouse_version == again["version"] != runs["together_version"]


def test_a_rejected_file_has_its_own_code_and_nothing_is_published(runs):
    rejected = runs["rejected"]
    assert rejected["code"] == REJECTED_FILES, rejected["output"]
    said = " ".join(rejected["output"].split())
    assert "rikki.csv" in said and "1 file(s) rejected" in said
    assert rejected["told"] == f"rejected_files {REJECTED_FILES}"
    assert (rejected["state"].outcome, rejected["state"].published) == ("rejected_files", False)
    assert rejected["state"].warehouse_version == rejected["version"] == runs["again"]["version"]


def test_a_critical_failure_has_its_own_code_and_the_published_version_stays(runs):
    failed = runs["failed"]
    assert failed["code"] == CRITICAL_FAILURE, failed["output"]
    assert failed["told"] == f"critical_failure {CRITICAL_FAILURE}"
    state = failed["state"]
    assert (state.outcome, state.exit_code, state.published) == (
        "critical_failure", CRITICAL_FAILURE, False)
    assert state.warehouse_version == failed["version"] == runs["rejected"]["version"]
    assert "previous warehouse stays published" in " ".join(failed["output"].split())


def test_a_run_without_a_terminal_logs_each_file_and_each_stage_time(runs):
    """Into a log file (a timer's run): a timestamped line per file landed, the stages' times
    at the end, and none of the libraries' INFO chatter."""
    winner = next(r for r in runs["together"] if r["code"] == PUBLISHED)
    out = winner["output"]
    done = re.findall(r"^\S+ landing: (\d+)/(\d+) (.+) done$", out, re.MULTILINE)
    assert done and len(done) == int(done[0][1]), out
    assert [int(n) for n, _, _ in done] == list(range(1, len(done) + 1))
    assert re.search(r"^\S+ time: landing \d+\.\d s · build \d+\.\d s · checks \d+\.\d s · "
                     r"publish \d+\.\d s; \d+\.\d s in all$", out, re.MULTILINE), out
    assert "INFO" not in out and "great_expectations" not in out
