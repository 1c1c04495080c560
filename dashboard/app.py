"""Entrypoint (`streamlit run dashboard/app.py`): sidebar, navigation and the not-built message."""

from __future__ import annotations

import streamlit as st

from dashboard import i18n, queries
from dashboard.formatting import fmt_month

st.set_page_config(page_title="Asiakastieto", page_icon=":material/groups:", layout="wide")

lang = i18n.current_lang()
pages = [
    st.Page("app_pages/overview.py", title=i18n.t("page_overview", lang),
            icon=":material/dashboard:", url_path="overview", default=True),
    st.Page("app_pages/data.py", title=i18n.t("page_data", lang),
            icon=":material/fact_check:", url_path="data"),
]
page = st.navigation(pages)

with st.sidebar:
    st.radio(
        "Kieli / Language", options=list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get,
        key=i18n.STATE_KEY, horizontal=True,
    )
    try:
        as_of = queries.as_of_month()
    except queries.WarehouseUnavailable:
        as_of = None
    if as_of:
        st.markdown(f"**{i18n.t('as_of', lang)}:** {fmt_month(as_of, lang)}")
    st.caption(i18n.t("demo_note", lang))

try:
    page.run()
except queries.WarehouseUnavailable as error:
    st.error(i18n.t(error.message_key, lang, name=error.relation), icon=":material/database:")
    st.caption(str(error))
