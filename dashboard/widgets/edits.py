"""A care-plan save on its way into the figures: after a save that may feed one (a potential
score, a budget override, a price proposal, a project), `saved` remembers its change number
and every page shows a small status until the warehouse the dashboard reads shows it
(`asiakastieto apply-edits --follow`, started beside the server, publishes it within
seconds); then the page redraws itself with the new figures. A save that has to wait (a
refresh running, the site changed, a failed build) says so instead of claiming success."""

from __future__ import annotations

import time

import streamlit as st

from dashboard import i18n
from dashboard.data import edits as edits_data
from dashboard.data import engine, reader
from warehouse.config import settings
from warehouse.formats import fmt_num
from warehouse.stores import edits_state
from warehouse.stores.careplans import CarePlanStore
from warehouse.stores.edits_state import State

PENDING_KEY = "edits_pending"
POLL_SECONDS = 0.5
PATIENCE_SECONDS = 60.0  # after this the status says the update runs in the background
NOTICES = {State.WAITING_REFRESH: "edits_waiting_refresh",
           State.WAITING_SITE: "edits_waiting_site",
           State.NO_WAREHOUSE: "edits_no_warehouse", State.FAILED: "edits_failed"}


def saved(store: CarePlanStore) -> None:
    """Follow the store's newest change (the save just made) until the figures show it."""
    st.session_state[PENDING_KEY] = {"change": store.last_change(), "at": time.time()}


def follow(lang: str) -> None:
    """On every page: the status of a pending save, or the notice it ended with."""
    pending = st.session_state.get(PENDING_KEY)
    if pending is None:
        return
    if pending.get("notice"):
        del st.session_state[PENDING_KEY]
        st.info(i18n.t(pending["notice"], lang), icon=":material/schedule:")
        return
    _status(lang)


def _shown() -> int | None:
    try:
        return edits_data.shown_change(engine.cached())
    except reader.WarehouseUnavailable:
        return None


@st.fragment(run_every=POLL_SECONDS)
def _status(lang: str) -> None:
    pending = st.session_state.get(PENDING_KEY)
    if pending is None or pending.get("notice"):
        return
    elapsed = time.time() - pending["at"]
    shown = _shown()
    # Shown: the warehouse was built from this store at or after the save. A number above
    # the store's own is another state of it (one put back by a restore): not this save.
    latest = CarePlanStore(settings().careplan_store).last_change()
    if shown is not None and pending["change"] <= shown <= latest:
        del st.session_state[PENDING_KEY]
        st.toast(i18n.t("edits_shown", lang, seconds=fmt_num(elapsed, lang, 1)),
                 icon=":material/check_circle:")
        st.rerun()  # the whole page, so that its figures show the save
    state = edits_state.read(settings().edits_state)
    notice = None
    if state is not None and state.store_change >= pending["change"]:
        notice = NOTICES.get(state.state)
    if notice is None and elapsed > PATIENCE_SECONDS:
        notice = "edits_slow"
    if notice is not None:
        pending["notice"] = notice
        st.rerun()
    st.caption(i18n.t("edits_updating", lang, seconds=fmt_num(elapsed, lang, 0)))
