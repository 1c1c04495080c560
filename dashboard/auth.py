"""Who is using the dashboard: the gate that `app.py` runs before every page.

Modes (`Settings.auth_mode`, env `ASIAKASTIETO_AUTH`):
- `oidc`: Streamlit's built-in OpenID Connect (`st.login`, `[auth]` in `.streamlit/secrets.toml`);
  the signed-in e-mail must be listed in the accounts file, which gives the role.
- `local`: user name and password checked against the accounts file (scrypt hashes); the
  browser then keeps a signed session cookie (`warehouse.access.sessions`), so reloads, deep
  links and a server restart stay signed in until sign-out or expiry.
- `demo`: no login, everyone is the director; refused unless the server listens on loopback
  only (`server.address` localhost/127.0.0.1/::1), and every page says so.
- `auto` (default): oidc when secrets.toml has `[auth]`, local when the accounts file exists,
  otherwise demo.

Unauthenticated sessions get the login form (or button) and `st.stop()`: no page runs, no
query is made. The user lives in `st.session_state` on the server; no widget writes that key.
A local session is checked again on every run: a removed account, a changed role and a
sign-out elsewhere end it at the next click.
"""

from __future__ import annotations

import dataclasses
import re
import time
from urllib.parse import urlencode, urlsplit

import streamlit as st

from dashboard import i18n, incidents, web
from warehouse import access
from warehouse.access import sessions
from warehouse.config import settings

USER_KEY = "auth_user"
TOKEN_KEY = "auth_session"  # the signed session token of a local login
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


def _local_login(lang: str) -> access.User | None:
    """The login form; after a good password the user, and the browser is sent to swap a
    one-time nonce for the session cookie and come back to this address (no rerun here: a
    rerun would drop that message before it is sent)."""
    s = settings()
    box = st.empty()
    with box.container():
        st.title(i18n.t("auth_title", lang))
        with st.form("login_form"):
            username = st.text_input(i18n.t("auth_username", lang), key="login_username")
            password = st.text_input(i18n.t("auth_password", lang), type="password",
                                     key="login_password")
            submitted = st.form_submit_button(i18n.t("auth_login", lang), type="primary")
    if not submitted:
        return None
    user, outcome = access.login(s.accounts_file, username, password)
    if user is None:
        time.sleep(FAILED_LOGIN_DELAY_SECONDS)
        st.error(i18n.t("auth_locked" if outcome == "locked" else "auth_bad_login", lang,
                    minutes=int(access.LOCKOUT.total_seconds() // 60)))
        return None
    box.empty()
    token = sessions.issue(user)
    st.session_state[TOKEN_KEY] = token
    st.session_state[USER_KEY] = user
    nonce = sessions.NONCES.issue(token)
    redirect(f"{web.SESSION_START}?{urlencode({'nonce': nonce, 'next': _here()})}")
    return user


def _cookie() -> str | None:
    try:
        return st.context.cookies.get(sessions.COOKIE)
    except Exception:  # no browser request (AppTest, a bare script run)
        return None


def _here() -> str:
    """This page's path and query, to come back to after the cookie is set."""
    try:
        url = st.context.url
    except Exception:
        url = None
    path = urlsplit(url).path if url else "/"
    query = urlencode(st.query_params.to_dict())
    return f"{path or '/'}?{query}" if query else (path or "/")


def redirect(url: str) -> None:
    """Send the browser to `url` on this server, as `st.login` and `st.logout` do (the same
    message: the page sets `window.location`)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return
    message = ForwardMsg()
    message.auth_redirect.url = url
    ctx.enqueue(message)


def _local_user() -> access.User | None:
    """The session's local user: its token (kept after the login, or the browser's cookie
    after a reload, a deep link or a restart), verified again on every run."""
    for token in (st.session_state.get(TOKEN_KEY), _cookie()):
        user = sessions.verify(token)
        if user is not None:
            st.session_state[TOKEN_KEY] = token
            st.session_state[USER_KEY] = user
            return user
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state.pop(USER_KEY, None)
    return None


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
    user = _oidc_user(lang) if chosen == "oidc" else (_local_user() or _local_login(lang))
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
    st.button(i18n.t("auth_logout", lang), key="auth_logout", icon=":material/logout:",
              on_click=_sign_out, args=(user,))


def _sign_out(user: access.User) -> None:
    """The sign-out button's callback (before the run, which then shows only the login)."""
    access.audit(user, "logout", user.username, user.source)
    st.session_state.pop(USER_KEY, None)
    st.session_state.pop(TOKEN_KEY, None)
    if user.source == "oidc":
        st.logout()
    else:  # revoke every session of the account, then clear this browser's cookie
        access.end_sessions(settings().accounts_file, user.username)
        redirect(web.SESSION_END)


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
