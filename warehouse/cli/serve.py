"""`asiakastieto serve`: the dashboard. The command becomes the Streamlit server (exec), so
whoever stops the command's pid (a supervisor's SIGTERM, Ctrl+C) stops the server and frees
its port. Its one child, the follower of care-plan saves (dashboard/web/follower.py), stops
with it, and by itself when the server's process is gone: no child is left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Annotated

import typer

from warehouse import access, config
from warehouse.cli.common import PROCESS, WarehouseOpt, console, fail


def serve(
    port: Annotated[int, typer.Option(help="Port.", min=1, max=65535)] = 8501,
    warehouse: WarehouseOpt = None,
    address: Annotated[str, typer.Option(
        help="Address to listen on. Anything but loopback needs logins (accounts file or"
        " [auth] in .streamlit/secrets.toml): demo mode is refused.")] = "localhost",
) -> None:
    """Serve the dashboard (Streamlit) on http://ADDRESS:PORT (default localhost).

    The command's process becomes the server: stopping it (Ctrl+C, SIGTERM) stops the server.
    """
    s = config.settings(warehouse)
    if not s.warehouse.exists():
        raise fail(f"no warehouse at {s.warehouse}: run `asiakastieto refresh` first.")
    try:
        mode = access.resolve_mode(s)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if mode == "demo" and not access.is_loopback(address):
        raise fail(f"demo mode (no login) serves localhost only, not {address!r}: add users"
                    f" with `asiakastieto user add` ({s.accounts_file}) or configure \\[auth] in"
                    " .streamlit/secrets.toml.")
    env = {**os.environ, config.ENV_WAREHOUSE: str(s.warehouse)}
    server = config.PROJECT_ROOT / "dashboard" / "server.py"  # the pages and the own routes
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(server),
        "--server.port", str(port), "--server.address", address,
        "--browser.gatherUsageStats", "false", "--server.headless", "true",
        "--client.showErrorDetails", "none",  # never a traceback in the browser
    ]
    console.print(f"Dashboard on http://{address}:{port} ({mode} mode; Ctrl+C stops it)")
    if not PROCESS.own:
        # Called in-process (a script): the server is the caller's child, its signals the
        # caller's business.
        raise typer.Exit(subprocess.call(cmd, env=env, cwd=config.PROJECT_ROOT))
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(config.PROJECT_ROOT)  # Streamlit reads .streamlit/ from its working directory
    os.execve(sys.executable, cmd, env)
