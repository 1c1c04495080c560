"""Who sent an HTTP request to the dashboard's own routes, by the same rules as the login
gate (`dashboard.auth.gate`) in every mode:

- `local`: the signed session cookie (`warehouse.access.sessions`);
- `oidc`: Streamlit's own identity cookie, decoded and checked by Streamlit's own functions
  (signature with `[auth] cookie_secret`, age, the origin of `redirect_uri`), then the e-mail
  looked up in the accounts file;
- `demo`: the demo director, only on a loopback server and without forwarding headers.
"""

from __future__ import annotations

import streamlit as st
from starlette.requests import HTTPConnection

from dashboard import auth
from warehouse import access
from warehouse.access import sessions
from warehouse.config import settings


def request_user(request: HTTPConnection) -> access.User | None:
    chosen = auth.mode()
    if chosen == "local":
        return sessions.verify(request.cookies.get(sessions.COOKIE))
    if chosen == "oidc":
        return access.oidc_user(settings().accounts_file, oidc_email(request))
    if chosen == "demo":
        proxied = any(name.lower() in request.headers for name in auth.PROXY_HEADERS)
        if access.is_loopback(st.get_option("server.address")) and not proxied:
            return access.User("demo", "director", "", None, "demo")
    return None


def oidc_email(request: HTTPConnection) -> str | None:
    """The e-mail of a valid `st.login` identity cookie, else None."""
    # Streamlit's own reading of its cookie (as its websocket handler does): the same
    # signature, age and origin checks, no second implementation of them.
    from streamlit.auth_util import get_origin_from_redirect_uri
    from streamlit.web.server.starlette import starlette_websocket
    from streamlit.web.server.starlette.starlette_server_config import USER_COOKIE_NAME

    origin = get_origin_from_redirect_uri()
    raw = starlette_websocket._get_signed_cookie_with_chunks(dict(request.cookies),
                                                             USER_COOKIE_NAME)
    if not raw or not origin:
        return None
    identity = starlette_websocket._parse_decoded_user_cookie(raw, origin)
    if not identity.get("is_logged_in"):
        return None
    email = identity.get("email")
    return email if isinstance(email, str) else None
