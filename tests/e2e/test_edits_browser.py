"""A saved potential score shows at once, in a real browser: a partnership manager's save on
the customer page is published by the follower beside the server (warehouse/edits/), the page
says so, and the overview's potential value shows the new score's figure."""

from __future__ import annotations

import duckdb
import e2e_server
import pytest

from tests.installations import copy_installation
from warehouse.formats import fmt_eur

pytestmark = pytest.mark.e2e
TIMEOUT_MS = 60_000
SHOWN_MS = 120_000  # the follower parses dbt's project at start, then builds (seconds)


@pytest.fixture
def edits_server(demo_city, tmp_path):
    """A server with its follower on a copy of the demo city (built by dbt: the fixture
    warehouse has no care-plan marts), as `asiakastieto serve` runs it."""
    _, warehouse = copy_installation(demo_city, tmp_path)
    env = {"ASIAKASTIETO_WAREHOUSE": str(warehouse), "ASIAKASTIETO_AUTH": "demo",
           "ASIAKASTIETO_DATA_DIR": str(tmp_path),
           "ASIAKASTIETO_CAREPLANS": str(tmp_path / "careplans.sqlite"),
           "ASIAKASTIETO_FOLLOW_EDITS": "on", "ASIAKASTIETO_WARM_SWITCH": "1"}
    process, url = e2e_server.start(env, tmp_path / "server.log")
    try:
        yield url, warehouse
    finally:
        e2e_server.stop(process)
    assert not list(tmp_path.glob("*.building-*")), "the follower left a file behind"


def _query(warehouse, sql: str) -> tuple:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchone()


def _kpi(page, label: str) -> str:
    e2e_server.wait_for_run_and_charts(page, TIMEOUT_MS)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def test_a_saved_score_reaches_the_overview(browser, edits_server):
    url, warehouse = edits_server
    customer, score = _query(warehouse, "select customer_id, potential_score from customers "
                                        "order by current_value_eur desc limit 1")
    wanted = 10 if score != 10 else 1
    before = _query(warehouse, "select sum(potential_value_eur) from customers")[0]
    page = browser.new_page(viewport={"width": 1500, "height": 1000}, locale="fi-FI")
    try:
        page.goto(f"{url}/", wait_until="domcontentloaded")
        assert _kpi(page, "Potentiaaliarvo") == fmt_eur(before, "fi")

        page.goto(f"{url}/customer?customer={customer}", wait_until="domcontentloaded")
        e2e_server.wait_for_run_and_charts(page, TIMEOUT_MS)
        form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("slider"))
        slider = form.get_by_role("slider")
        slider.focus()
        slider.press("Home")  # 1
        for _ in range(wanted - 1):
            slider.press("ArrowRight")
        shown = form.locator('[data-testid="stSliderThumbValue"]')
        assert shown.inner_text() == str(wanted), slider.evaluate("e => e.outerHTML")
        form.get_by_role("button", name="Tallenna").click()
        page.get_by_text("Tallennus näkyy nyt kaikilla sivuilla").wait_for(timeout=SHOWN_MS)

        after = _query(warehouse, "select sum(potential_value_eur) from customers")[0]
        assert _query(warehouse, f"select potential_score from customers where customer_id = "
                                 f"'{customer}'") == (wanted,)
        assert after != before
        page.goto(f"{url}/", wait_until="domcontentloaded")
        assert _kpi(page, "Potentiaaliarvo") == fmt_eur(after, "fi")
    finally:
        page.close()
