"""A Streamlit server on loopback and a client speaking its websocket protocol, for the load test.

`start_server` runs `streamlit run dashboard/server.py` (as `serve` does) in demo mode on
127.0.0.1 and waits for its health endpoint; `Session` is one simulated browser tab: it asks
for a page the way a click in the sidebar does (a `rerun_script` BackMsg with the page's script
hash) and reads ForwardMsgs
until the run finishes, noting exceptions, error alerts and unknown pages.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from warehouse.access import is_loopback

PROJECT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 120
PAGE_TIMEOUT_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_loopback(url: str) -> None:
    host = urllib.parse.urlsplit(url).hostname
    if not is_loopback(host):
        raise SystemExit(f"the load test runs against loopback only, not {host!r}")


def start_server(warehouse: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "ASIAKASTIETO_WAREHOUSE": str(warehouse), "ASIAKASTIETO_AUTH": "demo"}
    command = [sys.executable, "-m", "streamlit", "run", "dashboard/server.py",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    out = log.open("wb")
    process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=out,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"streamlit exited: see {log}")
        with contextlib.suppress(OSError), urllib.request.urlopen(
                f"{url}/_stcore/health", timeout=2) as response:
            if response.status == 200:
                return process, url
        time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"streamlit did not start in {STARTUP_SECONDS} s: see {log}")


class Session:
    """One simulated browser tab: a websocket session with the Streamlit server."""

    def __init__(self, url: str) -> None:
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = None
        self.pages: dict[str, str] = {}  # url path → page script hash

    async def open(self) -> None:
        self.ws = await connect(self.ws_url, subprotocols=["streamlit"], max_size=2**28,
                                ping_interval=20, ping_timeout=60)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def view(self, path: str, query: str = "") -> tuple[float, list[str]]:
        """Ask for one page; (seconds until its run finished, problems seen)."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        state.page_script_hash = self.pages.get(path, "")
        state.page_name = path
        problems: list[str] = []
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=PAGE_TIMEOUT_SECONDS)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash
                              for p in fwd.navigation.app_pages}
            elif kind == "page_not_found":
                problems.append(f"{path}: page not found")
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    problems.append(f"{path}: exception {element.exception.type}: "
                                    f"{element.exception.message[:200]}")
                elif which == "alert" and element.alert.format == 1:  # Alert.ERROR
                    problems.append(f"{path}: error message {element.alert.body[:200]}")
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    problems.append(f"{path}: compile error")
                return time.perf_counter() - started, problems
