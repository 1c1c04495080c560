"""Enforcement at the care-plan store's boundary: every write asks `authorize_edit` before
anything is written, so a page that forgot to hide a button, or a crafted request, is refused
there (and the refusal is audited)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from warehouse.access.audit import audit
from warehouse.access.policy import Forbidden, User, can_edit


def authorize_edit(user: User | str, customer_id: str, what: str, *,
                   manager_of: Callable[[str], str | None] | None = None,
                   audit_path: Path | None = None) -> str:
    """The name to record for a care-plan write by `user`; Forbidden (audited) if not allowed.

    A plain string is the operator and is recorded as is.
    """
    if isinstance(user, str):
        return user
    if not can_edit(user, customer_id, manager_of):
        audit(user, "careplan_edit", customer_id, what, outcome="denied", path=audit_path)
        raise Forbidden(f"{user.username} ({user.role}) may not edit the care plan of "
                        f"{customer_id}")
    return user.name


class CarePlanGuard:
    """The care-plan store's `WriteGuard`: `authorize_edit` before a write; a dashboard user's
    successful write also goes to the audit log (the store's history has it already)."""

    def authorize(self, user: User | str, customer_id: str, what: str) -> str:
        return authorize_edit(user, customer_id, what)

    def written(self, user: User | str, customer_id: str, what: str) -> None:
        if isinstance(user, User):
            audit(user, "careplan_edit", customer_id, what)


CAREPLAN_GUARD = CarePlanGuard()
