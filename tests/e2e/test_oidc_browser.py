"""OpenID Connect end to end in a real browser (headless Debian Chromium): the dashboard
(`dashboard/server.py`, Streamlit's `st.login`) against a real provider run locally
(npm's oidc-provider, `oidc_provider.py`) over plain http on loopback. Signing in maps the
e-mail to the role of the accounts file, an unlisted e-mail is refused with a Finnish message,
the docs follow the same login, and signing out ends the session at the dashboard and at the
provider."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import e2e_server
import oidc_provider
import pytest

from warehouse import access

PROJECT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 45_000

pytestmark = pytest.mark.e2e




fixture_warehouse = e2e_server.load_module(
    "fixture_warehouse", PROJECT / "tests" / "dashboard" / "fixture_warehouse.py")


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory) -> Iterator[str]:
    """The dashboard's URL, signing in at a provider of its own; the accounts file lists
    boss@city.fi (director) and viewer@city.fi (viewer)."""
    folder = tmp_path_factory.mktemp("oidc-e2e")
    facts = fixture_warehouse.build(folder / "warehouse.duckdb")
    accounts = folder / "accounts.toml"
    access.add_account(accounts, "boss@city.fi", "director", password=None,
                       display_name="Bo Boss")
    access.add_account(accounts, "viewer@city.fi", "viewer", password=None)
    (folder / "warehouse_dbt_docs").mkdir()
    (folder / "warehouse_dbt_docs" / "index.html").write_text("<h1>dbt docs</h1>")
    port = e2e_server.free_port()
    redirect_uri = f"http://127.0.0.1:{port}/oauth2callback"
    provider = oidc_provider.start(e2e_server.free_port(), redirect_uri,
                                   folder / "provider.log")
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "{redirect_uri}"\n'
        f'cookie_secret = "{os.urandom(24).hex()}"\n'
        f'client_id = "{provider.client_id}"\n'
        f'client_secret = "{provider.client_secret}"\n'
        f'server_metadata_url = "{provider.discovery}"\n'
        # oidc-provider knows the prompts login and consent, not Streamlit's select_account
        'client_kwargs = { prompt = "login" }\n')
    env = {"ASIAKASTIETO_DATA_DIR": str(folder), "ASIAKASTIETO_WAREHOUSE": str(facts.path),
           "ASIAKASTIETO_CAREPLANS": str(folder / "careplans.sqlite"),
           "ASIAKASTIETO_AUDIT": str(folder / "audit.sqlite"),
           "ASIAKASTIETO_ACCOUNTS": str(accounts), "ASIAKASTIETO_AUTH": "oidc"}
    try:
        process, url = e2e_server.start(env, folder / "streamlit.log", port,
                                        ["--secrets.files", str(secrets)])
    except BaseException:
        oidc_provider.stop(provider.process)
        raise
    try:
        yield url
    finally:
        e2e_server.stop(process)
        oidc_provider.stop(provider.process)


def _sign_in(page, url: str, email: str) -> None:
    """The dashboard's button, then the provider's own sign-in and consent pages."""
    page.goto(f"{url}/data", wait_until="domcontentloaded")
    page.get_by_text("Kirjaudu kaupungin tunnuksilla.").wait_for(timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Kirjaudu").click()
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{url}/**", timeout=TIMEOUT_MS)


def _sidebar_text(page) -> str:
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Kirjautunut").wait_for(timeout=TIMEOUT_MS)
    return sidebar.inner_text()


@pytest.mark.parametrize(("email", "role", "setup_page"), [
    ("boss@city.fi", "johtaja", True), ("viewer@city.fi", "katselija", False)])
def test_signing_in_maps_the_email_to_its_role_and_signing_out_ends_it(
        browser, dashboard, email, role, setup_page):
    context = browser.new_context(locale="fi-FI", viewport={"width": 1440, "height": 1200})
    page = context.new_page()
    try:
        _sign_in(page, dashboard, email)
        assert f"({role})" in _sidebar_text(page)
        nav = page.locator('[data-testid="stSidebarNav"]')
        nav.get_by_text("Tiedot").wait_for(timeout=TIMEOUT_MS)
        assert (nav.get_by_text("Käyttöönotto").count() > 0) == setup_page
        page.reload(wait_until="domcontentloaded")
        assert f"({role})" in _sidebar_text(page), "Streamlit's cookie outlasts a reload"
        assert page.request.get(f"{dashboard}/docs/dbt/").status == 200

        page.get_by_role("button", name="Kirjaudu ulos").click()
        page.get_by_role("button", name="Yes, sign me out").click()  # at the provider
        page.get_by_text("Kirjaudu kaupungin tunnuksilla.").wait_for(timeout=TIMEOUT_MS)
        assert not [c for c in context.cookies() if c["name"].startswith("_streamlit_user")]
        assert page.request.get(f"{dashboard}/docs/dbt/").status == 401
        page.reload(wait_until="domcontentloaded")
        page.get_by_role("button", name="Kirjaudu").wait_for(timeout=TIMEOUT_MS)
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    finally:
        context.close()


def test_an_unlisted_email_is_refused_in_finnish(browser, dashboard):
    context = browser.new_context(locale="fi-FI", viewport={"width": 1440, "height": 1200})
    page = context.new_page()
    try:
        _sign_in(page, dashboard, "stranger@city.fi")
        refusal = page.locator('[data-testid="stAlert"]')
        refusal.get_by_text("Olet kirjautunut (stranger@city.fi), mutta sinulla ei ole "
                            "oikeuksia").wait_for(timeout=TIMEOUT_MS)
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0
        assert page.locator('[data-testid="stMetric"]').count() == 0
        assert page.request.get(f"{dashboard}/docs/dbt/").status == 401
    finally:
        context.close()
