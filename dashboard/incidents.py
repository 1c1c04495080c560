"""Failures never show internals: a page that fails shows a short fi/en message with an incident
id, and the server log gets the traceback under the same id.

`guard()` wraps a script run (`app.py`: the gate, the navigation, the sidebar and the page);
`reported()` wraps a widget callback, which Streamlit runs before the script. Streamlit's own
control flow (`st.stop`, `st.rerun`, `st.switch_page`) raises `BaseException`s that pass through.
`client.showErrorDetails = "none"` (`.streamlit/config.toml`, `asiakastieto serve`) covers what
could still escape: Streamlit then shows only a generic message.
"""

from __future__ import annotations

import functools
import logging
import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec

import streamlit as st

from dashboard import i18n
from dashboard.data import reader

LOGGER_NAME = "dashboard.incidents"
PENDING_KEY = "incidents_pending"  # ids of failed callbacks, shown on the next script run
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

P = ParamSpec("P")


def logger() -> logging.Logger:
    """The server log of incidents: stderr (journald under systemd, the terminal otherwise),
    and whatever handlers the root logger has."""
    log = logging.getLogger(LOGGER_NAME)
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return log


def new_id() -> str:
    """A short id a user can read out over the phone: 8 hex digits."""
    return secrets.token_hex(4).upper()


def _where() -> str:
    """The session's page and user for the log line (never shown to the user)."""
    user = st.session_state.get("auth_user")  # auth.USER_KEY (auth imports this module)
    who = f"{getattr(user, 'username', '-')} ({getattr(user, 'role', '-')})"
    try:
        page = st.context.url or "-"
    except Exception:  # no browser context (AppTest, a bare script run)
        page = "-"
    return f"page {page}, user {who}"


def record(error: BaseException, *, expected: bool = False) -> str:
    """Log `error` with its traceback under a new incident id and return the id."""
    incident = new_id()
    level = logging.WARNING if expected else logging.ERROR
    logger().log(level, "incident %s: %s: %s (%s)", incident, type(error).__name__, error,
                 _where(), exc_info=(type(error), error, error.__traceback__))
    return incident


def show(incident: str, lang: str) -> None:
    st.error(i18n.t("incident", lang, incident=incident), icon=":material/error:")


@contextmanager
def guard(lang: str) -> Iterator[None]:
    """Run the block; an exception becomes the incident message (a warehouse that cannot
    answer keeps its own message: what to do, with the id), its traceback goes to the log."""
    for incident in st.session_state.pop(PENDING_KEY, []):
        show(incident, lang)
    try:
        yield
    except reader.WarehouseUnavailable as error:
        incident = record(error, expected=True)
        st.error(i18n.t(error.message_key, lang, name=error.relation), icon=":material/database:")
        st.caption(i18n.t("incident_id", lang, incident=incident))
    except Exception as error:
        show(record(error), lang)


def reported(callback: Callable[P, None]) -> Callable[P, None]:
    """A widget callback whose failure is logged and shown on the next script run."""
    @functools.wraps(callback)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            callback(*args, **kwargs)
        except Exception as error:
            pending = st.session_state.setdefault(PENDING_KEY, [])
            pending.append(record(error))
    return run
