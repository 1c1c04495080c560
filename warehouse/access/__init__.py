"""Access control: who may see and do what (`policy`), password hashes (`passwords`), the
accounts and logins with lock-out (`accounts`), signed sessions that outlast a browser tab
(`sessions`), the audit log's rows (`audit`), what is stripped before it leaves (`redaction`)
and the care-plan store's write guard (`guard`).

Every public name is importable from `warehouse.access` itself, as the dashboard does.
Roles, the accounts file and the audit log are described in docs/access.md.
"""

from warehouse.access.accounts import (
    LOCKOUT,
    MAX_FAILED_LOGINS,
    USERNAME,
    Account,
    add_account,
    authenticate,
    end_sessions,
    load_accounts,
    login,
    login_locked,
    login_name,
    oidc_user,
    remove_account,
    save_accounts,
)
from warehouse.access.audit import audit, audit_rows
from warehouse.access.guard import CAREPLAN_GUARD, CarePlanGuard, authorize_edit
from warehouse.access.passwords import (
    SCRYPT_LEN,
    SCRYPT_N,
    SCRYPT_P,
    SCRYPT_R,
    hash_password,
    verify_password,
)
from warehouse.access.policy import (
    LOOPBACK_NAMES,
    ROLES,
    Forbidden,
    User,
    can_edit,
    customer_manager,
    is_loopback,
    manages_site,
    operator,
    resolve_mode,
    sees_contacts,
)
from warehouse.access.redaction import (
    PERSON_COLUMNS,
    REDACTED,
    redact_contacts,
    redact_events,
    redact_fields,
    safe_filename,
)
from warehouse.stores.audit_log import SCHEMA as AUDIT_SCHEMA

__all__ = [
    "AUDIT_SCHEMA", "CAREPLAN_GUARD", "LOCKOUT", "LOOPBACK_NAMES", "MAX_FAILED_LOGINS",
    "PERSON_COLUMNS", "REDACTED", "ROLES", "SCRYPT_LEN", "SCRYPT_N", "SCRYPT_P", "SCRYPT_R",
    "USERNAME", "Account", "CarePlanGuard", "Forbidden", "User", "add_account", "audit",
    "audit_rows", "authenticate", "authorize_edit", "can_edit", "customer_manager", "end_sessions",
    "hash_password", "is_loopback", "load_accounts", "login", "login_locked", "login_name",
    "manages_site", "oidc_user", "operator", "redact_contacts", "redact_events",
    "redact_fields", "remove_account", "resolve_mode", "safe_filename", "save_accounts",
    "sees_contacts", "verify_password",
]
