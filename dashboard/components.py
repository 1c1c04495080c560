"""Small Streamlit building blocks shared by pages: tables with CSV download, the quality banner."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard import charts, i18n, queries
from dashboard.formatting import fmt_datetime, fmt_int, to_csv_bytes


def download_csv(frame: pd.DataFrame, name: str, lang: str) -> None:
    """A CSV download of exactly the data behind a chart or table."""
    st.download_button(
        i18n.t("download_csv", lang),
        data=to_csv_bytes(frame, lang),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"csv_{name}",
        icon=":material/download:",
    )


CODED_COLUMNS = ("customer_type", "severity")


def table(
    frame: pd.DataFrame | None, name: str, kinds: Mapping[str, charts.Kind], lang: str
) -> None:
    """A formatted, translated table and its CSV download (or a note when it has no rows)."""
    if frame is None or frame.empty:
        st.info(i18n.t("empty", lang))
        return
    labels = {column: i18n.column(column, lang) for column in frame.columns}
    coded = {column: lambda code: i18n.value_label(code, lang) for column in CODED_COLUMNS}
    styled = charts.style_table(frame, {**coded, **kinds}, labels, lang)
    st.dataframe(styled, hide_index=True, placeholder="–")
    download_csv(frame, name, lang)


def quality_banner(lang: str) -> None:
    """Freshness (newest load per source) and quality (rejected files, failed checks)."""
    loads = queries.load_summary()
    checks = queries.quality_summary()
    rejected = int(loads["rejected_files"].sum()) if not loads.empty else 0
    failed = critical = 0
    if checks is not None and not checks.empty:
        failed, critical = int(checks["failed"].iloc[0]), int(checks["critical_failed"].iloc[0])
    if rejected == 0 and failed == 0:
        show = st.success
        message = i18n.t("quality_ok", lang)
    else:
        show = st.error if critical else st.warning
        message = i18n.t(
            "quality_issues", lang, rejected=fmt_int(rejected, lang),
            failed=fmt_int(failed, lang), critical=fmt_int(critical, lang),
        )
    freshness = " · ".join(
        f"{row.source} {fmt_datetime(row.newest_load, lang)}" for row in loads.itertuples()
    )
    notes = [f"{i18n.t('newest_load', lang)}: {freshness or '–'}"]
    if checks is None:
        notes.append(i18n.t("quality_no_checks", lang))
    show("  \n".join([message, *notes]), icon=":material/fact_check:")
