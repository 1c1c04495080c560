"""The backtest on the fixture: the method as of December 2024 against 2025's charges."""

from decimal import Decimal

import pytest

CAP = 0.25


def test_backtest_as_of_a_year_earlier_with_known_truth(bq):
    rows = bq("select customer_id, as_of_month::varchar, budget_year, months_compared, "
              "predicted_eur, baseline_eur, actual_eur, ape, baseline_ape from budget_backtest "
              "order by customer_id")
    assert [r[:4] for r in rows] == [(c, "2024-12-01", 2025, 12)
                                     for c in ("A001", "A003", "A005", "A006")]
    a001, a003, a005, a006 = rows
    # As of 12/2024 the method knew TUKI 100 x 9 € (two HR extracts: no staff trend) and
    # TYOAS 10 … 21 (level 21, trend capped), priced at December 2024's prices.
    tyoas = sum(21 * (1 + CAP) ** (k / 12) for k in range(1, 13)) * 42
    # ASIANT 240 h x 85 €: 12 months of history then, and only two divisions with hours (fewer
    # than budget_hours_min_customers): the own 12-month mean, the run-rate's.
    predicted = 10800 + tyoas + 20400
    assert float(a001[4]) == pytest.approx(predicted, abs=0.05)
    assert a001[5] == Decimal("39012.00")  # 10 800 + 186 x 42 + 20 400
    actual = 11300 + 13860 + 10800 + 5700 + 850
    assert a001[6] == Decimal(actual)
    assert a001[7] == pytest.approx(abs(predicted - actual) / actual, abs=1e-5)
    assert a001[8] == pytest.approx(abs(39012 - actual) / actual)
    # Customers that did not exist then: nothing predicted, APE 100 %.
    assert a003[4:7] == (Decimal("0.00"), Decimal("0.00"), Decimal("10080.00"))
    assert a006[4:7] == (Decimal("0.00"), Decimal("0.00"), Decimal("5100.00"))
    assert a003[7] == a006[7] == 1.0
    # Steady hours: both forecasts exact.
    assert a005[4:7] == (Decimal("30600.00"),) * 3 and a005[7] == a005[8] == 0


def test_backtest_summary_compares_method_and_baseline(bq):
    rows = {r[0]: r[1:] for r in bq(
        "select forecast, customers, mape, abs_error_eur from budget_backtest_summary")}
    assert set(rows) == {"method", "baseline"}
    assert rows["method"][0] == rows["baseline"][0] == 4
    assert rows["method"][1] < rows["baseline"][1]
    assert rows["method"][2] < rows["baseline"][2]


def test_no_backtest_without_a_full_year_of_history(bq):
    assert bq("select count(*) from budget_backtest where backtest_offset_months = 24") == [(0,)]


def test_backtest_uses_no_later_data(bq):
    # The 2025 register snapshot, SCCM snapshot and care-plan project are unknown in 12/2024.
    assert bq("select count(*) from intermediate.int_budget_backtest_lines_monthly where "
              "backtest_offset_months = 12 and adjustment in ('applications', 'replacements', "
              "'projects', 'override')") == [(0,)]
