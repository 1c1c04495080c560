"""Small Streamlit building blocks shared by pages: tables with CSV/XLSX downloads, customer
and documentation links, chart cards and the quality banner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from dashboard import auth, classification, i18n
from dashboard.charts import tables as charts_tables
from dashboard.data import docs, engine, names, overview, quality, reader, steward
from dashboard.downloads import to_csv_bytes, to_xlsx_bytes
from warehouse import access
from warehouse.formats import fmt_date, fmt_datetime, fmt_int

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# app.py records the url paths of the registered pages here, so links appear only to pages
# that exist (the customer page is optional).
PAGES_KEY = "registered_pages"
CUSTOMER_PAGE = "customer"
LINK_COLUMN = "customer_page"


def download_csv(frame: pd.DataFrame, name: str, lang: str) -> None:
    """CSV and XLSX downloads of exactly the data behind a chart or table (audited; the file
    name cannot leave the download folder)."""
    row = st.container(horizontal=True, gap="small")
    stem = access.safe_filename(name)
    user = auth.current_user()

    def export(kind: str):
        # Deferred: the bytes are made (and the export audited) only when someone clicks,
        # not on every rerun (an XLSX of 40 000 devices takes seconds).
        def make() -> bytes:
            access.audit(user, "export", None, f"{stem}.{kind}")
            return to_csv_bytes(frame, lang) if kind == "csv" else to_xlsx_bytes(frame, name)
        return make

    row.download_button(
        i18n.t("download_csv", lang), data=export("csv"), file_name=f"{stem}.csv",
        mime="text/csv", key=f"csv_{name}", icon=":material/download:", on_click="ignore",
    )
    row.download_button(
        i18n.t("download_xlsx", lang), data=export("xlsx"), file_name=f"{stem}.xlsx",
        mime=XLSX_MIME, key=f"xlsx_{name}", icon=":material/table_view:", on_click="ignore",
    )


def window(lang: str, months: int) -> tuple[dt.date, dt.date]:
    """(first month, as-of month) of a page's window of `months` months ending at the as-of
    month; an empty warehouse shows the "no data" note and stops the page."""
    as_of = overview.as_of_month(engine.cached())
    if as_of is None:
        st.info(i18n.t("empty", lang))
        st.stop()
    return reader.month_start(as_of, months - 1), as_of


# A KPI's value is drawn about 2.5 times as large as its label (st.metric): rough widths in
# pixels per character, and a card's padding.
LABEL_PX, VALUE_PX, CARD_PX = 7, 17, 40


def metric_row(items: Sequence[Mapping[str, object]]) -> None:
    """One row of bordered KPIs (`st.metric` arguments each), every card as wide as its label
    or value needs, so a long euro figure gets room instead of an ellipsis at 1366 px."""
    widths = [max(LABEL_PX * len(str(item["label"])), VALUE_PX * len(str(item["value"])))
              + CARD_PX for item in items]
    for column, item in zip(st.columns(widths), items, strict=True):
        column.metric(border=True, **item)


def customer_page_available() -> bool:
    return CUSTOMER_PAGE in st.session_state.get(PAGES_KEY, ())


def customer_url(customer_id: str) -> str:
    return f"/{CUSTOMER_PAGE}?customer={customer_id}"


def chart(figure: object, frame: pd.DataFrame, name: str, lang: str) -> None:
    """A Plotly figure and the downloads of its data; without data a note says so instead
    of an empty frame of axes."""
    if frame is None or frame.empty:
        st.info(i18n.t("chart_empty", lang))
        return
    st.plotly_chart(figure, theme=None, key=f"chart_{name}")
    download_csv(frame, name, lang)


# A styled table beyond this renders slowly and Pandas' Styler refuses it (262 144 cells);
# the download still holds every row.
MAX_SHOWN_ROWS = 2000


def table(
    frame: pd.DataFrame | None, name: str, kinds: Mapping[str, charts_tables.Kind], lang: str,
    needs: Sequence[str] = (),
) -> None:
    """A formatted, translated table and its CSV download (or a note when it has no rows).

    `needs`: columns that show "needs classification" in the rows whose
    `needs_classification` is true (their figure is NULL until the charges are classified)."""
    if frame is None or frame.empty:
        st.info(i18n.t("empty", lang))
        return
    shown = frame.head(MAX_SHOWN_ROWS)
    config = {}
    if "customer_id" in frame.columns and customer_page_available():
        shown = shown.assign(**{LINK_COLUMN: shown["customer_id"].map(customer_url)})
        config[i18n.column(LINK_COLUMN, lang)] = st.column_config.LinkColumn(
            display_text=i18n.t("open_customer", lang))
    if docs.LINK in frame.columns:  # each row's page in the documentation (data page)
        config[i18n.column(docs.LINK, lang)] = st.column_config.LinkColumn(
            display_text=i18n.t("docs_open", lang))
        frame = frame.drop(columns=[docs.LINK])  # not in the downloads
    labels = {column: i18n.column(column, lang) for column in shown.columns}
    coded = {"severity": lambda code: i18n.value_label(code, lang),
             "source": lambda code: steward.source_name(code, lang),
             "cost_driver": lambda code: i18n.named("driver_", code, lang)}
    if {"customer_type", "activity_type", "worst_activity_type"} & set(shown.columns):
        known = names.load(engine.cached())  # named by the site, in the warehouse
        coded["customer_type"] = lambda code: known.customer_type(code, lang)
        coded["activity_type"] = coded["worst_activity_type"] = (
            lambda code: known.activity(code, lang))
    styled = charts_tables.style_table(shown, {**coded, **kinds}, labels, lang)
    styled = classification.style(styled, shown, needs, labels, lang)
    st.dataframe(styled, hide_index=True, placeholder="–", column_config=config)
    if len(frame) > MAX_SHOWN_ROWS:
        st.caption(i18n.t("rows_capped", lang, shown=fmt_int(MAX_SHOWN_ROWS, lang),
                          total=fmt_int(len(frame), lang)))
    download_csv(frame, name, lang)


def model_docs(model: str, lang: str) -> None:
    """A link to the dbt docs' page of the model a table shows (once they are generated)."""
    url = docs.model_url(model)
    if url is not None:
        st.caption(f"[{i18n.t('docs_model', lang, model=model)}]({url})")


def quality_banner(lang: str) -> None:
    """Freshness (newest load per source) and quality (rejected files, failed checks)."""
    db = engine.cached()
    loads = quality.load_summary(db)
    checks = quality.quality_summary(db)
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
        f"{steward.source_name(row.source, lang)} {fmt_datetime(row.newest_load, lang)}"
        for row in loads.itertuples()
    )
    notes = [f"{i18n.t('newest_load', lang)}: {freshness or '–'}"]
    if not loads.empty and loads["newest_load"].notna().any():
        oldest = loads.loc[loads["newest_load"].idxmin()]
        notes.insert(0, i18n.t("oldest_source", lang,
                               source=steward.source_name(oldest["source"], lang),
                               date=fmt_date(oldest["newest_load"], lang)))
    if checks is None:
        notes.append(i18n.t("quality_no_checks", lang))
    show("  \n".join([message, *notes]), icon=":material/fact_check:")
