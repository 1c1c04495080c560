"""AppTest of the analysis pages on the fixture: key numbers equal the marts, filters apply."""

from __future__ import annotations

import duckdb
from fixture_marts import UNBILLED_EUR
from page_runs import metric, run_page
from streamlit.testing.v1 import AppTest

from warehouse.formats import fmt_eur, fmt_pct


def test_sidebar_filter_persists_across_pages(warehouse, app_path):
    at = AppTest.from_file(app_path, default_timeout=30).run()
    at.sidebar.multiselect(key="filter_types").set_value(["toimiala"]).run()
    assert metric(at, "Asiakkaita") == "2"
    at.switch_page("app_pages/segmentation.py").run()
    assert not at.exception
    assert metric(at, "Asiakkaita") == "2"
    assert at.session_state["filter_types"] == ["toimiala"]


def test_segmentation_counts_and_matrix(warehouse, app_path):
    at = run_page(app_path, "app_pages/segmentation.py")
    assert metric(at, "Asiakkaita") == str(warehouse.customers)
    assert metric(at, "A-asiakkaita") == "4"  # the fixture puts every customer in class A
    assert len(at.get("plotly_chart")) == 6
    table = at.dataframe[0].value
    assert len(table) == warehouse.customers


def test_profitability_window_equals_mart_and_follows_the_period(warehouse, app_path):
    at = run_page(app_path, "app_pages/profitability.py")
    assert metric(at, "Veloitukset 12 kk") == fmt_eur(warehouse.current_value_eur, "fi", 0)
    assert metric(at, "Kate") == fmt_eur(warehouse.margin_eur, "fi", 0)
    assert metric(at, "Tappiollisia") == "0"
    at = run_page(app_path, "app_pages/profitability.py", filter_months=24)
    total = warehouse.current_value_eur + warehouse.previous_value_eur
    assert metric(at, "Veloitukset 24 kk") == fmt_eur(total, "fi", 0)


def test_partnership_gaps(warehouse, app_path):
    at = run_page(app_path, "app_pages/partnership.py")
    assert metric(at, "Kumppanuuspäälliköitä") == "3"
    assert metric(at, "Aukkoja") == str(3 * 6 - 4)
    assert any("Anna Aalto" in md.value for md in at.markdown)


def test_billing_unbilled_and_device_drilldown(warehouse, app_path):
    at = run_page(app_path, "app_pages/billing.py")
    assert metric(at, "Laskuttamatta") == fmt_eur(UNBILLED_EUR, "fi")
    assert at.selectbox(key="billing_customer").value == "C001"
    with duckdb.connect(str(warehouse.path), read_only=True) as con:
        active = con.sql("SELECT count(*) FROM device_replacements"
                         " WHERE customer_id = 'C001' AND is_active").fetchall()[0][0]
    assert len(at.dataframe[-1].value) == active
    at.selectbox(key="billing_customer").set_value("C004").run()
    assert not at.exception


def test_pricing_what_if_moves_the_numbers(warehouse, app_path):
    at = run_page(app_path, "app_pages/pricing.py")
    assert at.selectbox(key="pricing_activity").value == "SOVELL"
    assert metric(at, "Maksavat enemmän") == "0"
    at.number_input(key="pricing_price_SOVELL").set_value(900.0).run()
    assert not at.exception
    assert metric(at, "Maksavat enemmän") == str(warehouse.customers)
    assert metric(at, "Kustannusten kattavuus") != fmt_pct(1 / 0.9, "fi")


def test_english_analysis_page(warehouse, app_path):
    at = run_page(app_path, "app_pages/partnership.py", lang="en")
    assert at.title[0].value == "Partnerships"
    assert metric(at, "Gaps") == str(3 * 6 - 4)
