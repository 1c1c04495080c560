"""The data page's operations panel: the facts of `asiakastieto status` (the last refresh and
one running now, the published warehouse, the last backup) for everyone; what needs attention
and the stores' files and schema versions for the director, who runs the installation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.widgets import components
from warehouse import access
from warehouse.config import settings
from warehouse.formats import fmt_datetime
from warehouse.stores.status import Finding, Status, findings, status


def _when(stamp, days: float | None, lang: str) -> str:
    if stamp is None:
        return i18n.t("ops_none", lang)
    local = pd.Timestamp(stamp).tz_convert("Europe/Helsinki").tz_localize(None)
    ago = f" ({i18n.t('ops_days_ago', lang, days=days)})" if days is not None else ""
    return fmt_datetime(local, lang) + ago


def _finding(finding: Finding, lang: str) -> str:
    values = dict(finding.values)
    if finding.key == "refresh_failed":
        values["outcome_text"] = i18n.t(f"ops_outcome_{values['outcome']}", lang)
    if "store" in values:
        values["store"] = i18n.t(f"ops_store_{values['store']}", lang)
    return i18n.t(f"ops_{finding.key}", lang, **values)


def _stores(found: Status, lang: str) -> pd.DataFrame:
    """One row per store, columns labelled by the catalogue (`col_…`)."""
    return pd.DataFrame({
        "store_name": [i18n.t(f"ops_store_{x.name}", lang) for x in found.stores],
        "file_path": [str(x.path) if x.exists else f"{x.path} ({i18n.t('ops_not_created', lang)})"
                      for x in found.stores],
        "size_mib": [None if x.size is None else x.size / 1024**2 for x in found.stores],
        "schema_version": [x.schema_version for x in found.stores],
        "supported_version": [x.supported_version for x in found.stores],
    })


def panel(user: access.User | None, lang: str) -> None:
    found = status(settings())
    with st.container(border=True):
        st.subheader(i18n.t("ops_title", lang))
        st.caption(i18n.t("ops_caption", lang))
        last, w, backup = found.last_refresh, found.warehouse, found.last_backup
        cols = st.columns(3)
        refresh_text = i18n.t("ops_none", lang) if last is None else (
            f"{i18n.t(f'ops_outcome_{last.outcome}', lang)}, "
            f"{_when(last.finished_at, None, lang)}")
        cols[0].markdown(f"**{i18n.t('ops_last_refresh', lang)}**  \n{refresh_text}")
        cols[1].markdown(f"**{i18n.t('ops_published', lang)}**  \n"
                         f"{_when(w.published_at, w.age_days(), lang)}")
        cols[2].markdown(f"**{i18n.t('ops_last_backup', lang)}**  \n"
                         f"{_when(backup and backup['at'], found.backup_age_days(), lang)}")
        if found.running is not None:
            st.info(i18n.t("ops_running", lang, command=found.running.command,
                           started=found.running.started_at), icon=":material/sync:")
        if not access.manages_site(user):
            return
        notes = findings(found)
        for note in notes:
            st.warning(_finding(note, lang), icon=":material/warning:")
        if not notes:
            st.success(i18n.t("ops_all_well", lang), icon=":material/check:")
        st.markdown(f"**{i18n.t('ops_stores', lang)}**")
        components.table(_stores(found, lang), "stores", {"size_mib": "num",
                                                          "schema_version": "int",
                                                          "supported_version": "int"}, lang)
