"""Start and stop a real `streamlit run` server for the browser tests (loopback, free port):
`dashboard/server.py`, the pages with the dashboard's own routes, as `asiakastieto serve` runs.
Imported by the e2e conftest and tests as a plain module (tests dirs are not packages)."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 90


def load_module(name: str, path: Path):
    """A test helper module of another tests folder, loaded by file path once (tests folders
    are not packages); its own folder joins the path for its sibling imports."""
    if name not in sys.modules:
        if str(path.parent) not in sys.path:
            sys.path.append(str(path.parent))
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(env_extra: dict[str, str], log: Path, port: int | None = None,
          args: Sequence[str] = ()) -> tuple[subprocess.Popen, str]:
    """A server with the environment plus `env_extra` (on `port`, else a free one; `args` are
    more options of `streamlit run`); its output goes to `log`. Fails the test with the log
    when it exits or is not healthy within STARTUP_SECONDS."""
    port = port or free_port()
    command = [sys.executable, "-m", "streamlit", "run", "dashboard/server.py",
               "--server.port", str(port), "--server.headless", "true",
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", *args]
    with log.open("ab") as out:
        process = subprocess.Popen(command, cwd=PROJECT, env={**os.environ, **env_extra},
                                   stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    stop(process)
    pytest.fail(f"streamlit did not become healthy in {STARTUP_SECONDS} s:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


# Streamlit marks its app root with the connection and the script run's state ("initial" until
# a first run, "running", "notRunning" once it has finished).
RUN_FINISHED = ('[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
                '[data-test-script-state="notRunning"]')
CHARTS_DRAWN = ("[...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
                ".every(chart => chart.querySelector('svg.main-svg'))")


def wait_for_run_and_charts(page, timeout_ms: int) -> None:
    """Wait until the page's script run has finished and every chart on it has drawn."""
    page.wait_for_selector(RUN_FINISHED, state="attached", timeout=timeout_ms)
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms)
    page.wait_for_function(CHARTS_DRAWN, timeout=timeout_ms)
