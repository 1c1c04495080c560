"""What goes into the audit log: who (username, role, how signed in), what, on what, when,
with what outcome. The log itself is `warehouse.stores.audit_log` (append-only SQLite,
`Settings.audit_log` unless a path is given)."""

from __future__ import annotations

from pathlib import Path

from warehouse.access.policy import User, as_user
from warehouse.config import settings
from warehouse.stores import audit_log


def log_path(path: Path | None) -> Path:
    return Path(path) if path is not None else settings().audit_log


def audit(user: User | str | None, action: str, target: str | None = None,
          detail: str | None = None, *, outcome: str = "ok", path: Path | None = None) -> None:
    """Append one row; a plain string is the operator, None an anonymous attempt."""
    user = as_user(user)
    username, role, source = ((user.username, user.role, user.source) if user
                              else ("anonymous", "-", "-"))
    audit_log.append(log_path(path), username=username, role=role, source=source,
                     action=action, target=target, detail=detail, outcome=outcome)


def audit_rows(path: Path | None = None, limit: int = 1000) -> list[dict]:
    """The newest audit rows first."""
    return audit_log.rows(log_path(path), limit)
