"""Local accounts and logins: the accounts file's users with their roles, password logins
with lock-out, and identity-provider (OIDC) users looked up by e-mail."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from warehouse.access.audit import audit, log_path
from warehouse.access.passwords import hash_password, verify_password
from warehouse.access.policy import ROLES, User
from warehouse.stores import accounts as accounts_file
from warehouse.stores import audit_log

USERNAME = re.compile(r"^[A-Za-z0-9._@-]{1,128}$")
MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    display_name: str = ""
    manager_name: str | None = None
    password_hash: str | None = None
    # Changes whenever the account does and when it signs out: a session signed for another
    # epoch is no longer valid (warehouse.access.sessions).
    session_epoch: str = ""

    def user(self, source: str) -> User:
        return User(self.username, self.role, self.display_name or self.username,
                    self.manager_name, source)


def load_accounts(path: Path) -> dict[str, Account]:
    """Username (lower-case) → account; an absent file has no accounts."""
    accounts = {}
    for username, row in accounts_file.read(path).items():
        account = Account(username=username, role=row.get("role", ""),
                          display_name=row.get("display_name", ""),
                          manager_name=row.get("manager_name") or None,
                          password_hash=row.get("password_hash") or None,
                          session_epoch=row.get("session_epoch") or "")
        if account.role not in ROLES:
            raise ValueError(f"{path}: user {username!r} has an unknown role {account.role!r}")
        accounts[username.lower()] = account
    return accounts


def save_accounts(path: Path, accounts: Mapping[str, Account]) -> None:
    """Write the accounts file atomically, readable by its owner only."""
    ordered = sorted(accounts.values(), key=lambda a: a.username.lower())
    accounts_file.write(path, [
        (a.username, {"role": a.role, "display_name": a.display_name,
                      "manager_name": a.manager_name, "password_hash": a.password_hash,
                      "session_epoch": a.session_epoch})
        for a in ordered])


def add_account(path: Path, username: str, role: str, *, password: str | None,
                display_name: str = "", manager_name: str | None = None) -> Account:
    """Add or replace one account (a password for local login; none for an OIDC user)."""
    if not USERNAME.match(username):
        raise ValueError("a username is 1-128 letters, digits or . _ @ -")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if role == "manager" and not manager_name:
        raise ValueError("a manager needs --manager-name (as in customers.partnership_manager)")
    account = Account(username, role, display_name or manager_name or username, manager_name,
                      hash_password(password) if password else None, new_epoch())
    with accounts_file.locked(path):
        accounts = load_accounts(path)
        accounts[username.lower()] = account
        save_accounts(path, accounts)
    return account


def remove_account(path: Path, username: str) -> bool:
    """Remove one account (its sessions end with it); False if there was none."""
    with accounts_file.locked(path):
        accounts = load_accounts(path)
        if accounts.pop(username.strip().lower(), None) is None:
            return False
        save_accounts(path, accounts)
    return True


def new_epoch() -> str:
    return secrets.token_urlsafe(9)


def end_sessions(path: Path, username: str) -> None:
    """Sign the account out everywhere: a new session epoch invalidates every session
    signed for it (an absent account has none left anyway)."""
    with accounts_file.locked(path):
        accounts = load_accounts(path)
        account = accounts.get(username.strip().lower())
        if account is None:
            return
        accounts[username.strip().lower()] = replace(account, session_epoch=new_epoch())
        save_accounts(path, accounts)


def authenticate(path: Path, username: str, password: str) -> User | None:
    """The user of a correct local login, else None (same work for an unknown name)."""
    account = load_accounts(path).get((username or "").strip().lower())
    stored = account.password_hash if account else None
    if verify_password(password or "", stored) and account is not None:
        return account.user("local")
    return None


def login_name(username: str | None) -> str:
    """How a local login attempt is recorded and counted: stripped, lower case, bounded."""
    return (username or "").strip().lower()[:128]


def login_locked(username: str, *, audit_path: Path | None = None,
                 now: dt.datetime | None = None) -> bool:
    """True after MAX_FAILED_LOGINS refused local logins of `username` within LOCKOUT since
    its last successful one: password guessing gets ~20 tries an hour, not thousands. The
    count lives in the audit log, so it holds across sessions, reloads and server processes."""
    since = (now or dt.datetime.now(dt.UTC)) - LOCKOUT
    failed = audit_log.refused_logins_since(log_path(audit_path), login_name(username), since)
    return failed >= MAX_FAILED_LOGINS


def login(accounts: Path, username: str, password: str, *,
          audit_path: Path | None = None) -> tuple[User | None, str]:
    """A local login with lock-out and audit: (user, "ok") or (None, "denied" | "locked").
    A locked name is refused even with the right password (and the attempt counts)."""
    name = login_name(username)
    if login_locked(name, audit_path=audit_path):
        audit(None, "login", name, "local; locked", outcome="denied", path=audit_path)
        return None, "locked"
    user = authenticate(accounts, username, password)
    if user is None:
        audit(None, "login", name, "local", outcome="denied", path=audit_path)
        return None, "denied"
    audit(user, "login", name, "local", path=audit_path)
    return user, "ok"


def oidc_user(path: Path, email: str | None) -> User | None:
    """The role of a user signed in through the identity provider, by e-mail; None if the
    accounts file does not list them (signed in, but not authorised)."""
    if not email:
        return None
    account = load_accounts(path).get(email.strip().lower())
    return account.user("oidc") if account else None
