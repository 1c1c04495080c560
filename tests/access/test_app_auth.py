"""AppTest: the login gate (local accounts, OIDC through st.login, demo on loopback only) and
what each role sees and may do on the pages."""

from __future__ import annotations

import pytest
import streamlit
from access_helpers import APP, PASSWORD
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from warehouse import access

CONTACT = "H. Sovellus"  # a contact person of C001's critical application in the fixture


def _run(customer: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if customer:
        at.query_params["customer"] = customer
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _login(at: AppTest, username: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.form_id == "login_form").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    """Everything an AppTest run shows as text: markdown, captions, titles, tables, alerts."""
    parts = [e.value for kind in ("markdown", "caption", "title", "subheader", "header",
                                  "error", "warning", "info", "success")
             for e in getattr(at, kind)]
    for frame in at.dataframe:
        value = frame.value
        value = getattr(value, "data", value)
        parts.append(value.to_csv())
    return "\n".join(str(p) for p in parts)


def _nothing_shown(at: AppTest) -> None:
    assert not at.dataframe and not at.metric and not at.get("plotly_chart")
    assert not at.get("download_button") and not at.sidebar.radio
    assert "Kasvatus" not in _texts(at)


def _customer_page(at: AppTest, customer: str) -> AppTest:
    at.query_params["customer"] = customer
    at.switch_page("app_pages/customer.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_unauthenticated_sees_only_the_login(site, accounts):
    at = _run("C001")
    assert at.title[0].value.startswith("Asiakastieto")
    assert [t.label for t in at.text_input] == ["Käyttäjätunnus", "Salasana"]
    _nothing_shown(at)
    _login(at, "view", "wrong password")
    assert "Väärä" in at.error[0].value
    _nothing_shown(at)
    _login(at, "nobody", PASSWORD)
    _nothing_shown(at)
    denied = [r for r in access.audit_rows() if r["action"] == "login"]
    assert [r["outcome"] for r in denied] == ["denied", "denied"]


def test_local_login_then_pages_and_sign_out(site, accounts):
    at = _login(_run(), "dir")
    assert at.metric, "the overview's KPIs"
    assert any("Dora Director" in c.value for c in at.sidebar.caption)
    at.sidebar.button(key="auth_logout").click().run()
    _nothing_shown(at)
    assert [r["action"] for r in access.audit_rows()][:2] == ["logout", "login"]


def test_a_removed_account_is_signed_out_on_the_next_click(site, accounts):
    at = _login(_run(), "view")
    assert at.metric
    kept = {k: v for k, v in access.load_accounts(accounts).items() if k != "view"}
    access.save_accounts(accounts, kept)
    at.run()
    _nothing_shown(at)


def test_viewer_sees_no_contact_names_and_cannot_edit(site, accounts):
    at = _customer_page(_login(_run(), "dir"), "C001")
    assert CONTACT in _texts(at)
    at = _customer_page(_login(_run(), "view"), "C001")
    shown = _texts(at)
    assert CONTACT not in shown and "—" in shown
    assert not [b for b in at.button if b.label == "Tallenna"]
    assert any("Vain luku" in c.value for c in at.caption)
    # the pack the viewer downloads is redacted too (server side, not by the button)
    from dashboard.auth import USER_KEY
    from dashboard.data import engine
    from dashboard.report import pack

    user = at.session_state[USER_KEY]
    html = pack.build_bytes(engine.cached(), "C001", "html", site["careplans"], user=user).decode()
    assert CONTACT not in html and "—" in html
    assert ("view", "export", "C001") in {(r["username"], r["action"], r["target"])
                                          for r in access.audit_rows()}


def test_annual_clock_hides_contacts_from_viewers(site, accounts):
    at = _login(_run(), "view")
    at.switch_page("app_pages/annual_clock.py").run()
    assert not at.exception
    assert CONTACT not in _texts(at)


def test_manager_edits_own_customer_and_reads_others(site, accounts):
    at = _customer_page(_login(_run(), "anna"), "C001")
    assert [b for b in at.button if b.label == "Tallenna"], "Anna's own customer is editable"
    assert not at.sidebar.text_input, "no free-text name once signed in"
    at.selectbox(key="careplan_customer").set_value("C002").run()
    assert not at.exception
    assert at.title[0].value.endswith("Sosiaali\\- ja terveyspalvelut")
    assert not [b for b in at.button if b.label == "Tallenna"]
    assert any("Vain luku" in c.value for c in at.caption)


def test_manager_form_save_is_recorded_under_the_login(site, accounts):
    at = _customer_page(_login(_run(), "anna"), "C001")
    form = "cp_marketing___new__"
    at.text_area(key=f"{form}_action").input("Esittely")
    next(b for b in at.button if b.form_id == form and b.label == "Tallenna").click().run()
    assert not at.exception
    from warehouse.careplans import CarePlanStore

    entries = CarePlanStore(site["careplans"]).entries("C001", "marketing")
    assert [e.created_by for e in entries] == ["Anna Aalto"]


def test_demo_mode_is_refused_off_loopback(site, monkeypatch):
    monkeypatch.setenv("ASIAKASTIETO_AUTH", "demo")
    saved = st_config.get_option("server.address")
    try:
        for address in ("0.0.0.0", ""):
            st_config.set_option("server.address", address)
            at = _run()
            assert "localhost" in at.error[0].value
            _nothing_shown(at)
    finally:
        st_config.set_option("server.address", saved)


def test_demo_mode_on_loopback_says_so_on_every_page(site, monkeypatch):
    monkeypatch.setenv("ASIAKASTIETO_AUTH", "demo")
    at = _run()
    for page in ("app_pages/overview.py", "app_pages/customer.py", "app_pages/data.py",
                 "app_pages/annual_clock.py", "app_pages/billing.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert at.warning and at.warning[0].value.startswith("Demotila"), page


def test_a_typo_in_the_auth_mode_never_falls_back_to_demo(site, monkeypatch):
    monkeypatch.setenv("ASIAKASTIETO_AUTH", "dmeo")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.metric and not at.sidebar.radio
    assert "tunniste" in at.error[0].value, "a misconfiguration is an incident, never demo"


OIDC = {"redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 40, "client_id": "asiakastieto", "client_secret": "s",
        "server_metadata_url": "https://idp.example.invalid/.well-known/openid-configuration"}


@pytest.fixture
def login_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(streamlit, "login", lambda provider=None: calls.append(provider))
    return calls


def _oidc_app(user: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = OIDC
    at.user = user
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_oidc_unauthenticated_sees_nothing_and_is_sent_to_st_login(site, accounts,
                                                                     login_calls):
    at = _oidc_app({"is_logged_in": False})
    _nothing_shown(at)
    assert not at.text_input, "no local password form in OIDC mode"
    at.button(key="oidc_login").click().run()
    assert login_calls == [None]
    _nothing_shown(at)


def test_oidc_user_gets_the_role_of_the_accounts_file(site, accounts, login_calls):
    at = _oidc_app({"is_logged_in": True, "email": "boss@city.fi", "name": "Boss"})
    assert at.metric and not login_calls
    at = _oidc_app({"is_logged_in": True, "email": "stranger@city.fi"})
    assert "stranger@city.fi" in at.error[0].value
    _nothing_shown(at)


def test_repeated_wrong_passwords_lock_the_name(site, accounts, monkeypatch):
    """After MAX_FAILED_LOGINS refusals the right password is refused too, with a message
    saying so, and every attempt is in the audit log; other names are not affected."""
    from dashboard import auth

    monkeypatch.setattr(auth, "FAILED_LOGIN_DELAY_SECONDS", 0)
    at = _run()
    for _ in range(access.MAX_FAILED_LOGINS):
        _login(at, " DIR ", "guess")
        assert "Väärä" in at.error[0].value
    _login(at, "dir")  # the right password, but locked
    assert "lukittu" in at.error[0].value
    _nothing_shown(at)
    attempts = [r for r in access.audit_rows() if r["action"] == "login"]
    assert [(r["target"], r["outcome"]) for r in attempts][:2] == [
        ("dir", "denied"), ("dir", "denied")]
    assert attempts[0]["detail"] == "local; locked"
    assert access.login_locked("dir") and not access.login_locked("anna")


def test_the_lock_expires_and_a_good_login_resets_the_count(accounts):
    import datetime as dt

    for _ in range(access.MAX_FAILED_LOGINS - 1):
        assert access.login(accounts, "dir", "guess") == (None, "denied")
    user, outcome = access.login(accounts, "dir", PASSWORD)
    assert outcome == "ok" and user.username == "dir"
    assert access.login(accounts, "dir", "guess") == (None, "denied")
    assert not access.login_locked("dir")  # the count restarted after the good login
    for _ in range(access.MAX_FAILED_LOGINS):
        access.login(accounts, "dir", "guess")
    assert access.login(accounts, "dir", PASSWORD) == (None, "locked")
    later = dt.datetime.now(dt.UTC) + access.LOCKOUT + dt.timedelta(seconds=1)
    assert not access.login_locked("dir", now=later)
