"""Sessions of local logins and the documentation behind them, in a real browser (headless
Debian Chromium) against `dashboard/server.py`: a signed-in user stays signed in across
reloads, deep links and a server restart; the cookie is HttpOnly and SameSite and no token
ever appears in an address; sign-out clears and revokes it; removing the account or changing
its role ends the session; the docs open from the data page for a signed-in viewer and answer
401 to anyone else."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import e2e_server
import pytest

from warehouse import access
from warehouse.access import sessions

PROJECT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 45_000
PASSWORD = "correct horse battery"
CHECK_PAGE = "validations/sap_charges/R2/20240402T083000.000000Z/ksb1_1.txt-L1-0.html"

pytestmark = pytest.mark.e2e




fixture_warehouse = e2e_server.load_module(
    "fixture_warehouse", PROJECT / "tests" / "dashboard" / "fixture_warehouse.py")


def _static_docs(folder: Path) -> None:
    """Small sites where `asiakastieto docs` and the checks write theirs (the routes serve
    whatever is there; writing the real ones takes a dbt build)."""
    dbt = folder / "warehouse_dbt_docs"
    dbt.mkdir()
    (dbt / "index.html").write_text("<html><body><h1>dbt docs of the fixture</h1></body></html>")
    quality = folder / "warehouse_data_docs"
    (quality / CHECK_PAGE).parent.mkdir(parents=True)
    (quality / "index.html").write_text("<html><body><h1>Data Docs index</h1></body></html>")
    (quality / CHECK_PAGE).write_text("<html><body><h1>amount_parses of L1</h1></body></html>")
    (quality / "checks.json").write_text(json.dumps([
        {"page": CHECK_PAGE, "source": "sap_charges", "load_id": None,
         "checks": [["amount_parses", "amount"], ["rows", ""]]}]))


class Server:
    """The dashboard with local accounts, restartable on its port."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder, self.env = folder, env
        self.process, self.url = e2e_server.start(env, folder / "streamlit.log")
        self.port = int(self.url.rsplit(":", 1)[1])

    def restart(self) -> None:
        e2e_server.stop(self.process)
        self.process, url = e2e_server.start(self.env, self.folder / "streamlit.log", self.port)
        assert url == self.url


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("sessions-e2e")
    facts = fixture_warehouse.build(folder / "warehouse.duckdb")
    accounts = folder / "accounts.toml"
    access.add_account(accounts, "dir", "director", password=PASSWORD,
                       display_name="Dora Director")
    access.add_account(accounts, "view", "viewer", password=PASSWORD,
                       display_name="Ville Viewer")
    _static_docs(folder)
    env = {"ASIAKASTIETO_DATA_DIR": str(folder), "ASIAKASTIETO_WAREHOUSE": str(facts.path),
           "ASIAKASTIETO_CAREPLANS": str(folder / "careplans.sqlite"),
           "ASIAKASTIETO_AUDIT": str(folder / "audit.sqlite"),
           "ASIAKASTIETO_ACCOUNTS": str(accounts), "ASIAKASTIETO_AUTH": "local"}
    running = Server(folder, env)
    try:
        yield running
    finally:
        e2e_server.stop(running.process)


def _state(page) -> str:
    """Await the page's answer: "signed-in" (the sidebar names the user) or "login"."""
    signed_in = page.locator('[data-testid="stSidebar"]').get_by_text("Kirjautunut")
    login = page.get_by_label("Käyttäjätunnus")
    signed_in.or_(login).first.wait_for(timeout=TIMEOUT_MS)
    return "signed-in" if signed_in.count() else "login"


def _sign_in(page, url: str, username: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    assert _state(page) == "login"
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(PASSWORD)
    # The page swaps the nonce for the cookie, then loads the address again.
    with page.expect_response(lambda r: "/session/start" in r.url, timeout=TIMEOUT_MS):
        page.get_by_role("button", name="Kirjaudu").click()
    page.wait_for_load_state("domcontentloaded")
    assert _state(page) == "signed-in"


def _session_cookie(context) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == sessions.COOKIE), None)


def _fresh(browser):
    context = browser.new_context(locale="fi-FI", viewport={"width": 1440, "height": 1200})
    return context, context.new_page()


def test_a_login_lasts_across_reloads_deep_links_and_a_restart(browser, server):
    context, page = _fresh(browser)
    addresses: list[str] = []
    page.on("request", lambda request: addresses.append(request.url))
    try:
        _sign_in(page, f"{server.url}/customer?customer=C001", "dir")
        page.wait_for_url(f"{server.url}/customer?customer=C001", timeout=TIMEOUT_MS)
        cookie = _session_cookie(context)
        assert cookie is not None
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
        assert not cookie["secure"], "plain http on loopback: Secure only behind https"
        assert cookie["expires"] > 0, "a persistent cookie that expires"
        assert not any(cookie["value"] in address for address in addresses)
        assert page.evaluate("document.cookie").find(sessions.COOKIE) == -1  # HttpOnly

        page.reload(wait_until="domcontentloaded")
        assert _state(page) == "signed-in"
        other = context.new_page()
        other.goto(f"{server.url}/annual-clock", wait_until="domcontentloaded")
        assert _state(other) == "signed-in"
        other.close()

        server.restart()
        page.goto(f"{server.url}/customer?customer=C001", wait_until="domcontentloaded")
        assert _state(page) == "signed-in"
        assert "Dora Director" in page.locator('[data-testid="stSidebar"]').inner_text()
    finally:
        context.close()


def test_sign_out_clears_the_cookie_and_revokes_the_session(browser, server):
    context, page = _fresh(browser)
    try:
        _sign_in(page, server.url, "view")
        copied = _session_cookie(context)
        with page.expect_response(lambda r: "/session/end" in r.url, timeout=TIMEOUT_MS):
            page.get_by_role("button", name="Kirjaudu ulos").click()
        page.wait_for_url(f"{server.url}/", timeout=TIMEOUT_MS)
        assert _state(page) == "login"
        assert _session_cookie(context) is None
        # The cookie copied before the sign-out no longer opens anything.
        context.add_cookies([copied])
        page.goto(f"{server.url}/data", wait_until="domcontentloaded")
        assert _state(page) == "login"
        assert page.request.get(f"{server.url}/docs/dbt/").status == 401
    finally:
        context.close()


def test_removing_the_account_or_changing_its_role_ends_its_session(browser, server):
    accounts = Path(server.env["ASIAKASTIETO_ACCOUNTS"])
    access.add_account(accounts, "temp", "viewer", password=PASSWORD)
    context, page = _fresh(browser)
    try:
        _sign_in(page, server.url, "temp")
        access.add_account(accounts, "temp", "director", password=PASSWORD)
        page.reload(wait_until="domcontentloaded")
        assert _state(page) == "login", "a new role needs a new login"
        _sign_in(page, server.url, "temp")
        assert access.remove_account(accounts, "temp")
        page.reload(wait_until="domcontentloaded")
        assert _state(page) == "login"
    finally:
        context.close()


def test_a_viewer_opens_the_docs_from_the_data_page(browser, server):
    context, page = _fresh(browser)
    try:
        for path in ("/docs/dbt/", "/docs/quality/", f"/docs/quality/{CHECK_PAGE}",
                     "/docs/quality/checks.json"):
            answer = page.request.get(f"{server.url}{path}")
            assert answer.status == 401, path
            assert "docs" not in answer.text().split("<body>")[1].lower().replace(
                "dokumentaatio", "").replace("documentation", "")
        _sign_in(page, f"{server.url}/data", "view")
        page.get_by_role("link", name="dbt-dokumentaatio", exact=True).wait_for(timeout=TIMEOUT_MS)
        for name, heading in (("dbt-dokumentaatio", "dbt docs of the fixture"),
                              ("GX Data Docs", "Data Docs index")):
            with context.expect_page() as opened:
                page.get_by_role("link", name=name, exact=True).click()
            docs = opened.value
            docs.get_by_role("heading", name=heading).wait_for(timeout=TIMEOUT_MS)
            docs.close()
        model = page.get_by_role("link", name="Malli unmapped_records dbt-dokumentaatiossa")
        assert model.get_attribute("href") == (
            "/docs/dbt/#!/model/model.asiakastieto.unmapped_records")
        # Each check's row links to its validation page (the link column is drawn on a
        # canvas; the page itself is fetched with the viewer's cookie).
        answer = page.request.get(f"{server.url}/docs/quality/{CHECK_PAGE}")
        assert answer.status == 200 and "amount_parses of L1" in answer.text()
        assert answer.headers["cache-control"] == "no-store"
    finally:
        context.close()
