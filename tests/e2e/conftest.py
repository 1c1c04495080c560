"""A real `streamlit run` server on a free port, reading the dashboard tests' fixture warehouse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import e2e_server
import pytest

PROJECT = Path(__file__).resolve().parents[2]
BUILDER = PROJECT / "tests" / "dashboard" / "fixture_warehouse.py"


def _builder():
    """The shared builder of the dashboard tests."""
    return e2e_server.load_module("fixture_warehouse", BUILDER)


@pytest.fixture(scope="session")
def fixture_facts(tmp_path_factory: pytest.TempPathFactory):
    return _builder().build(tmp_path_factory.mktemp("e2e") / "warehouse.duckdb")


@pytest.fixture(scope="session")
def server(fixture_facts, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a running dashboard; the server is terminated after the session."""
    log = tmp_path_factory.mktemp("e2e-log") / "streamlit.log"
    process, url = e2e_server.start({"ASIAKASTIETO_WAREHOUSE": str(fixture_facts.path)}, log)
    try:
        yield url
    finally:
        e2e_server.stop(process)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by playwright (a test tool's own browser download fails here)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` to install Debian's Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
