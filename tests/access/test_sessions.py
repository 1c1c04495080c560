"""Signed sessions of local logins: a token is valid until it expires, the account goes, its
role or epoch changes or it signs out; the key is kept 0600 in the data folder; a nonce
works once and briefly; the cookie route redirects only within the server."""

from __future__ import annotations

import stat
import time

import itsdangerous.timed
import pytest
from access_helpers import PASSWORD

from warehouse import access
from warehouse.access import sessions
from warehouse.config import settings


def _token(username: str) -> str:
    user = access.authenticate(settings().accounts_file, username, PASSWORD)
    assert user is not None
    return sessions.issue(user)


def test_a_token_names_the_account_and_its_role(site, accounts):
    token = _token("anna")
    user = sessions.verify(token)
    assert (user.username, user.role, user.manager_name, user.source) == (
        "anna", "manager", "Anna Aalto", "local")
    assert "anna" not in token.split(".")[-1]  # the signature is not the name


def test_tampered_foreign_or_garbage_tokens_are_refused(site, accounts, monkeypatch):
    token = _token("view")
    payload, stamp, signature = token.split(".")
    assert sessions.verify(f"{payload}.{stamp}.{signature[:-2]}xx") is None
    assert sessions.verify("") is None and sessions.verify(None) is None
    assert sessions.verify("not.a.token") is None
    forged = itsdangerous.URLSafeTimedSerializer("another key" * 4, salt=sessions.SALT)
    assert sessions.verify(forged.dumps({"u": "dir", "r": "director", "e": ""})) is None
    monkeypatch.setenv("ASIAKASTIETO_SESSION_SECRET", "a configured key " * 3)
    assert sessions.verify(token) is None, "a token signed with the file's key"
    assert sessions.verify(_token("view")) is not None


def test_a_token_expires(site, accounts, monkeypatch):
    monkeypatch.setenv("ASIAKASTIETO_SESSION_HOURS", "1")
    issued = time.time() - 3601
    with monkeypatch.context() as past:  # signed an hour and a second ago
        past.setattr(itsdangerous.timed.time, "time", lambda: issued)
        old = _token("dir")
    assert sessions.verify(old) is None
    assert sessions.verify(_token("dir")) is not None


def test_removing_the_account_or_changing_it_ends_its_sessions(site, accounts):
    anna, berit, view = _token("anna"), _token("berit"), _token("view")
    assert access.remove_account(accounts, "anna")
    access.add_account(accounts, "anna", "manager", password=PASSWORD, manager_name="Anna Aalto")
    assert sessions.verify(anna) is None, "a new account of the same name is not the old one"
    access.add_account(accounts, "berit", "viewer", password=PASSWORD)
    assert sessions.verify(berit) is None, "a changed role"
    assert sessions.verify(view) is not None, "other accounts keep their sessions"


def test_signing_out_ends_every_session_of_the_account(site, accounts):
    first, second, other = _token("view"), _token("view"), _token("dir")
    access.end_sessions(accounts, "view")
    assert sessions.verify(first) is None and sessions.verify(second) is None
    assert sessions.verify(other) is not None
    assert sessions.verify(_token("view")) is not None, "signing in again works"


def test_identity_provider_accounts_get_no_local_session(site, accounts):
    with pytest.raises(ValueError, match="no local account"):
        sessions.issue(access.User("boss@city.fi", "director", source="oidc"))


def test_the_key_is_created_once_readable_by_its_owner_only(site, accounts):
    path = settings().session_secret_file
    assert not path.exists()
    assert sessions.verify("anything") is None  # checking creates no key
    assert not path.exists()
    token = _token("dir")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key = path.read_text()
    _token("view")
    assert path.read_text() == key and sessions.verify(token) is not None
    path.unlink()  # deleting the key signs everyone out
    assert sessions.verify(token) is None


def test_a_nonce_works_once_and_briefly():
    nonces = sessions.Nonces()
    nonce = nonces.issue("token")
    assert nonces.redeem(nonce) == "token"
    assert nonces.redeem(nonce) is None
    assert nonces.redeem("guessed") is None and nonces.redeem(None) is None
    expired = sessions.Nonces(lifetime=0)
    assert expired.redeem(expired.issue("token")) is None


@pytest.mark.parametrize(("target", "expected"), [
    ("/customer?customer=C001", "/customer?customer=C001"),
    ("/", "/"), (None, "/"), ("", "/"),
    ("https://evil.example/", "/"), ("//evil.example/", "/"), ("/\\evil.example", "/"),
    ("javascript:alert(1)", "/"), ("/x\r\nSet-Cookie: a=b", "/"),
])
def test_the_cookie_route_goes_back_within_the_server_only(target, expected):
    from dashboard.web.routes import safe_next

    assert safe_next(target) == expected
