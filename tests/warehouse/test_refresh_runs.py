"""An unattended refresh: one at a time, an exit code per outcome, the notification command and
the state file. The outcomes that need a dbt build are in test_unattended_refresh.py."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from warehouse import edits
from warehouse.cli import app
from warehouse.config import settings
from warehouse.stores import refresh_state, run_lock

runner = CliRunner()

# The exit codes are a contract with schedulers and scripts (README, `refresh --help`).
ERROR, ALREADY_RUNNING = 1, 6


def _squash(text: str) -> str:
    return "".join(text.split())


def _squash_spaces(text: str) -> str:
    return " ".join(text.split())


def _hook(tmp_path, exit_code: int = 0) -> tuple[str, object]:
    """A notification command that writes what it was told to a file, then exits."""
    told = tmp_path / "told.txt"
    return (f'printf "%s|%s|%s" "$ASIAKASTIETO_OUTCOME" "$ASIAKASTIETO_EXIT_CODE" '
            f'"$ASIAKASTIETO_MESSAGE" > {told}; exit {exit_code}'), told


def test_a_second_run_is_refused_at_once_naming_the_first(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    s = settings(warehouse)
    command, told = _hook(tmp_path)
    with run_lock.hold(s.refresh_lock, "asiakastieto refresh") as lock:
        result = runner.invoke(app, ["refresh", "--landing", str(tmp_path), "--warehouse",
                                     str(warehouse), "--notify", command])
        others = [runner.invoke(app, [name, "--warehouse", str(warehouse)])
                  for name in ("build", "check")]

    assert result.exit_code == ALREADY_RUNNING, result.output
    out = _squash(result.output)
    assert _squash(f"pid {lock.holder.pid}") in out
    assert _squash(f"started {lock.holder.started_at}") in out
    assert "alreadyworkingonthiswarehouse" in out
    assert "landing:" not in result.output, "a refused run does nothing"
    assert told.read_text().startswith(f"already_running|{ALREADY_RUNNING}|")
    assert refresh_state.last_refresh(s) is None, "a refused run leaves the state alone"
    for other in others:
        assert other.exit_code == ALREADY_RUNNING, other.output
    assert not s.refresh_lock.exists(), "a released lock leaves no file"


def test_a_run_waits_for_a_care_plan_build_instead_of_refusing(tmp_path, monkeypatch):
    """A care-plan save's build (`apply-edits`, seconds) holds the lock: a refresh started
    meanwhile waits for it; a command that holds it for long is still refused at once."""
    s = settings(tmp_path / "wh.duckdb")
    holder = contextlib.ExitStack()
    holder.enter_context(run_lock.hold(s.refresh_lock, edits.COMMAND))
    waited = []

    def release_on_first_wait(seconds: float) -> None:
        waited.append(seconds)
        holder.close()  # the edits build ends while the refresh waits

    monkeypatch.setattr(run_lock.time, "sleep", release_on_first_wait)
    with run_lock.hold(s.refresh_lock, "asiakastieto refresh",
                       wait_for=(edits.COMMAND,)) as lock:
        assert lock.holder.command == "asiakastieto refresh"
    assert len(waited) == 1
    with (run_lock.hold(s.refresh_lock, "asiakastieto refresh"),
          pytest.raises(run_lock.AlreadyRunning),
          run_lock.hold(s.refresh_lock, "asiakastieto build", wait_for=(edits.COMMAND,))):
        pass
    assert len(waited) == 1, "no wait for a command that is not a care-plan build"


def test_a_lock_left_by_a_killed_run_does_not_block(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    s = settings(warehouse)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, pathlib; from warehouse.stores import run_lock\n"
         f"with run_lock.hold(pathlib.Path({str(s.refresh_lock)!r}), 'asiakastieto refresh'):\n"
         "    print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait(timeout=30)
    assert s.refresh_lock.exists(), "a killed run leaves its lock file behind"

    result = runner.invoke(app, ["refresh", "--landing", str(tmp_path / "missing"),
                                 "--warehouse", str(warehouse)])

    assert result.exit_code == ERROR, result.output
    assert _squash(f"took over the lock of `asiakastieto refresh` (pid {holder.pid}") in \
        _squash(result.output)


def test_the_hook_is_told_the_outcome_and_its_failure_changes_nothing(tmp_path, monkeypatch):
    command, told = _hook(tmp_path, exit_code=7)
    monkeypatch.setenv("ASIAKASTIETO_REFRESH_NOTIFY", command)  # the machine's setting

    result = runner.invoke(app, ["refresh", "--landing", str(tmp_path / "missing"),
                                 "--warehouse", str(tmp_path / "wh.duckdb")])

    assert result.exit_code == ERROR, result.output
    outcome, code, message = told.read_text().split("|", 2)
    assert (outcome, code) == ("error", str(ERROR))
    assert "does not exist" in message
    assert "failed with exit code 7; the refresh's outcome stands" in _squash_spaces(
        result.output)


def test_notify_empty_turns_the_machine_s_hook_off(tmp_path, monkeypatch):
    command, told = _hook(tmp_path)
    monkeypatch.setenv("ASIAKASTIETO_REFRESH_NOTIFY", command)
    result = runner.invoke(app, ["refresh", "--landing", str(tmp_path / "missing"),
                                 "--warehouse", str(tmp_path / "wh.duckdb"), "--notify", ""])
    assert result.exit_code == ERROR
    assert not told.exists()


def test_each_stage_logs_a_timestamped_line_and_the_state_file_keeps_the_outcome(tmp_path):
    warehouse = tmp_path / "wh.duckdb"

    result = runner.invoke(app, ["refresh", "--landing", str(tmp_path / "missing"),
                                 "--warehouse", str(warehouse)])

    assert result.exit_code == ERROR
    assert any(line[:4].isdigit() and "T" in line.split()[0] and " landing: " in line
               for line in result.output.splitlines()), result.output
    last = refresh_state.last_refresh(settings(warehouse))
    assert last is not None
    assert (last.outcome, last.exit_code, last.published) == ("error", ERROR, False)
    assert "does not exist" in last.message
    assert last.warehouse == warehouse and last.warehouse_version is None
    assert last.started_at <= last.finished_at and last.started_at.tzinfo is not None


def test_a_run_removes_the_unfinished_files_of_stopped_runs_only(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    stopped = tmp_path / f"wh.duckdb.building-{gone.stdout.strip()}-1"
    running = tmp_path / f"wh.duckdb.building-{os.getpid()}-2"  # a `docs` copy
    for path in (stopped, running):
        path.write_bytes(b"unfinished")

    result = runner.invoke(app, ["refresh", "--landing", str(tmp_path / "missing"),
                                 "--warehouse", str(warehouse)])

    assert result.exit_code == ERROR
    assert not stopped.exists() and running.exists()
    assert f"removed {stopped.name}" in _squash_spaces(result.output)


def test_a_state_file_that_is_not_one_says_so(tmp_path):
    path = tmp_path / "wh_last_refresh.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="not a refresh state file"):
        refresh_state.read(path)


def test_help_lists_every_exit_code():
    result = runner.invoke(app, ["refresh", "--help"], terminal_width=100)
    out = _squash_spaces(result.output)
    for line in ("0 published", "1 error", "3 nothing new", "4 rejected files",
                 "5 critical check failed", "6 already running"):
        assert line in out, line
