"""Refresh in a real browser: a rebuild published while the server runs (with its warm-then-
switch, dashboard/data/served.py) reaches the page within a minute, and every view in between shows
one whole version and no error."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb
import e2e_server
import pytest

from warehouse import publish

pytestmark = pytest.mark.e2e
TIMEOUT_MS = 30_000
NOTICE_SECONDS = 60  # the issue: "notices the new data within a minute"
EXTRA_STAFF = 100_000


@pytest.fixture
def warm_server(fixture_facts, tmp_path):
    """A server of its own on a copy of the fixture warehouse, warm-then-switch on."""
    target = tmp_path / "warehouse.duckdb"
    shutil.copy(fixture_facts.path, target)
    env = {"ASIAKASTIETO_WAREHOUSE": str(target), "ASIAKASTIETO_AUTH": "demo",
           "ASIAKASTIETO_WARM_SWITCH": "1"}
    process, url = e2e_server.start(env, tmp_path / "streamlit.log")
    try:
        yield url, target
    finally:
        e2e_server.stop(process)


def _staff_kpi(page) -> str:
    """The overview's staff KPI as shown, after the script run has finished."""
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=TIMEOUT_MS)
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT_MS)
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Henkilöstö")
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def _digits(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def _publish_more_staff(target: Path) -> None:
    """As a refresh does: a whole new file beside the warehouse, renamed over it."""
    with publish.rebuilding(target, copy_current=True) as new_file:
        con = duckdb.connect(str(new_file))
        con.execute("UPDATE customers SET staff_count = staff_count + ?"
                    " WHERE customer_id = (SELECT min(customer_id) FROM customers)",
                    [EXTRA_STAFF])
        con.execute("CHECKPOINT")
        con.close()


def test_a_published_rebuild_reaches_the_page_within_a_minute(browser, warm_server):
    url, target = warm_server
    page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="fi-FI")
    try:
        page.goto(f"{url}/", wait_until="domcontentloaded")
        before = _digits(_staff_kpi(page))
        _publish_more_staff(target)
        published = time.monotonic()
        seen = []
        while True:
            page.reload(wait_until="domcontentloaded")
            shown = _digits(_staff_kpi(page))
            seen.append(shown)
            assert shown in (before, before + EXTRA_STAFF), f"neither version: {seen}"
            if shown == before + EXTRA_STAFF:
                break
            assert time.monotonic() - published < NOTICE_SECONDS, f"still old data: {seen}"
            page.wait_for_timeout(1000)
    finally:
        page.close()
