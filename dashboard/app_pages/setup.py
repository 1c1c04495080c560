"""Käyttöönotto / Setup (director only): what the landed extracts need decided, largest euros
first, from the same profile as `asiakastieto setup`; read-only but for writing the draft."""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from dashboard import auth, i18n
from dashboard.data import setup as setup_data
from dashboard.widgets import components
from warehouse import access, site
from warehouse import setup as discovery
from warehouse.config import settings
from warehouse.setup.draft import DRAFT

lang = i18n.current_lang()
if not access.manages_site(auth.current_user()):
    st.error(i18n.t("setup_denied", lang), icon=":material/lock:")
    st.stop()

s = settings()
st.title(i18n.t("setup_title", lang))
st.caption(i18n.t("setup_caption", lang, draft=s.site / DRAFT))
try:
    the_site = site.load_site(s.site)
except site.SiteError as exc:
    st.warning(i18n.t("setup_no_site", lang, folder=s.site))
    st.code("\n".join(exc.problems))
    st.stop()
if not s.raw.exists():
    st.info(i18n.t("setup_no_raw", lang, raw=s.raw))
    st.stop()

try:
    found = setup_data.discover(s, the_site)
except duckdb.Error:
    st.warning(i18n.t("setup_busy", lang))
    st.stop()

by_code = {r["activity_type"]: r for r in found.suggestions}


def _suggestion(row: dict) -> str:
    hint = by_code.get(row["code"]) or next(
        (h for h in found.suggestions if row["code"].lower().startswith(
            h["invoice_text_prefix"].lower())), None)
    return (f"{hint['activity_type']} → {hint['service']}, {hint['unit']}, "
            f"{hint['unit_price_eur']} € ({hint['confidence']})") if hint else ""


codes = pd.DataFrame([{
    "source": r["source"], "code": r["code"], "amount_eur": r["amount_eur"],
    "quantity": r["quantity"], "units": r["units"], "receivers": r["receivers"],
    "samples": " | ".join(r["samples"]), "suggestion": _suggestion(r)} for r in found.codes])
senders = pd.DataFrame([{k: r[k] for k in (
    "cost_centre", "name", "members", "credits", "partner_lines", "partner_debits")}
    for r in found.senders])
sections = [
    ("setup_codes", "setup_codes_caption", codes, {"amount_eur": "eur", "quantity": "num",
                                                   "receivers": "int"}),
    ("setup_senders", "setup_senders_caption", senders, {
        "members": "int", "credits": "eur", "partner_lines": "int", "partner_debits": "eur"}),
    ("setup_unmapped", "setup_unmapped_caption", pd.DataFrame(found.unmapped),
     {"amount_eur": "eur", "lines": "int"}),
    ("setup_labels", "setup_labels_caption", pd.DataFrame(found.labels), {}),
    ("setup_unpooled", "setup_unpooled_caption" if found.has_costs else "setup_no_costs",
     pd.DataFrame(found.unpooled), {"amount_eur": "eur", "lines": "int"}),
]
# discovery says where the unmapped records come from: the published warehouse or the raw store
published = found.unmapped_from.removeprefix("published warehouse ")
source = (i18n.t("setup_from_warehouse", lang, path=published)
          if published != found.unmapped_from else i18n.t("setup_from_raw", lang))
for title, caption, frame, kinds in sections:
    with st.container(border=True):
        st.subheader(i18n.t(title, lang))
        st.caption(i18n.t(caption, lang, source=source))
        components.table(frame, f"setup_{title.removeprefix('setup_')}", kinds, lang)

with st.container(border=True):
    st.subheader(i18n.t("setup_draft", lang))
    files = discovery.draft_for(found)
    left, right = st.columns(2)
    left.download_button(i18n.t("setup_download_catalogue", lang),
                         files["service_catalogue.csv"].encode("utf-8"),
                         file_name="service_catalogue.csv", mime="text/csv",
                         key="setup_draft_catalogue", icon=":material/download:")
    right.download_button(i18n.t("setup_download_senders", lang),
                          files["sender_cost_centres.csv"].encode("utf-8"),
                          file_name="sender_cost_centres.csv", mime="text/csv",
                          key="setup_draft_senders", icon=":material/download:")
    if st.button(i18n.t("setup_write_draft", lang), key="setup_write_draft", type="primary",
                 icon=":material/edit_note:"):
        folder = discovery.write_draft(s.site, files)
        access.audit(auth.current_user(), "setup_draft", str(folder))
        st.success(i18n.t("setup_draft_written", lang, folder=folder))
