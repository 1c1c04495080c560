"""What leaves the product stripped of what its reader may not see or should not trust:
contact persons' names for a viewer, and file names built from customer or manager names."""

from __future__ import annotations

import re
from collections.abc import Mapping

from warehouse.access.policy import User, sees_contacts

REDACTED = "—"
# Columns that name contact persons, wherever they appear (marts and care-plan fields).
PERSON_COLUMNS = frozenset({"customer_contact", "project_manager", "it_representative"})
_UNSAFE = re.compile(r"[^\w.-]+")


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


def safe_filename(name: str, default: str = "export") -> str:
    """A download/report file name without path separators, `..`, control characters or
    leading dots: whatever the customer or manager is called, it names a file in one folder."""
    cleaned = _UNSAFE.sub("_", str(name or ""))
    cleaned = re.sub(r"\.{2,}", "_", cleaned).strip("._-")
    return cleaned[:120] or default
