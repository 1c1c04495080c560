"""Selects of queries_value and queries_ops on the fixture warehouse: filters, windows, values."""

import pytest
from fixture_marts import OVERBILLED_EUR, UNBILLED_EUR
from fixture_warehouse import AS_OF

from dashboard import queries, queries_ops, queries_value
from dashboard.filters import Filters

START = queries.month_start(AS_OF, 11)


def test_filters_restrict_every_customer_query(warehouse):
    everyone = queries.kpis(Filters()).iloc[0]
    assert everyone["customers"] == warehouse.customers
    toimiala = queries.kpis(Filters(types=("toimiala",))).iloc[0]
    assert toimiala["customers"] == 2
    assert queries.kpis(Filters(managers=("Anna Aalto",), segments=(3,))).iloc[0][
        "customers"] == 1
    assert len(queries_value.customer_values(Filters(types=("yhtio",)))) == 1
    charges = queries.charges_by_service(START, AS_OF, Filters(types=("yhtio",)))
    assert charges["amount_eur"].sum() < queries.charges_by_service(START, AS_OF)[
        "amount_eur"].sum()


def test_twelve_month_window_equals_the_customers_mart(warehouse):
    window = queries_value.profitability(Filters(), START, AS_OF)
    assert window["charges_eur"].sum() == pytest.approx(float(warehouse.current_value_eur))
    assert window["margin_eur"].sum() == pytest.approx(float(warehouse.margin_eur), abs=0.5)
    longer = queries_value.profitability(Filters(), queries.month_start(AS_OF, 23), AS_OF)
    assert longer["charges_eur"].sum() == pytest.approx(
        float(warehouse.current_value_eur + warehouse.previous_value_eur))


def test_value_shares_and_whale_curve_are_fractions(warehouse):
    values = queries_value.customer_values(Filters())
    assert values["cumulative_value_share"].iloc[-1] == pytest.approx(1.0)
    whale = queries_value.whale_curve()
    assert whale["cumulative_margin_share"].iloc[-1] == pytest.approx(1.0)
    assert list(whale["margin_rank"]) == [1, 2, 3], "C004 needs classification: not ranked"


def test_coverage_gaps_and_portfolios(warehouse):
    coverage = queries_ops.coverage(Filters())
    assert len(coverage) == 3 * 6
    anna = coverage[coverage["partnership_manager"] == "Anna Aalto"]
    assert int(anna["is_gap"].sum()) == 4
    portfolios = queries_ops.manager_portfolios(Filters()).set_index("partnership_manager")
    assert portfolios.at["Anna Aalto", "customers"] == 2
    assert portfolios.at["Anna Aalto", "type_gaps"] == 4


def test_reconciliation_and_devices(warehouse):
    monthly = queries_ops.reconciliation_monthly(Filters(), START, AS_OF)
    assert monthly["unbilled_eur"].sum() == pytest.approx(UNBILLED_EUR)
    assert monthly["overbilled_eur"].sum() == pytest.approx(OVERBILLED_EUR)
    by_customer = queries_ops.reconciliation_by_customer(Filters(), START, AS_OF)
    assert list(by_customer["customer_id"]) == ["C001", "C004"]
    devices = queries_ops.customer_devices("C001")["device_id"]
    assert {"HW:1", "HW:2"} <= set(devices) and "HW:3" not in set(devices)


def test_pricing_base_and_sources(warehouse):
    base = queries_value.pricing_base(Filters(), "TYOAS", START, AS_OF).set_index("customer_id")
    assert base.at["C001", "device_months"] == 12 * 4100
    assert base["total_charges_eur"].sum() == pytest.approx(float(warehouse.current_value_eur))
    sources = queries_ops.sources().set_index("source")
    assert sources.at["sap_charges", "mapped_amount_share"] == pytest.approx(0.9568)
    quality = queries_ops.quality_by_source().set_index("source")
    assert quality.at["sccm", "failed"] == 1
