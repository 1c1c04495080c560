"""AppTest and pack: a customer whose charges include a code the service catalogue lacks shows
"Luokittelua tarvitaan" (with its unclassified euros) wherever its cost to serve, margin, billed
devices or budget proposal would be, never 0, `nan`, `None` or an empty cell; the data page lists
the unclassified code (also on the worklist) and the site configuration's history."""

from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest
from fixture_marts import (
    SITE_NAME,
    UNCLASSIFIED_CODE,
    UNCLASSIFIED_CUSTOMER,
    UNCLASSIFIED_EUR,
)
from page_runs import run_page
from pypdf import PdfReader
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from dashboard.data import engine
from dashboard.report import pack
from warehouse.formats import NBSP, fmt_eur

DB = engine.cached()  # the pages' reader: the served, cached engine

STATE = "Luokittelua tarvitaan"
NAME = "Kaupunginteatteri Oy"  # UNCLASSIFIED_CUSTOMER
MISSING_WORDS = re.compile(r"\b(nan|None|NaN)\b")


def _run(app_path: str, page: str, lang: str = "fi", customer: str | None = None) -> AppTest:
    return run_page(app_path, page, timeout=60, query={"customer": customer} if customer else None,
                    lang=lang)


def _shown(element) -> pd.DataFrame:
    """A table as the reader sees it (the Styler's display values)."""
    return convert_arrow_bytes_to_pandas_df(element.proto.arrow_data.styler.display_values)


def _texts(at: AppTest) -> list[str]:
    """Every metric, note and heading of the page."""
    texts = [f"{m.label}: {m.value}" for m in at.metric]
    for kind in ("warning", "info", "success", "caption", "markdown", "subheader", "error"):
        texts += [str(e.value) for e in getattr(at, kind)]
    return texts


def _rows_of(at: AppTest, column: str, value: str) -> list[pd.Series]:
    rows = []
    for element in at.dataframe:
        shown = _shown(element)
        if column in shown.columns:
            rows += [row for _, row in shown.iterrows() if row[column] == value]
    return rows


def _no_missing_words(texts: list[str]) -> None:
    bad = [text for text in texts if MISSING_WORDS.search(text)]
    assert not bad, bad


def test_overview_shows_the_state_and_leaves_the_customer_out_of_the_margin(warehouse,
                                                                             app_path):
    at = _run(app_path, "app_pages/overview.py")
    texts = _texts(at)
    assert f"Kate: {fmt_eur(warehouse.margin_eur, 'fi')}" in texts
    assert any(STATE in w.value and fmt_eur(UNCLASSIFIED_EUR, "fi") in w.value
               for w in at.warning)
    (row,) = _rows_of(at, "Asiakas", NAME)
    assert row["Kate"] == STATE
    _no_missing_words(texts)


def test_segmentation_names_the_customers_to_classify(warehouse, app_path):
    at = _run(app_path, "app_pages/segmentation.py")
    assert any(STATE in w.value for w in at.warning)
    (row,) = _rows_of(at, "Asiakas", NAME)
    assert row["Luokittelu"] == STATE
    _no_missing_words(_texts(at))


def test_profitability_states_and_whale_curve_leaves_out(warehouse, app_path):
    at = _run(app_path, "app_pages/profitability.py")
    texts = _texts(at)
    assert f"Kate: {fmt_eur(warehouse.margin_eur, 'fi', 0)}" in texts
    assert any("1 asiakasta jätetty pois" in t and fmt_eur(UNCLASSIFIED_EUR, "fi") in t
               for t in texts)
    rows = _rows_of(at, "Asiakas", NAME)
    assert rows, "the customer is in the margin table"
    for row in rows:
        for column in ("Palvelun kustannus", "Kate", "Kate %"):
            if column in row:
                assert row[column] == STATE
    _no_missing_words(texts)


def test_partnership_margin_of_the_manager_needs_classification(warehouse, app_path):
    at = _run(app_path, "app_pages/partnership.py")
    (row,) = _rows_of(at, "Kumppanuuspäällikkö", "Cecilia Cronberg")
    assert row["Kate"] == STATE
    _no_missing_words(_texts(at))


def test_billing_month_shows_the_state_and_totals_say_they_exclude_it(warehouse, app_path):
    at = _run(app_path, "app_pages/billing.py")
    assert any("1 asiakaskuukautta" in w.value and STATE.lower() in w.value
               for w in at.warning)
    rows = _rows_of(at, "Asiakas", NAME)
    assert len(rows) == 2, "February's overbilling, and March that needs classification"
    (march,) = [row for row in rows if row.get("Kuukausi") == "maaliskuu 2024"]
    for column in ("Laskutetut laitteet", "Ero", "Laskuttamatta", "Ylilaskutettu"):
        assert march[column] == STATE
    _no_missing_words(_texts(at))


@pytest.mark.usefixtures("careplans")
def test_customer_page_header_shows_the_state_with_the_euros(warehouse, app_path):
    at = _run(app_path, "app_pages/customer.py", customer=UNCLASSIFIED_CUSTOMER)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Kate"] == STATE and metrics["Kate %"] == STATE
    assert any(fmt_eur(UNCLASSIFIED_EUR, "fi") in w.value for w in at.warning)
    _no_missing_words(_texts(at))


@pytest.mark.usefixtures("careplans")
def test_english_customer_page(warehouse, app_path):
    at = _run(app_path, "app_pages/customer.py", lang="en", customer=UNCLASSIFIED_CUSTOMER)
    assert {m.label: m.value for m in at.metric}["Margin"] == "Needs classification"


def test_data_page_lists_unclassified_codes_worklist_and_site_history(warehouse, app_path):
    at = _run(app_path, "app_pages/data.py")
    (code,) = _rows_of(at, "Koodi", UNCLASSIFIED_CODE)
    assert code["Summa"] == fmt_eur(UNCLASSIFIED_EUR, "fi")
    assert code["Esimerkkiteksti"] == "Uusi palvelu XYZ"
    assert code["Ensimmäinen rivi"] == "ksb1_2024.txt:17"
    (work,) = _rows_of(at, "Tietue", UNCLASSIFIED_CODE)
    assert work["Tyyppi"] == "luokittelematon koodi"
    assert any("service_catalogue" in w.value and "asiakastieto setup" in w.value
               for w in at.warning)
    assert f"Sijainnin asetukset: {SITE_NAME}" in [s.value for s in at.subheader]
    (change,) = _rows_of(at, "Kuka", "Maija Mänty")
    assert change["Tiedosto"] == "Palveluluettelo" and change["Avain"] == "TUKI"
    assert change["Mitä muuttui"] == f"{i18n.column('unit_price_eur', 'fi')}: 9.5 → 9.9"


def _plain(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


@pytest.mark.parametrize("fmt", ["pdf", "html", "xlsx"])
def test_pack_shows_the_state_never_a_number(warehouse, careplans, tmp_path, fmt):
    path = pack.build_pack(DB, UNCLASSIFIED_CUSTOMER, fmt, tmp_path / f"plan.{fmt}",
                             careplans.path)
    euros = _plain(fmt_eur(UNCLASSIFIED_EUR, "fi"))
    if fmt == "xlsx":
        values = {row[0]: row[1] for row in
                  openpyxl.load_workbook(path)["Perustiedot"].iter_rows(values_only=True)}
        assert values["Kate (€)"] == STATE and values["Kate (%)"] == STATE
        assert values["Luokittelemattomat veloitukset 12 kk (€)"] == pytest.approx(
            UNCLASSIFIED_EUR)
        assert STATE in values["Kate"] and euros in _plain(values["Kate"])
        return
    if fmt == "pdf":
        text = _plain("\n".join(p.extract_text() for p in PdfReader(path).pages))
    else:
        text = _plain(path.read_text(encoding="utf-8"))
    assert f"{STATE} (luokittelemattomat {euros})" in text
    assert "Ehdotus on puutteellinen" in text, "the budget section says what it lacks"
    assert not MISSING_WORDS.search(text)
