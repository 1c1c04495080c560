"""Page queries of dashboard.data (value, ops, pricing, quality) on the fixture warehouse:
filters, windows, values."""

import pytest
from fixture_marts import OVERBILLED_EUR, UNBILLED_EUR
from fixture_warehouse import AS_OF

from dashboard.data import engine, names, ops, overview, pricing, quality, reader, value
from dashboard.data.filters import Filters

DB = engine.cached()  # the pages' reader: the served, cached engine

START = reader.month_start(AS_OF, 11)


def test_filters_restrict_every_customer_query(warehouse):
    everyone = overview.kpis(DB, Filters()).iloc[0]
    assert everyone["customers"] == warehouse.customers
    toimiala = overview.kpis(DB, Filters(types=("toimiala",))).iloc[0]
    assert toimiala["customers"] == 2
    assert overview.kpis(DB, Filters(managers=("Anna Aalto",), segments=(3,))).iloc[0][
        "customers"] == 1
    assert len(value.customer_values(DB, Filters(types=("yhtio",)))) == 1
    charges = overview.charges_by_service(DB, START, AS_OF, Filters(types=("yhtio",)))
    assert charges["amount_eur"].sum() < overview.charges_by_service(DB, START, AS_OF)[
        "amount_eur"].sum()


def test_twelve_month_window_equals_the_customers_mart(warehouse):
    window = value.profitability(DB, Filters(), START, AS_OF)
    assert window["charges_eur"].sum() == pytest.approx(float(warehouse.current_value_eur))
    assert window["margin_eur"].sum() == pytest.approx(float(warehouse.margin_eur), abs=0.5)
    longer = value.profitability(DB, Filters(), reader.month_start(AS_OF, 23), AS_OF)
    assert longer["charges_eur"].sum() == pytest.approx(
        float(warehouse.current_value_eur + warehouse.previous_value_eur))


def test_value_shares_and_whale_curve_are_fractions(warehouse):
    values = value.customer_values(DB, Filters())
    assert values["cumulative_value_share"].iloc[-1] == pytest.approx(1.0)
    whale = value.whale_curve(DB)
    assert whale["cumulative_margin_share"].iloc[-1] == pytest.approx(1.0)
    assert list(whale["margin_rank"]) == [1, 2, 3], "C004 needs classification: not ranked"


def test_coverage_gaps_and_portfolios(warehouse):
    coverage = ops.coverage(DB, Filters())
    assert len(coverage) == 3 * 6
    anna = coverage[coverage["partnership_manager"] == "Anna Aalto"]
    assert int(anna["is_gap"].sum()) == 4
    portfolios = ops.manager_portfolios(DB, Filters()).set_index("partnership_manager")
    assert portfolios.at["Anna Aalto", "customers"] == 2
    assert portfolios.at["Anna Aalto", "type_gaps"] == 4


def test_reconciliation_and_devices(warehouse):
    monthly = ops.reconciliation_monthly(DB, Filters(), START, AS_OF)
    assert monthly["unbilled_eur"].sum() == pytest.approx(UNBILLED_EUR)
    assert monthly["overbilled_eur"].sum() == pytest.approx(OVERBILLED_EUR)
    by_customer = ops.reconciliation_by_customer(DB, Filters(), START, AS_OF)
    assert list(by_customer["customer_id"]) == ["C001", "C004"]
    devices = ops.customer_devices(DB, "C001")["device_id"]
    assert {"HW:1", "HW:2"} <= set(devices) and "HW:3" not in set(devices)


def test_pricing_base_and_sources(warehouse):
    base = pricing.pricing_base(DB, Filters(), "TYOAS", START, AS_OF).set_index("customer_id")
    assert base.at["C001", "device_months"] == 12 * 4100
    assert base["total_charges_eur"].sum() == pytest.approx(float(warehouse.current_value_eur))
    sources = quality.sources(DB).set_index("source")
    assert sources.at["sap_charges", "mapped_amount_share"] == pytest.approx(0.9568)
    checks = quality.quality_by_source(DB).set_index("source")
    assert checks.at["sccm", "failed"] == 1


def test_service_and_customer_type_names_come_from_the_warehouse(warehouse):
    import duckdb

    engine.clear_cache()
    with duckdb.connect(str(warehouse.path)) as con:
        con.execute("UPDATE services SET service_name_en = 'Apps' WHERE service = 'application'")
        con.execute("UPDATE reference.customer_types SET name_fi = 'säätiöt'"
                    " WHERE customer_type = 'saatio'")
    known = names.load(DB)
    assert known.service("application", "en") == "Apps"
    assert known.service("unclassified", "fi") == "Luokittelematon"
    assert known.customer_type("saatio", "fi") == "säätiöt"
    assert known.customer_type("unknown_code", "fi") == "unknown_code"
