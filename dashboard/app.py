"""Entrypoint (`streamlit run dashboard/app.py`): sidebar, navigation and the not-built message.

Everything after the page config runs inside `incidents.guard`: a failure anywhere (the gate,
the sidebar, a page) shows a short message with an incident id, never a traceback; the server
log gets the traceback under the same id.
"""

from __future__ import annotations

import streamlit as st

from dashboard import auth, i18n, incidents
from dashboard.data import engine, names, overview, reader
from dashboard.widgets import components, edits, filters
from warehouse import access
from warehouse.config import settings
from warehouse.formats import fmt_month


def _pages(user: access.User, lang: str) -> list:
    overview_page = st.Page("app_pages/overview.py", title=i18n.t("page_overview", lang),
                            icon=":material/dashboard:", url_path="overview")

    def home() -> None:
        """`/` opens the overview at its own address, so that it has one stable URL like
        every other page (Streamlit serves its default page at `/` only)."""
        st.switch_page(overview_page, query_params=st.query_params.to_dict())

    pages = [
        st.Page(home, title=i18n.t("page_overview", lang), url_path="home", default=True,
                visibility="hidden"),
        overview_page,
        st.Page("app_pages/segmentation.py", title=i18n.t("page_segmentation", lang),
                icon=":material/bubble_chart:", url_path="segmentation"),
        st.Page("app_pages/profitability.py", title=i18n.t("page_profitability", lang),
                icon=":material/trending_up:", url_path="profitability"),
        st.Page("app_pages/partnership.py", title=i18n.t("page_partnership", lang),
                icon=":material/handshake:", url_path="partnership"),
        st.Page("app_pages/billing.py", title=i18n.t("page_billing", lang),
                icon=":material/receipt_long:", url_path="billing"),
        st.Page("app_pages/pricing.py", title=i18n.t("page_pricing", lang),
                icon=":material/price_change:", url_path="pricing"),
        st.Page("app_pages/customer.py", title=i18n.t("page_customer", lang),
                icon=":material/assignment_ind:", url_path="customer"),
        st.Page("app_pages/budget.py", title=i18n.t("page_budget", lang),
                icon=":material/request_quote:", url_path="budget"),
        st.Page("app_pages/annual_clock.py", title=i18n.t("page_annual_clock", lang),
                icon=":material/event_repeat:", url_path="annual-clock"),
        st.Page("app_pages/data.py", title=i18n.t("page_data", lang),
                icon=":material/fact_check:", url_path="data"),
    ]
    if access.manages_site(user):  # what the site must decide: the director's alone
        pages.append(st.Page("app_pages/setup.py", title=i18n.t("page_setup", lang),
                             icon=":material/tune:", url_path="setup"))
    return pages


def _sidebar(user: access.User, lang: str) -> None:
    with st.sidebar:
        st.radio(
            "Kieli / Language", options=list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get,
            key=i18n.STATE_KEY, horizontal=True, on_change=i18n.remember,
        )
        try:
            as_of = overview.as_of_month(engine.cached())
        except reader.WarehouseUnavailable:
            as_of = None
        if as_of:
            st.markdown(f"**{i18n.t('as_of', lang)}:** {fmt_month(as_of, lang)}")
            db = engine.cached()
            filters.sidebar(overview.filter_options(db), lang, names.load(db).types(lang))
        if user.source == "demo":
            st.caption(i18n.t("demo_note", lang))
        auth.sidebar(user, lang)


st.set_page_config(page_title="Asiakastieto", page_icon=":material/groups:", layout="wide")

i18n.adopt_address()
lang = i18n.current_lang()
with incidents.guard(lang):
    # The server switches to a newly published warehouse after warming it (data/served.py).
    engine.cached().serve_in_background(settings().warm_switch)
    # Access control: nothing below runs, not even the navigation, without a user.
    user = auth.gate(lang)
    pages = _pages(user, lang)
    page = st.navigation(pages)
    st.session_state[components.PAGES_KEY] = {p.url_path for p in pages}
    _sidebar(user, lang)
    edits.follow(lang)  # a save on its way into the figures (widgets/edits.py)
    page.run()
