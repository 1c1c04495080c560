"""The identity provider of the OIDC browser test: `tests/e2e/oidc/provider.mjs`, panva's
oidc-provider from the npm registry (`make oidc` installs it), run by Node on a loopback port
over plain http. Imported by the test as a plain module (tests dirs are not packages)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parent / "oidc"
STARTUP_SECONDS = 30


@dataclass
class Provider:
    process: subprocess.Popen
    issuer: str
    client_id: str
    client_secret: str

    @property
    def discovery(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"


def start(port: int, redirect_uri: str, log: Path) -> Provider:
    node = shutil.which("node")
    if node is None or not (FOLDER / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("the test identity provider is not installed: run `make oidc` "
                    "(Node.js 20+ and npm, then npm ci in tests/e2e/oidc)")
    client_id, secret = "asiakastieto", os.urandom(16).hex()
    env = {**os.environ, "OIDC_PORT": str(port), "OIDC_CLIENT_ID": client_id,
           "OIDC_CLIENT_SECRET": secret, "OIDC_REDIRECT_URI": redirect_uri}
    with log.open("ab") as out:
        process = subprocess.Popen([node, "provider.mjs"], cwd=FOLDER, env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    provider = Provider(process, f"http://127.0.0.1:{port}", client_id, secret)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the identity provider exited with {process.returncode}:\n"
                        f"{log.read_text()}")
        try:
            with urllib.request.urlopen(provider.discovery, timeout=2) as response:
                if response.status == 200:
                    return provider
        except OSError:
            time.sleep(0.2)
    stop(process)
    pytest.fail(f"the identity provider did not answer in {STARTUP_SECONDS} s:\n"
                f"{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
