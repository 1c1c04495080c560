"""`asiakastieto serve` stopped the way a supervisor stops it (SIGTERM to the command's pid)
stops the dashboard: the process ends, the port is free and no server is left running."""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts a real Streamlit server

PROJECT = Path(__file__).resolve().parents[2]
BUILDER = PROJECT / "tests" / "dashboard" / "fixture_warehouse.py"
STARTUP_SECONDS = 90
STOP_SECONDS = 30


def _fixture_warehouse(path: Path) -> Path:
    """The dashboard tests' small warehouse (no dbt), built by its module loaded by path."""
    if str(BUILDER.parent) not in sys.path:
        sys.path.append(str(BUILDER.parent))  # its sibling fixture modules
    module = sys.modules.get("fixture_warehouse")
    if module is None:
        spec = importlib.util.spec_from_file_location("fixture_warehouse", BUILDER)
        module = importlib.util.module_from_spec(spec)
        sys.modules["fixture_warehouse"] = module  # its dataclasses look themselves up
        spec.loader.exec_module(module)
    return module.build(path).path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _servers_on(port: int) -> list[int]:
    """Pids of any process whose command line serves this port (an orphaned Streamlit)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"--server.port" in argv and str(port).encode() in argv:
                found.append(int(entry.name))
    return found


def _until(condition, seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {seconds} s; server log:\n{log.read_text()}")
        time.sleep(0.2)  # polling interval, bounded by the deadline


def _healthy(process: subprocess.Popen, url: str, log: Path) -> bool:
    if process.poll() is not None:
        pytest.fail(f"serve exited with {process.returncode}:\n{log.read_text()}")
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def test_sigterm_stops_the_server_and_frees_the_port(tmp_path):
    warehouse = _fixture_warehouse(tmp_path / "warehouse.duckdb")
    port, log = _free_port(), tmp_path / "serve.log"
    env = {**os.environ, "ASIAKASTIETO_DATA_DIR": str(tmp_path), "ASIAKASTIETO_AUTH": "demo"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "warehouse", "serve", "--port", str(port), "--address",
             "127.0.0.1", "--warehouse", str(warehouse)],
            cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _until(lambda: _healthy(process, f"http://127.0.0.1:{port}/_stcore/health", log),
               STARTUP_SECONDS, "the dashboard did not answer /_stcore/health", log)
        assert _servers_on(port) == [process.pid], "the command's own pid is the server"

        process.send_signal(signal.SIGTERM)

        process.wait(timeout=STOP_SECONDS)
        _until(lambda: not _listening(port), STOP_SECONDS, "the port was not freed", log)
        assert _servers_on(port) == [], "no server is left running"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in _servers_on(port):
            os.kill(pid, signal.SIGKILL)
