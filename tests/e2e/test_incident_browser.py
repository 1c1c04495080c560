"""A failing page in a real browser: the served dashboard shows the incident message with an id
and no Streamlit exception element; the server's log has the traceback under the same id."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import e2e_server
import pytest

TIMEOUT_MS = 45_000
LOG_SECONDS = 10
INCIDENT = re.compile(r"tunniste ([0-9A-F]{8})\.")

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def broken(fixture_facts, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """A dashboard (demo mode, loopback) on a copy of the fixture warehouse whose billing mart
    has a text flag."""
    folder = tmp_path_factory.mktemp("incident-e2e")
    warehouse = Path(shutil.copy(fixture_facts.path, folder / "warehouse.duckdb"))
    with duckdb.connect(str(warehouse)) as con:
        con.execute("ALTER TABLE billing_reconciliation ALTER needs_classification TYPE VARCHAR")
        con.execute("UPDATE billing_reconciliation SET needs_classification = 'ehkä'")
    log = folder / "streamlit.log"
    process, url = e2e_server.start(
        {"ASIAKASTIETO_WAREHOUSE": str(warehouse), "ASIAKASTIETO_AUTH": "demo",
         "ASIAKASTIETO_DATA_DIR": str(folder)}, log)
    try:
        yield url, log
    finally:
        e2e_server.stop(process)


def _logged(log: Path, incident: str) -> str:
    """The server log from the incident's line on, once it is there."""
    deadline = time.monotonic() + LOG_SECONDS
    while incident not in (text := log.read_text(errors="replace")):
        assert time.monotonic() < deadline, f"incident {incident} not in the log:\n{text}"
        time.sleep(0.1)
    return text[text.index(incident):]


def test_a_failing_page_shows_an_incident_id_and_the_log_has_the_traceback(browser, broken):
    url, log = broken
    page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="fi-FI")
    try:
        page.goto(f"{url}/billing", wait_until="domcontentloaded")
        alert = page.get_by_text(INCIDENT)
        alert.wait_for(timeout=TIMEOUT_MS)
        page.get_by_role("heading", name="Laskutuksen täsmäytys").first.wait_for()
        incident = INCIDENT.search(alert.inner_text()).group(1)
        assert page.locator('[data-testid="stException"]').count() == 0
        shown = page.locator('[data-testid="stApp"]').inner_text()
        for internal in ("Traceback", "Conversion Error", "needs_classification", "SELECT",
                         ".py", str(log.parent)):
            assert internal not in shown, internal
        logged = _logged(log, incident)
        assert "Traceback (most recent call last)" in logged
        assert "app_pages/billing.py" in logged and "Conversion Error" in logged
    finally:
        page.close()
