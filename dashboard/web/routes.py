"""The routes `dashboard/server.py` adds to Streamlit's: the session cookie of local logins
(set from a one-time nonce, cleared at sign-out) and the documentation behind the login.

- `GET /session/start?nonce=…&next=/page?…`: swaps a nonce the login gate issued a moment
  ago (`warehouse.access.sessions.NONCES`) for the signed session cookie — HttpOnly,
  SameSite=Lax, Secure when the page came over https — and goes back to `next` (a path on
  this server only). An unknown, used or expired nonce sets nothing.
- `GET /session/end`: clears the cookie (the gate has already revoked the session).
- `/docs/dbt/…` (dbt docs) and `/docs/quality/…` (GX Data Docs): the static sites next to the
  warehouse, only to a request with a valid session (`identity.request_user`); anyone else
  gets 401 and a link to the sign-in.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

from dashboard import i18n, web
from dashboard.web import identity
from warehouse.access import sessions
from warehouse.config import settings

NO_STORE = [(b"cache-control", b"no-store"), (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin")]


def safe_next(target: str | None) -> str:
    """`target` if it is a path on this server, else the front page (no open redirect)."""
    if (not target or not target.startswith("/") or target.startswith("//")
            or "\\" in target or any(ord(c) < 32 for c in target)):
        return "/"
    return target


def _https(request: Request) -> bool:
    return (request.url.scheme == "https"
            or request.headers.get("x-forwarded-proto", "").lower() == "https")


async def session_start(request: Request) -> Response:
    token = sessions.NONCES.redeem(request.query_params.get("nonce"))
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    response.headers["cache-control"] = "no-store"
    if token is not None:
        response.set_cookie(sessions.COOKIE, token, max_age=sessions.max_age_seconds(),
                            path="/", httponly=True, samesite="lax", secure=_https(request))
    return response


async def session_end(request: Request) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.headers["cache-control"] = "no-store"
    response.delete_cookie(sessions.COOKIE, path="/", httponly=True, samesite="lax",
                           secure=_https(request))
    return response


def _page(key: str, link: str, status: int) -> HTMLResponse:
    """A short answer in Finnish and English, with a link to the dashboard."""
    lines = "".join(f"<p lang='{lang}'>{html.escape(i18n.t(key, lang))} "
                    f"<a href='/'>{html.escape(i18n.t(link, lang))}</a></p>"
                    for lang in i18n.LANGUAGES)
    page = (f"<!doctype html><html lang='fi'><head><meta charset='utf-8'><title>Asiakastieto"
            f"</title></head><body>{lines}</body></html>")
    return HTMLResponse(page, status_code=status, headers={"cache-control": "no-store"})


def login_required() -> HTMLResponse:
    return _page("docs_login_required", "docs_sign_in", 401)


class SignedInOnly:
    """A static site served to requests with a valid session only, never cached."""

    def __init__(self, folder: Callable[[], Path], missing: str) -> None:
        self.folder = folder
        self.missing = missing  # the label saying the site has not been written yet

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        user = await run_in_threadpool(identity.request_user, Request(scope))
        if user is None:
            await login_required()(scope, receive, send)
            return

        async def no_store(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *NO_STORE]
            await send(message)

        folder = self.folder()
        if not folder.is_dir():
            await _page(self.missing, "docs_dashboard", 404)(scope, receive, send)
            return
        files = StaticFiles(directory=folder, html=True)
        await files(scope, receive, no_store)


def routes() -> list[BaseRoute]:
    return [
        Route(web.SESSION_START, session_start, methods=["GET"]),
        Route(web.SESSION_END, session_end, methods=["GET"]),
        Mount(web.DBT_DOCS.rstrip("/"),
              app=SignedInOnly(lambda: settings().dbt_docs, "dbt_docs_missing")),
        Mount(web.QUALITY_DOCS.rstrip("/"),
              app=SignedInOnly(lambda: settings().data_docs, "data_docs_missing")),
    ]
