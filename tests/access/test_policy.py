"""The policy module: roles, who may edit which customer, redaction, passwords, accounts,
the audit log, loopback detection and safe file names."""

from __future__ import annotations

import hashlib
import sqlite3

import pandas as pd
import pytest

from warehouse import access

ANNA = access.User("anna", "manager", "Anna Aalto", "Anna Aalto")
BERIT = access.User("berit", "manager", "Berit Berg", "Berit Berg")
DIRECTOR = access.User("dir", "director", "Dora")
VIEWER = access.User("view", "viewer", "Ville")
MANAGERS = {"C001": "Anna Aalto", "C002": "Berit Berg"}.get


def test_each_role_may_edit_what_the_issue_says():
    assert access.can_edit(DIRECTOR, "C002", MANAGERS)
    assert access.can_edit(ANNA, "C001", MANAGERS)
    assert not access.can_edit(ANNA, "C002", MANAGERS)
    assert not access.can_edit(BERIT, "C001", MANAGERS)
    assert not access.can_edit(VIEWER, "C001", MANAGERS)
    assert not access.can_edit(None, "C001", MANAGERS)
    # unknown customer or unreadable warehouse: a manager is refused (fails closed)
    assert not access.can_edit(ANNA, "NOPE", MANAGERS)
    assert not access.can_edit(access.User("x", "manager", "X", None), "C001", MANAGERS)


def test_the_warehouse_tells_the_customers_manager(site):
    assert access.customer_manager("C001") == "Anna Aalto"
    assert access.customer_manager("C002") == "Berit Berg"
    assert access.customer_manager("NOPE") is None
    assert access.customer_manager("C001", site["warehouse"].with_name("missing.duckdb")) is None


def test_unknown_roles_are_rejected():
    with pytest.raises(ValueError):
        access.User("x", "admin")


def test_viewer_sees_no_contact_persons():
    frame = pd.DataFrame({"application": ["A"], "customer_contact": ["H. Sovellus"],
                          "project_manager": ["Pekka P"], "it_representative": [None]})
    hidden = access.redact_contacts(frame, VIEWER)
    assert hidden.loc[0, "customer_contact"] == "—" and hidden.loc[0, "project_manager"] == "—"
    assert pd.isna(hidden.loc[0, "it_representative"]) and hidden.loc[0, "application"] == "A"
    for user in (ANNA, DIRECTOR):
        assert access.redact_contacts(frame, user) is frame
    assert access.redact_fields({"project_manager": "P", "name": "X"}, VIEWER) == {
        "project_manager": "—", "name": "X"}
    events = pd.DataFrame({"kind": ["application_update", "annual_clock"],
                           "to_whom": ["H. Sovellus", "Asiakas"]})
    assert access.redact_events(events, VIEWER)["to_whom"].tolist() == ["—", "Asiakas"]


def test_passwords_are_hashed_salted_and_verified():
    stored = access.hash_password("s3cret-password")
    assert "s3cret" not in stored and stored.startswith("scrypt$")
    assert stored != access.hash_password("s3cret-password")  # salted
    assert access.verify_password("s3cret-password", stored)
    assert not access.verify_password("s3cret-passwore", stored)
    assert not access.verify_password("", stored)
    assert not access.verify_password("x", None)
    assert not access.verify_password("x", "md5$abc")


def test_accounts_file_and_login(accounts):
    text = accounts.read_text()
    assert "correct horse" not in text and (accounts.stat().st_mode & 0o077) == 0
    user = access.authenticate(accounts, "Anna", "correct horse battery")
    assert user == access.User("anna", "manager", "Anna Aalto", "Anna Aalto", "local")
    assert access.authenticate(accounts, "anna", "wrong") is None
    assert access.authenticate(accounts, "nobody", "correct horse battery") is None
    # an OIDC-only account has no password: it cannot log in locally
    assert access.authenticate(accounts, "boss@city.fi", "") is None
    assert access.oidc_user(accounts, "Boss@City.fi").role == "director"
    assert access.oidc_user(accounts, "stranger@city.fi") is None
    with pytest.raises(ValueError):
        access.add_account(accounts, "m", "manager", password="x" * 12)  # no manager name
    with pytest.raises(ValueError):
        access.add_account(accounts, "../evil", "viewer", password="x" * 12)


def test_an_unknown_user_costs_as_much_as_a_wrong_password(accounts, monkeypatch):
    """Counted work, not wall-clock: each attempt runs scrypt once with the same cost
    parameters whether or not the user exists."""
    calls = []
    scrypt = hashlib.scrypt

    def counting(password, *, salt, n, r, p, dklen, maxmem):
        calls.append((n, r, p, dklen, maxmem))
        return scrypt(password, salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=maxmem)

    monkeypatch.setattr(hashlib, "scrypt", counting)

    def work(name: str) -> list:
        calls.clear()
        for _ in range(3):
            assert access.authenticate(accounts, name, "wrong password") is None
        return list(calls)

    known, unknown = work("anna"), work("nobody")
    assert len(known) == 3 and known == unknown
    assert known[0][:3] == (access.SCRYPT_N, access.SCRYPT_R, access.SCRYPT_P)


def test_audit_log_is_append_only(site):
    access.audit(ANNA, "export", "C001", "x.csv")
    access.audit(None, "login", "mallory", "local", outcome="denied")
    rows = access.audit_rows()
    assert [(r["username"], r["action"], r["outcome"]) for r in rows] == [
        ("anonymous", "login", "denied"), ("anna", "export", "ok")]
    assert rows[1]["role"] == "manager" and rows[1]["at"]
    con = sqlite3.connect(site["audit"])
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM audit")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE audit SET username = 'x'")
    con.close()


@pytest.mark.parametrize(("address", "loopback"), [
    ("localhost", True), ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True),
    ("[::1]", True), ("", False), (None, False), ("0.0.0.0", False), ("::", False),
    ("192.168.1.10", False), ("example.org", False)])
def test_loopback(address, loopback):
    assert access.is_loopback(address) is loopback


@pytest.mark.parametrize("name", [
    "../../etc/passwd", "..\\..\\windows\\system32", "/etc/shadow", "a/../../b", "....//x",
    "\x00evil\n.pdf", "..", ".", "", "<script>alert(1)</script>", "'; DROP TABLE x; --",
    "C:\\temp\\x", "~/.ssh/id_rsa"])
def test_report_names_cannot_traverse(name):
    safe = access.safe_filename(name)
    assert safe and "/" not in safe and "\\" not in safe and ".." not in safe
    assert not safe.startswith(".") and "\x00" not in safe and "\n" not in safe
    assert ":" not in safe and "~" not in safe


def test_safe_names_keep_finnish_letters():
    assert access.safe_filename("hoitosuunnitelma_Äänekoski_2024-03.pdf") == (
        "hoitosuunnitelma_Äänekoski_2024-03.pdf")
