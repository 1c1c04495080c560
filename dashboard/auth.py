"""Who is using the dashboard: the gate that `app.py` runs before every page.

Modes (`Settings.auth_mode`, env `ASIAKASTIETO_AUTH`):
- `oidc`: Streamlit's built-in OpenID Connect (`st.login`, `[auth]` in `.streamlit/secrets.toml`);
  the signed-in e-mail must be listed in the accounts file, which gives the role.
- `local`: user name and password checked against the accounts file (scrypt hashes).
- `demo`: no login, everyone is the director; refused unless the server listens on loopback
  only (`server.address` localhost/127.0.0.1/::1), and every page says so.
- `auto` (default): oidc when secrets.toml has `[auth]`, local when the accounts file exists,
  otherwise demo.

Unauthenticated sessions get the login form (or button) and `st.stop()`: no page runs, no
query is made. The user lives in `st.session_state` on the server; no widget writes that key.
"""

from __future__ import annotations

import dataclasses
import re
import time

import streamlit as st

from dashboard import i18n, incidents
from warehouse import access
from warehouse.config import settings

USER_KEY = "auth_user"
DEMO_NAME_KEY = "careplan_user"  # the sidebar "Nimi" field of the care-plan editor (demo only)
FAILED_LOGIN_DELAY_SECONDS = 1.0
PROXY_HEADERS = ("X-Forwarded-For", "X-Forwarded-Proto", "X-Real-IP", "Forwarded")





def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets.toml at all
        return False


def mode() -> str:
    s = settings()
    chosen = s.auth_mode
    if chosen != "auto":
        return chosen
    if oidc_configured():
        return "oidc"
    if s.accounts_file.exists():
        return "local"
    return "demo"


def proxied() -> bool:
    """Whether the session's request came through a reverse proxy (it added a forwarding
    header, which a browser connecting directly does not send)."""
    try:
        headers = st.context.headers
    except Exception:  # no browser request (AppTest, a bare script run)
        return False
    return any(name in headers for name in PROXY_HEADERS)


def current_user() -> access.User | None:
    """The session's user (the demo user carries the name typed in the sidebar)."""
    user = st.session_state.get(USER_KEY)
    if isinstance(user, access.User) and user.source == "demo":
        typed = str(st.session_state.get(DEMO_NAME_KEY) or "").strip()
        return dataclasses.replace(user, display_name=typed)
    return user if isinstance(user, access.User) else None


def _local_login(lang: str) -> None:
    s = settings()
    st.title(i18n.t("auth_title", lang))
    with st.form("login_form"):
        username = st.text_input(i18n.t("auth_username", lang), key="login_username")
        password = st.text_input(i18n.t("auth_password", lang), type="password",
                                 key="login_password")
        submitted = st.form_submit_button(i18n.t("auth_login", lang), type="primary")
    if not submitted:
        return
    user, outcome = access.login(s.accounts_file, username, password)
    if user is None:
        time.sleep(FAILED_LOGIN_DELAY_SECONDS)
        st.error(i18n.t("auth_locked" if outcome == "locked" else "auth_bad_login", lang,
                    minutes=int(access.LOCKOUT.total_seconds() // 60)))
        return
    st.session_state[USER_KEY] = user
    st.rerun()


def _oidc_user(lang: str) -> access.User | None:
    if not st.user.is_logged_in:
        st.title(i18n.t("auth_title", lang))
        st.info(i18n.t("auth_oidc_info", lang))
        if st.button(i18n.t("auth_login", lang), type="primary", key="oidc_login"):
            st.login()
        return None
    email = st.user.get("email")
    user = access.oidc_user(settings().accounts_file, email)
    if user is None:
        st.error(i18n.t("auth_not_authorised", lang, email=email or "–"))
        if st.button(i18n.t("auth_logout", lang), key="oidc_logout_refused"):
            st.logout()
        return None
    if st.session_state.get(USER_KEY) != user:
        access.audit(user, "login", user.username, "oidc")
        st.session_state[USER_KEY] = user
    return user


def _still_valid(user: access.User) -> access.User | None:
    """A local user whose account was removed or changed meanwhile is signed out/updated."""
    account = access.load_accounts(settings().accounts_file).get(user.username.lower())
    if account is None or account.password_hash is None:
        return None
    return account.user("local")


def gate(lang: str) -> access.User:
    """The signed-in user, or render the login and stop the script run."""
    chosen = mode()
    if chosen == "demo":
        address = st.get_option("server.address")
        if not access.is_loopback(address):
            st.error(i18n.t("auth_demo_refused", lang, address=address or ""),
                     icon=":material/lock:")
            st.stop()
        if proxied():  # a reverse proxy makes a loopback server reachable from anywhere
            st.error(i18n.t("auth_demo_proxied", lang), icon=":material/lock:")
            st.stop()
        st.session_state.setdefault(USER_KEY, access.User("demo", "director", "", None, "demo"))
        st.warning(i18n.t("auth_demo_banner", lang), icon=":material/science:")
        return current_user()
    if chosen == "oidc":
        user = _oidc_user(lang)
    else:
        user = current_user()
        if user is not None and user.source != "local":
            user = None  # e.g. a demo session when the mode changed under it
        if user is not None:
            user = _still_valid(user)
            if user is None:
                st.session_state.pop(USER_KEY, None)
            else:
                st.session_state[USER_KEY] = user
        if user is None:
            _local_login(lang)
    if user is None:
        st.stop()
    return user


def sidebar(user: access.User, lang: str) -> None:
    """Who is signed in, and the sign-out button (not in demo mode)."""
    if user.source == "demo":
        return
    key = f"role_{user.role}"
    role = i18n.t(key, lang) if key in i18n.LABELS[i18n.DEFAULT_LANG] else user.role
    st.caption(i18n.t("auth_signed_in", lang, name=escape_markdown(user.name), role=role))
    if st.button(i18n.t("auth_logout", lang), key="auth_logout", icon=":material/logout:"):
        access.audit(user, "logout", user.username, user.source)
        st.session_state.pop(USER_KEY, None)
        if user.source == "oidc":
            st.logout()
        st.rerun()


_MARKDOWN_SPECIALS = "\\`*_{}[]()<>#+-.!|~$:"


ZERO_WIDTH_SPACE = "\u200b"


def escape_markdown(text: object) -> str:
    """Text from the data (customer, application or user names) shown verbatim in Markdown.

    Backslash-escapes Markdown's punctuation; Streamlit's renderer also turns `--` into `—`
    even when escaped, so a zero-width space goes between consecutive hyphens and dots.
    """
    value = re.sub(r"(?<=[-.])(?=[-.])", ZERO_WIDTH_SPACE, str(text))
    return "".join(f"\\{c}" if c in _MARKDOWN_SPECIALS else c for c in value)


@incidents.reported
def audit_export(what: str, target: str | None = None) -> None:
    """`on_click` of a download button: record who exported what (an audit log that cannot
    be written is an incident, shown on the next run)."""
    access.audit(current_user(), "export", target, what)
