"""AppTest smoke tests for every page, the KPI value, language switching and error states."""

from __future__ import annotations

import duckdb
import pytest
from page_runs import metric, run_page
from streamlit.testing.v1 import AppTest

from warehouse.formats import NBSP, fmt_eur

PAGES = ["app_pages/overview.py", "app_pages/segmentation.py", "app_pages/profitability.py",
         "app_pages/partnership.py", "app_pages/billing.py", "app_pages/pricing.py",
         "app_pages/data.py"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(warehouse, app_path, page):
    at = run_page(app_path, page)
    assert at.title
    assert at.download_button, "every chart and table offers a CSV download"


def test_overview_kpis_in_finnish(warehouse, app_path):
    at = run_page(app_path)
    assert at.title[0].value == "Yleiskatsaus"
    charges = metric(at, "Veloitukset 12 kk", exact=True)
    assert charges == fmt_eur(warehouse.current_value_eur, "fi")
    assert charges == f"229{NBSP}198,91{NBSP}€"
    assert metric(at, "Asiakkaita", exact=True) == str(warehouse.customers)
    assert metric(at, "Henkilöstö", exact=True) == f"11{NBSP}575"
    assert len(at.get("plotly_chart")) == 1
    top = at.dataframe[0].value
    assert len(top) == warehouse.customers
    assert at.error, "the fixture has a rejected file and a critical failed check"


def test_language_switch_changes_labels_and_persists(warehouse, app_path):
    at = run_page(app_path)
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert metric(at, "Charges, 12 months", exact=True) == "€229,198.91"
    assert at.query_params["lang"] == "en", "the address keeps the choice for reloads"
    at.switch_page("app_pages/data.py").run()
    assert at.title[0].value == "Data and data quality"
    assert at.session_state["lang"] == "en"


def test_the_address_chooses_the_language(warehouse, app_path):
    """`?lang=en` gives every page a stable English URL (a link, a reload, a bookmark)."""
    at = AppTest.from_file(app_path, default_timeout=30)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert at.sidebar.radio(key="lang").value == "en"


def test_data_page_tables(warehouse, app_path):
    at = run_page(app_path, "app_pages/data.py")
    assert at.title[0].value == "Tiedot ja tiedon laatu"
    assert len(at.dataframe) == 8, "7 of the warehouse and the director's stores"
    assert len(at.download_button) == 16, "CSV and XLSX for every table"


def test_data_page_without_quality_results(warehouse, app_path):
    with duckdb.connect(str(warehouse.path)) as con:
        con.execute("DROP TABLE data_quality_results")
    at = run_page(app_path, "app_pages/data.py")
    assert any("Laatutarkistuksia ei ole ajettu" in info.value for info in at.info)
    assert len(at.dataframe) == 7, "one less than with the checks"


@pytest.mark.parametrize("page", PAGES)
def test_missing_warehouse_shows_finnish_message(tmp_path, monkeypatch, app_path, page):
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(tmp_path / "missing.duckdb"))
    at = run_page(app_path, page)
    assert any("asiakastieto refresh" in error.value for error in at.error)
    assert "Tietovarastoa ei ole vielä rakennettu" in at.error[0].value


def test_missing_relation_is_named(warehouse, app_path):
    with duckdb.connect(str(warehouse.path)) as con:
        con.execute("DROP TABLE customer_charges_monthly")
    at = run_page(app_path)
    assert any("customer_charges_monthly" in error.value for error in at.error)
