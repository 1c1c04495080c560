"""Access control in a real browser (headless Debian Chromium): hostile names and care-plan text
render verbatim and no script runs (no dialog ever opens, no injected element exists); with
local accounts an unauthenticated visitor sees the login form and nothing else."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import e2e_server
import pytest

PROJECT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 45_000
PASSWORD = "correct horse battery"

pytestmark = pytest.mark.e2e




fixture_warehouse = e2e_server.load_module(
    "fixture_warehouse", PROJECT / "tests" / "dashboard" / "fixture_warehouse.py")
hostile = e2e_server.load_module(
    "hostile_fixture", PROJECT / "tests" / "access" / "hostile_fixture.py")


def _serve(folder: Path, env_extra: dict) -> tuple[subprocess.Popen, str, Path]:
    log = folder / "streamlit.log"
    process, url = e2e_server.start(env_extra, log)
    return process, url, log


def _stop(process: subprocess.Popen) -> None:
    e2e_server.stop(process)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("access-e2e")
    facts = fixture_warehouse.build(folder / "warehouse.duckdb")
    hostile.make_hostile(facts.path)
    hostile.hostile_careplan(folder / "careplans.sqlite")
    return {"folder": folder, "ASIAKASTIETO_WAREHOUSE": str(facts.path),
            "ASIAKASTIETO_CAREPLANS": str(folder / "careplans.sqlite"),
            "ASIAKASTIETO_AUDIT": str(folder / "audit.sqlite"),
            "ASIAKASTIETO_DATA_DIR": str(folder)}


@pytest.fixture(scope="module")
def demo_server(site) -> Iterator[str]:
    env = {k: v for k, v in site.items() if k.startswith("ASIAKASTIETO")}
    process, url, _ = _serve(site["folder"], {**env, "ASIAKASTIETO_AUTH": "demo"})
    try:
        yield url
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def login_server(site) -> Iterator[str]:
    from warehouse import access

    accounts = site["folder"] / "accounts.toml"
    access.add_account(accounts, "dir", "director", password=PASSWORD)
    env = {k: v for k, v in site.items() if k.startswith("ASIAKASTIETO")}
    process, url, _ = _serve(site["folder"], {**env, "ASIAKASTIETO_AUTH": "local",
                                              "ASIAKASTIETO_ACCOUNTS": str(accounts)})
    try:
        yield url
    finally:
        _stop(process)


def _settle(page) -> None:
    e2e_server.wait_for_run_and_charts(page, TIMEOUT_MS)


def _page(browser, dialogs: list):
    page = browser.new_page(viewport={"width": 1440, "height": 1200}, locale="fi-FI")
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return page


@pytest.mark.parametrize("path", ["customer?customer=C002", "customer?customer=C001",
                                  "", "segmentation", "annual-clock"])
def test_hostile_text_renders_verbatim_and_runs_nothing(browser, demo_server, path):
    dialogs: list[str] = []
    page = _page(browser, dialogs)
    try:
        page.goto(f"{demo_server}/{path}", wait_until="domcontentloaded")
        page.wait_for_selector("h1", timeout=TIMEOUT_MS)  # the page's script has started
        _settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator('img[src="x"]').count() == 0, "an injected <img> exists"
        assert page.locator("script:has-text('alert(1)')").count() == 0
        # zero-width spaces keep Streamlit from turning `--` into `—` (auth.escape_markdown)
        text = page.locator('[data-testid="stMain"]').inner_text().replace("\u200b", "")
        if path.startswith("customer?customer=C002"):
            assert hostile.NAMES["C002"] in text  # the title, verbatim
            assert f"action {hostile.HTML_HOSTILE}" in text or hostile.HTML_HOSTILE in text
        if path.startswith("customer?customer=C001"):
            assert hostile.NAMES["C001"] in text
        if path == "":
            assert "Demotila" in text, "the demo banner is on every page"
        page.wait_for_timeout(500)
        assert dialogs == [], f"a script ran: {dialogs}"
    finally:
        page.close()


def test_unauthenticated_visitor_sees_only_the_login(browser, login_server):
    dialogs: list[str] = []
    page = _page(browser, dialogs)
    try:
        page.goto(f"{login_server}/customer?customer=C001", wait_until="domcontentloaded")
        _settle(page)
        text = page.locator('[data-testid="stApp"]').inner_text()
        assert "kirjaudu sisään" in text
        for secret in ("Koulu", "Sote", "Anna Aalto", "Veloitukset"):
            assert secret not in text
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0
        page.get_by_label("Käyttäjätunnus").fill("dir")
        page.get_by_label("Salasana").fill(PASSWORD)
        page.get_by_role("button", name="Kirjaudu").click()
        page.wait_for_selector('[data-testid="stMetric"]', timeout=TIMEOUT_MS)
        _settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert "Kirjautunut" in page.locator('[data-testid="stSidebar"]').inner_text()
        assert dialogs == []
    finally:
        page.close()
