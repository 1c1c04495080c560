"""A real `streamlit run` server on a free port, reading the dashboard tests' fixture warehouse."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import e2e_server
import pytest

PROJECT = Path(__file__).resolve().parents[2]
BUILDER = PROJECT / "tests" / "dashboard" / "fixture_warehouse.py"


def _builder():
    """The shared builder, loaded by file path so neither tests dir needs to be a package."""
    module = sys.modules.get("fixture_warehouse")
    if module is None:
        if str(BUILDER.parent) not in sys.path:
            sys.path.append(str(BUILDER.parent))  # its sibling fixture_marts
        spec = importlib.util.spec_from_file_location("fixture_warehouse", BUILDER)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["fixture_warehouse"] = module
        spec.loader.exec_module(module)
    return module


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
