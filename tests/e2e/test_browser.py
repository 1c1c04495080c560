"""Every page in headless Chromium: renders, no exception element, a full-page screenshot."""

from __future__ import annotations

from pathlib import Path

import e2e_server
import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# screenshot name → (url path, the title the page shows in Finnish); the default page is at /
PAGES = {
    "overview": ("", "Yleiskatsaus"), "segmentation": ("segmentation", "Segmentointi"),
    "profitability": ("profitability", "Kannattavuus"),
    "partnership": ("partnership", "Kumppanuudet"),
    "billing": ("billing", "Laskutuksen täsmäytys"),
    "pricing": ("pricing", "Hinnoittelu: entä jos"), "data": ("data", "Tiedot ja tiedon laatu"),
    "customer": ("customer?customer=C001", "Asiakkuuksien hoitosuunnitelma: Kasvatus ja opetus"),
    "annual_clock": ("annual-clock", "Vuosikello"),
}
TIMEOUT_MS = 30_000

pytestmark = pytest.mark.e2e


def _settle(page) -> None:
    """Wait until Streamlit has finished the script run and charts have drawn."""
    e2e_server.wait_for_run_and_charts(page, TIMEOUT_MS)


def _assert_clean(page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()
    assert page.get_by_text("Page not found").count() == 0, "Streamlit did not know the URL"


def _screenshot(page, name: str) -> None:
    """Streamlit scrolls inside its main area, so grow the viewport to the content first."""
    height = page.evaluate(
        "document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
    )
    page.set_viewport_size({"width": 1440, "height": max(1000, int(height) + 40)})
    page.wait_for_timeout(800)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="fi-FI")
    page.goto(url, wait_until="domcontentloaded")
    return page


@pytest.mark.parametrize(("name", "path", "title"), [(k, *v) for k, v in PAGES.items()])
def test_page_renders(browser, server, name, path, title):
    page = _open(browser, f"{server}/{path}")
    try:
        page.get_by_role("heading", name=title).first.wait_for(timeout=TIMEOUT_MS)
        if name == "overview":
            page.wait_for_selector('[data-testid="stMetricValue"]', timeout=TIMEOUT_MS)
            page.wait_for_selector('[data-testid="stPlotlyChart"] svg.main-svg', timeout=TIMEOUT_MS)
        _settle(page)
        _assert_clean(page)
        _screenshot(page, name)
    finally:
        page.close()


def test_overview_in_english(browser, server, fixture_facts):
    page = _open(browser, f"{server}/")
    try:
        page.wait_for_selector('[data-testid="stMetricValue"]', timeout=TIMEOUT_MS)
        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Overview").first.wait_for(timeout=TIMEOUT_MS)
        _settle(page)
        _assert_clean(page)
        values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
        assert f"€{float(fixture_facts.current_value_eur):,.2f}" in values
        _screenshot(page, "overview_en")
    finally:
        page.close()


def test_partnership_manager_downloads_the_meeting_pack(browser, server, tmp_path):
    """One click on the customer page gives a PDF a manager can hand over."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="fi-FI",
                                  accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/customer?customer=C001", wait_until="domcontentloaded")
        button = page.get_by_role("button", name="Budjettitapaamisen paketti (PDF)")
        button.wait_for(timeout=TIMEOUT_MS)
        _settle(page)
        with page.expect_download(timeout=120_000) as info:
            button.click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        assert target.suffix == ".pdf"
        assert target.read_bytes()[:5] == b"%PDF-"
        _assert_clean(page)
    finally:
        context.close()
