"""Sessions of local logins that outlast a browser tab: what the session cookie carries, how
it is signed and checked, and the one-time nonce that brings it to the browser.

A session token names the account, its role and the account's session epoch, and is signed
with the installation's key (itsdangerous, with its time stamp). It is valid until it is
`Settings.session_hours` old, or the account is removed, or its role changes, or its epoch
does: `add_account` gives every changed account a new one and signing out gives one too
(`end_sessions`), which ends that account's sessions in every browser.

The key is `ASIAKASTIETO_SESSION_SECRET` if set, else the file `session_secret` in the data
folder (0600, created the first time someone signs in).

A token never travels in an address: after a good password the dashboard keeps the token in
this process under a random nonce that lives NONCE_SECONDS and works once, and sends the
browser to the route that swaps the nonce for the cookie (`dashboard/web/routes.py`).
"""

from __future__ import annotations

import secrets
import threading
import time

from itsdangerous import BadSignature, URLSafeTimedSerializer

from warehouse.access.accounts import load_accounts
from warehouse.access.policy import User
from warehouse.config import Settings, settings
from warehouse.stores import session_secret

COOKIE = "asiakastieto_session"
SALT = "asiakastieto.session.v1"
NONCE_SECONDS = 60


def _serializer(config: Settings) -> URLSafeTimedSerializer:
    key = config.session_secret or session_secret.read_or_create(config.session_secret_file)
    return URLSafeTimedSerializer(key, salt=SALT)


def max_age_seconds(config: Settings | None = None) -> int:
    return int((config or settings()).session_hours * 3600)


def issue(user: User, config: Settings | None = None) -> str:
    """A signed session token for a user who has just signed in with their password."""
    config = config or settings()
    account = load_accounts(config.accounts_file).get(user.username.lower())
    if account is None or account.password_hash is None:
        raise ValueError(f"{user.username!r} has no local account")
    claims = {"u": account.username.lower(), "r": account.role, "e": account.session_epoch}
    return _serializer(config).dumps(claims)


def verify(token: str | None, config: Settings | None = None) -> User | None:
    """The user of a valid session token, else None: unsigned, tampered, expired, or the
    account is gone, has another role or epoch, or no longer signs in with a password."""
    if not token:
        return None
    config = config or settings()
    if config.session_secret is None and not config.session_secret_file.exists():
        return None  # nobody has signed in yet: no key, no valid token
    try:
        claims = _serializer(config).loads(token, max_age=max_age_seconds(config))
    except BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(claims, dict):
        return None
    account = load_accounts(config.accounts_file).get(str(claims.get("u", "")))
    if (account is None or account.password_hash is None or account.role != claims.get("r")
            or account.session_epoch != claims.get("e")):
        return None
    return account.user("local")


class Nonces:
    """One-time, short-lived nonces standing for a session token inside this process."""

    def __init__(self, lifetime: float = NONCE_SECONDS) -> None:
        self.lifetime = lifetime
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def issue(self, token: str) -> str:
        nonce = secrets.token_urlsafe(24)
        now = time.monotonic()
        with self._lock:
            self._tokens = {k: v for k, v in self._tokens.items() if v[1] > now}
            self._tokens[nonce] = (token, now + self.lifetime)
        return nonce

    def redeem(self, nonce: str | None) -> str | None:
        """The token the nonce stands for, once; None if unknown, used or expired."""
        with self._lock:
            found = self._tokens.pop(nonce or "", None)
        if found is None or found[1] <= time.monotonic():
            return None
        return found[0]


NONCES = Nonces()
