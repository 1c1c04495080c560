"""Access control in one place (issue 8): roles, who may edit which customer's care plan, who
sees contact persons' names, the local accounts file (hashed passwords) and the audit log.

Roles
- `director`: reads and exports everything, edits every care plan.
- `manager` (partnership manager): reads everything, edits the care plans of the customers
  whose `customers.partnership_manager` equals the account's `manager_name` only.
- `viewer`: reads; contact persons' names (customer contacts, project managers, IT
  representatives) are shown as `—` on every page and in every export.

The care-plan store (`warehouse.careplans`) calls `authorize_edit` inside every write, so a
page that forgot to hide a button, or a crafted request, is refused at the store boundary. A
plain string as the acting user means the operator (CLI, scripts, tests: whoever can write
the store's file anyway); the dashboard always passes a `User`.

Accounts file (`Settings.accounts_file`, default `<data dir>/accounts.toml`), one table per
user; `password_hash` only for local logins (OIDC users are looked up by their e-mail):

    [users.aaalto]
    role = "manager"
    display_name = "Anna Aalto"
    manager_name = "Anna Aalto"
    password_hash = "scrypt$16384$8$1$<salt>$<hash>"

Passwords are hashed with scrypt (stdlib `hashlib`, 16 MiB, random 16-byte salt) and compared
in constant time; an unknown user costs the same as a wrong password.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import os
import re
import secrets
import sqlite3
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from warehouse import sqlite_wal

ROLES = ("director", "manager", "viewer")
REDACTED = "—"
# Columns that name contact persons, wherever they appear (marts and care-plan fields).
PERSON_COLUMNS = frozenset({"customer_contact", "project_manager", "it_representative"})
USERNAME = re.compile(r"^[A-Za-z0-9._@-]{1,128}$")
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LEN = 2**14, 8, 1, 32
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


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    display_name: str = ""
    manager_name: str | None = None
    password_hash: str | None = None

    def user(self, source: str) -> User:
        return User(self.username, self.role, self.display_name or self.username,
                    self.manager_name, source)


def operator(name: str | None = None) -> User:
    """The CLI's user: a director (whoever runs the CLI can read the files anyway)."""
    from warehouse.config import settings

    who = name or settings().operator
    return User(who, "director", who, None, "operator")


# --- policy -----------------------------------------------------------------------------------

def manages_site(user: User | None) -> bool:
    """Who sees the setup page (what the site must decide) and may write its draft."""
    return user is not None and user.role == "director"


def sees_contacts(user: User | None) -> bool:
    return user is not None and user.role in ("director", "manager")


def customer_manager(customer_id: str, warehouse: Path | None = None) -> str | None:
    """The customer's partnership manager in the warehouse (None if unknown or unreadable)."""
    import duckdb

    from warehouse.config import settings

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


def authorize_edit(user: User | str, customer_id: str, what: str, *,
                   manager_of: Callable[[str], str | None] | None = None,
                   audit_path: Path | None = None) -> str:
    """The name to record for a care-plan write by `user`; Forbidden (audited) if not allowed.

    A plain string is the operator (see the module docstring) and is recorded as is.
    """
    if isinstance(user, str):
        return user
    if not can_edit(user, customer_id, manager_of):
        audit(user, "careplan_edit", customer_id, what, outcome="denied", path=audit_path)
        raise Forbidden(f"{user.username} ({user.role}) may not edit the care plan of "
                        f"{customer_id}")
    return user.name


def redact_contacts(frame, user: User | None, columns=PERSON_COLUMNS):
    """`frame` with contact persons' names replaced by `—` unless `user` may see them."""
    if frame is None or sees_contacts(user):
        return frame
    present = [c for c in frame.columns if c in columns]
    if not present:
        return frame
    return frame.assign(**{c: frame[c].where(frame[c].isna(), REDACTED) for c in present})


def redact_fields(fields: Mapping | None, user: User | None) -> dict | None:
    """Care-plan fields with the person-naming ones replaced by `—` for a viewer."""
    if fields is None or sees_contacts(user):
        return None if fields is None else dict(fields)
    return {k: (REDACTED if k in PERSON_COLUMNS and v not in (None, "") else v)
            for k, v in fields.items()}


def redact_events(frame, user: User | None):
    """Recurring events: `to_whom` of an application update is the customer's contact."""
    if frame is None or sees_contacts(user) or "to_whom" not in frame.columns:
        return frame
    names = frame["kind"].eq("application_update") & frame["to_whom"].notna()
    return frame.assign(to_whom=frame["to_whom"].where(~names, REDACTED))


def resolve_mode(settings_, secrets_file: Path | None = None) -> str:
    """The auth mode outside Streamlit (CLI): as `dashboard.auth.mode`, reading the project's
    `.streamlit/secrets.toml` for an `[auth]` section."""
    from warehouse.config import PROJECT_ROOT

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


# --- passwords and the accounts file ----------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    if not password:
        raise ValueError("empty password")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R,
                            p=SCRYPT_P, dklen=SCRYPT_LEN, maxmem=64 * 1024 * 1024)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


# Verified when the user is unknown, so that the response time does not tell who exists.
_DUMMY_HASH = hash_password(secrets.token_hex(16))


def verify_password(password: str, stored: str | None) -> bool:
    """Constant-time check of `password` against a `hash_password` string."""
    try:
        scheme, n, r, p, salt, digest = (stored or _DUMMY_HASH).split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt),
                                n=int(n), r=int(r), p=int(p), dklen=len(expected),
                                maxmem=64 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected) and stored is not None


def load_accounts(path: Path) -> dict[str, Account]:
    """Username (lower-case) → account; an absent file has no accounts."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    accounts = {}
    for username, row in (data.get("users") or {}).items():
        account = Account(username=username, role=row.get("role", ""),
                          display_name=row.get("display_name", ""),
                          manager_name=row.get("manager_name") or None,
                          password_hash=row.get("password_hash") or None)
        if account.role not in ROLES:
            raise ValueError(f"{path}: user {username!r} has an unknown role {account.role!r}")
        accounts[username.lower()] = account
    return accounts


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a valid TOML basic string


def save_accounts(path: Path, accounts: Mapping[str, Account]) -> None:
    """Write the accounts file atomically, readable by its owner only."""
    lines = ["# Asiakastieto accounts: `asiakastieto user add` writes this file.", ""]
    for account in sorted(accounts.values(), key=lambda a: a.username.lower()):
        lines.append(f"[users.{_toml_str(account.username)}]")
        lines.append(f"role = {_toml_str(account.role)}")
        for key in ("display_name", "manager_name", "password_hash"):
            value = getattr(account, key)
            if value:
                lines.append(f"{key} = {_toml_str(value)}")
        lines.append("")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write("\n".join(lines))
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def add_account(path: Path, username: str, role: str, *, password: str | None,
                display_name: str = "", manager_name: str | None = None) -> Account:
    """Add or replace one account (a password for local login; none for an OIDC user)."""
    if not USERNAME.match(username):
        raise ValueError("a username is 1-128 letters, digits or . _ @ -")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if role == "manager" and not manager_name:
        raise ValueError("a manager needs --manager-name (as in customers.partnership_manager)")
    accounts = load_accounts(path)
    account = Account(username, role, display_name or manager_name or username, manager_name,
                      hash_password(password) if password else None)
    accounts[username.lower()] = account
    save_accounts(path, accounts)
    return account


def authenticate(path: Path, username: str, password: str) -> User | None:
    """The user of a correct local login, else None (same work for an unknown name)."""
    account = load_accounts(path).get((username or "").strip().lower())
    stored = account.password_hash if account else None
    if verify_password(password or "", stored) and account is not None:
        return account.user("local")
    return None


MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)


def login_name(username: str | None) -> str:
    """How a local login attempt is recorded and counted: stripped, lower case, bounded."""
    return (username or "").strip().lower()[:128]


def login_locked(username: str, *, audit_path: Path | None = None,
                 now: dt.datetime | None = None) -> bool:
    """True after MAX_FAILED_LOGINS refused local logins of `username` within LOCKOUT since
    its last successful one: password guessing gets ~20 tries an hour, not thousands. The
    count lives in the audit log, so it holds across sessions, reloads and server processes."""
    since = ((now or dt.datetime.now(dt.UTC)) - LOCKOUT).isoformat(timespec="microseconds")
    with _audit_db(audit_path) as con:
        last_ok = con.execute(
            "SELECT coalesce(max(audit_id), 0) FROM audit WHERE action = 'login'"
            " AND outcome = 'ok' AND lower(target) = ?", [login_name(username)]).fetchone()[0]
        failed = con.execute(
            "SELECT count(*) FROM audit WHERE action = 'login' AND outcome = 'denied'"
            " AND target = ? AND at >= ? AND audit_id > ?",
            [login_name(username), since, last_ok]).fetchone()[0]
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


# --- audit log --------------------------------------------------------------------------------

AUDIT_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    audit_id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    role TEXT NOT NULL,
    source TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed'))
);
CREATE TRIGGER IF NOT EXISTS audit_is_append_only_u BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_is_append_only_d BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""


def _audit_path(path: Path | None) -> Path:
    if path is not None:
        return Path(path)
    from warehouse.config import settings

    return settings().audit_log


@contextlib.contextmanager
def _audit_db(path: Path | None) -> Iterator[sqlite3.Connection]:
    con = sqlite_wal.connect(_audit_path(path), AUDIT_SCHEMA)
    try:
        yield con
    finally:
        con.close()


def audit(user: User | str | None, action: str, target: str | None = None,
          detail: str | None = None, *, outcome: str = "ok", path: Path | None = None) -> None:
    """Append one row: who (username, role, how signed in), what, on what, when, outcome."""
    if isinstance(user, str):
        user = User(user, "director", user, None, "operator")
    username, role, source = ((user.username, user.role, user.source) if user
                              else ("anonymous", "-", "-"))
    with _audit_db(path) as con:
        con.execute(
            "INSERT INTO audit (at, username, role, source, action, target, detail, outcome)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"), username, role,
             source, action, target, detail, outcome],
        )


def audit_rows(path: Path | None = None, limit: int = 1000) -> list[dict]:
    """The newest audit rows first."""
    with _audit_db(path) as con:
        con.row_factory = sqlite3.Row
        rows = con.execute("SELECT * FROM audit ORDER BY audit_id DESC LIMIT ?",
                           [limit]).fetchall()
    return [dict(row) for row in rows]


# --- file names -------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^\w.-]+")


def safe_filename(name: str, default: str = "export") -> str:
    """A download/report file name without path separators, `..`, control characters or
    leading dots: whatever the customer or manager is called, it names a file in one folder."""
    cleaned = _UNSAFE.sub("_", str(name or ""))
    cleaned = re.sub(r"\.{2,}", "_", cleaned).strip("._-")
    return cleaned[:120] or default
