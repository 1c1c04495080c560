"""The shipped reverse-proxy example (deploy/proxy/nginx-asiakastieto.conf) in front of
`asiakastieto serve`: TLS with a self-signed certificate, HTTP redirected to HTTPS, and the
dashboard loaded through it in headless Chromium. The login form and the numbers after it
arrive over Streamlit's websocket (/_stcore/stream): nothing renders if the proxy breaks it.
Demo mode (no login) refuses to serve through a proxy."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator

import proxy_server
import pytest

TIMEOUT_MS = 45_000
PASSWORD = "correct horse battery"

pytestmark = pytest.mark.e2e


def _started(folder, env: dict[str, str]) -> Iterator[proxy_server.Proxied]:
    proxied = proxy_server.start(folder, env)
    try:
        yield proxied
    finally:
        for process in proxied.processes:
            proxy_server.stop(process)


@pytest.fixture(scope="module")
def with_logins(fixture_facts, tmp_path_factory) -> Iterator[proxy_server.Proxied]:
    from warehouse import access

    folder = tmp_path_factory.mktemp("proxy-e2e")
    access.add_account(folder / "accounts.toml", "dir", "director", password=PASSWORD)
    yield from _started(folder, {
        "ASIAKASTIETO_WAREHOUSE": str(fixture_facts.path), "ASIAKASTIETO_DATA_DIR": str(folder),
        "ASIAKASTIETO_AUTH": "local", "ASIAKASTIETO_ACCOUNTS": str(folder / "accounts.toml"),
        "ASIAKASTIETO_AUDIT": str(folder / "audit.sqlite"),
        "ASIAKASTIETO_CAREPLANS": str(folder / "careplans.sqlite")})


def _page(browser):
    context = browser.new_context(ignore_https_errors=True, locale="fi-FI",
                                  viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    sockets: list[str] = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    return context, page, sockets


def test_dashboard_through_the_proxy_over_https_and_websocket(browser, with_logins):
    context, page, sockets = _page(browser)
    try:
        page.goto(f"{with_logins.url}/", wait_until="domcontentloaded")
        page.get_by_label("Käyttäjätunnus").fill("dir")
        page.get_by_label("Salasana").fill(PASSWORD)
        page.get_by_role("button", name="Kirjaudu").click()
        page.get_by_role("heading", name="Yleiskatsaus").first.wait_for(timeout=TIMEOUT_MS)
        page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=TIMEOUT_MS)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert f"{with_logins.url.replace('https', 'wss')}/_stcore/stream" in sockets
    finally:
        context.close()


def test_tls_is_verified_and_http_redirects_to_https(with_logins):
    context = proxy_server.https_context(with_logins.cert)
    with urllib.request.urlopen(f"{with_logins.url}/_stcore/health", context=context) as answer:
        assert answer.status == 200 and answer.read() == b"ok"
        assert answer.headers["Strict-Transport-Security"] == "max-age=31536000"

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.build_opener(NoRedirect).open(f"{with_logins.http_url}/data?x=1")
    assert answer.value.code == 301
    assert answer.value.headers["Location"] == f"https://{proxy_server.HOST}/data?x=1"


def test_demo_mode_refuses_to_serve_through_a_proxy(browser, fixture_facts, tmp_path):
    for proxied in _started(tmp_path, {"ASIAKASTIETO_WAREHOUSE": str(fixture_facts.path),
                                       "ASIAKASTIETO_DATA_DIR": str(tmp_path),
                                       "ASIAKASTIETO_AUTH": "demo"}):
        context, page, _ = _page(browser)
        try:
            page.goto(f"{proxied.url}/", wait_until="domcontentloaded")
            page.get_by_text("ei ole sallittu välityspalvelimen takana").wait_for(
                timeout=TIMEOUT_MS)
            assert page.locator('[data-testid="stMetricValue"]').count() == 0
            assert page.locator('[data-testid="stSidebarNav"]').count() == 0
        finally:
            context.close()
