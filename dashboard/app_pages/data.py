"""Tiedot / Data: sources and their owners, freshness, mapped share, quality, the worklist."""

from __future__ import annotations

import streamlit as st

from dashboard import auth, i18n
from dashboard.data import docs, engine, quality, sources, steward, worklist
from dashboard.widgets import components, operations
from warehouse import access

lang = i18n.current_lang()
db = engine.cached()
st.title(i18n.t("data_title", lang))
components.quality_banner(lang)

with st.container(border=True):
    st.subheader(i18n.t("sources_title", lang))
    st.caption(i18n.t("sources_caption", lang))
    components.table(
        sources.with_owners(quality.sources(db), quality.quality_by_source(db), lang),
        "sources",
        {"files": "int", "rejected_files": "int", "rows_loaded": "int",
         "rows_quarantined": "int", "newest_load": "datetime", "records": "int",
         "mapped_records_share": "pct", "mapped_amount_share": "pct", "checks": "int",
         "failed": "int", "quality_score": "pct"},
        lang,
    )
    components.model_docs("source_coverage", lang)
    for key, url in docs.sites().items():  # served behind the login (dashboard/web/)
        if url is None:
            st.caption(i18n.t(f"{key}_missing", lang))
        else:
            st.markdown(f"[{i18n.t(key, lang)}]({url})")

with st.container(border=True):
    st.subheader(i18n.t("dq_title", lang))
    results = quality.quality_results(db)
    if results is None:
        st.info(i18n.t("quality_no_checks", lang))
    else:
        components.table(steward.checks(docs.with_check_pages(results), lang),
                         "data_quality_results",
                         {"run_at": "datetime"}, lang)

unclassified = quality.unclassified_codes(db)
site = quality.site_info(db)
folder = site["site_folder"].iloc[0] if site is not None and not site.empty else "site"

with st.container(border=True):
    st.subheader(i18n.t("unclassified_title", lang))
    st.caption(i18n.t("unclassified_caption", lang))
    if unclassified is not None and not unclassified.empty:
        st.warning(i18n.t("unclassified_fix", lang, folder=folder), icon=":material/help:")
        components.table(unclassified, "unclassified_charges",
                         {"amount_eur": "eur", "lines": "int", "customers": "int"}, lang)
        components.model_docs("unclassified_charges", lang)
    elif unclassified is not None:
        st.success(i18n.t("unclassified_none", lang), icon=":material/check:")

with st.container(border=True):
    st.subheader(i18n.t("unmapped_title", lang))
    st.caption(i18n.t("unmapped_caption", lang))
    components.table(
        worklist.of(quality.unmapped_records(db), unclassified, lang),
        "unmapped_records",
        {"amount_eur": "eur", "candidate_score": "score"},
        lang,
    )
    components.model_docs("unmapped_records", lang)

with st.container(border=True):
    st.subheader(i18n.t("quarantine_title", lang))
    quarantine = quality.quarantine_rows(db, 200)
    if not access.sees_contacts(auth.current_user()):  # a rejected contact name
        quarantine = quarantine.assign(raw_value=quarantine["raw_value"].where(
            ~quarantine["column_name"].isin(access.PERSON_COLUMNS), access.REDACTED))
    components.table(steward.quarantine(quarantine, lang), "quarantine", {}, lang)
    components.model_docs("quarantine", lang)

with st.container(border=True):
    st.subheader(i18n.t("load_audit_title", lang))
    components.table(
        quality.load_summary(db),
        "load_audit_by_source",
        {"files": "int", "rejected_files": "int", "rows_read": "int", "rows_loaded": "int",
         "rows_quarantined": "int", "newest_load": "datetime"},
        lang,
    )
    components.model_docs("load_audit", lang)

if site is not None:
    with st.container(border=True):
        name = site["site_name"].iloc[0] if not site.empty else "–"
        st.subheader(i18n.t("site_title", lang, name=name))
        st.caption(i18n.t("site_caption", lang))
        changes = quality.site_changes(db)
        components.table(None if changes is None else steward.site_changes(changes, lang),
                         "site_changes", {"noticed_at": "datetime"}, lang)
        components.model_docs("site_changes", lang)

operations.panel(auth.current_user(), lang)
