"""Roles and what each may see and do.

- `director`: reads and exports everything, edits every care plan, manages the site.
- `manager` (partnership manager): reads everything, edits the care plans of the customers
  whose `customers.partnership_manager` equals the account's `manager_name` only.
- `viewer`: reads; contact persons' names are hidden (`warehouse.access.redaction`).

A plain string as the acting user means the operator (CLI, scripts, tests: whoever can write
the stores' files anyway); the dashboard always passes a `User`.
"""

from __future__ import annotations

import ipaddress
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.config import PROJECT_ROOT, settings

ROLES = ("director", "manager", "viewer")
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class Forbidden(PermissionError):
    """The acting user may not do this; nothing was written (the attempt is audited)."""


@dataclass(frozen=True)
class User:
    """An authenticated person (or the demo user, or the CLI operator)."""

    username: str
    role: str
    display_name: str = ""
    manager_name: str | None = None
    source: str = "local"  # local | oidc | demo | operator

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}, not {self.role!r}")

    @property
    def name(self) -> str:
        """What the care-plan history records as `changed_by`."""
        return (self.display_name or self.username).strip()


def operator(name: str | None = None) -> User:
    """The CLI's user: a director (whoever runs the CLI can read the files anyway)."""
    who = name or settings().operator
    return User(who, "director", who, None, "operator")


def as_user(user: User | str | None) -> User | None:
    """A plain string is the operator of that name."""
    return User(user, "director", user, None, "operator") if isinstance(user, str) else user


def manages_site(user: User | None) -> bool:
    """Who sees the setup page (what the site must decide) and may write its draft."""
    return user is not None and user.role == "director"


def sees_contacts(user: User | None) -> bool:
    return user is not None and user.role in ("director", "manager")


def customer_manager(customer_id: str, warehouse: Path | None = None) -> str | None:
    """The customer's partnership manager in the warehouse (None if unknown or unreadable)."""
    path = warehouse or settings().warehouse
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute("SELECT partnership_manager FROM customers WHERE customer_id = ?",
                          [customer_id]).fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return row[0] if row else None


def can_edit(user: User | None, customer_id: str,
             manager_of: Callable[[str], str | None] | None = None) -> bool:
    """Director: always. Manager: only the customers they are the partnership manager of
    (fails closed when the warehouse cannot tell). Viewer and nobody: never."""
    if user is None:
        return False
    if user.role == "director":
        return True
    if user.role != "manager" or not user.manager_name:
        return False
    manager = (manager_of or customer_manager)(customer_id)
    return manager is not None and manager == user.manager_name


def resolve_mode(settings_, secrets_file: Path | None = None) -> str:
    """The auth mode outside Streamlit (CLI): as `dashboard.auth.mode`, reading the project's
    `.streamlit/secrets.toml` for an `[auth]` section."""
    mode = settings_.auth_mode
    if mode != "auto":
        return mode
    secrets_file = secrets_file or PROJECT_ROOT / ".streamlit" / "secrets.toml"
    try:
        if "auth" in tomllib.loads(secrets_file.read_text(encoding="utf-8")):
            return "oidc"
    except (FileNotFoundError, tomllib.TOMLDecodeError):
        pass
    return "local" if settings_.accounts_file.exists() else "demo"


def is_loopback(address: str | None) -> bool:
    """True for addresses that accept connections from this machine only."""
    if not address:
        return False  # Streamlit's default (empty) binds every interface
    host = address.strip().strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
