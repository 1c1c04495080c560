"""The decided price-list history (a backtest uses only a list decided by its as-of month) and
the damping of a noisy trend, on a copy of the fixture's warehouse with known inputs."""

from __future__ import annotations

import shutil
from decimal import Decimal

import duckdb
import numpy as np
import pytest

from warehouse.build import run_dbt

CAP = 0.25
# price_year, activity type, price, decided on (the fixture's as-of months: 12/2024 and 12/2025)
HISTORY = [(2025, "TYOAS", 44.00, "2024-12-20"),  # decided by the 12/2024 backtest: used
           (2025, "TUKI", 9.80, "2025-01-15"),    # decided after it: not used
           (2026, "TYOAS", 45.00, "2025-09-30")]  # the proposal's year, decided: used
# A003's workstations billed in 2025, replaced by a noisy series with a weak upward trend.
NOISY = [20, 22, 19, 21, 23, 20, 22, 24, 21, 23, 22, 24]


@pytest.fixture(scope="module")
def copy_q(budget_warehouse, tmp_path_factory):
    copy = tmp_path_factory.mktemp("budget_prices") / "wh.duckdb"
    shutil.copy(budget_warehouse.warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.executemany("insert into reference.price_list_history (price_year, activity_type, "
                        "unit_price_eur, decided_on) values (?, ?, ?, ?)", HISTORY)
        for i, q in enumerate(NOISY):
            con.execute("update intermediate.int_cost_drivers_monthly set billed_quantity = ? "
                        "where customer_id = 'A003' and activity_type = 'TYOAS' "
                        "and month = make_date(2025, ?, 1)", [q, i + 1])
    result = run_dbt(["run", "-s", "int_budget_run_rates", "int_budget_inputs",
                      "int_budget_lines_monthly", "int_budget_backtest_lines_monthly",
                      "budget_backtest"],
                     budget_warehouse, copy)
    assert result.success

    def run(sql: str, params=None):
        with duckdb.connect(str(copy), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()
    return run


def _sum(q, customer: str, activity: str, key: str, offset: int) -> float:
    return float(q(f"select coalesce(sum(amount_eur), 0) from intermediate.{_lines(offset)}"
                   " where customer_id = ? and activity_type = ? and line_key = ? and "
                   "backtest_offset_months = ?", [customer, activity, key, offset])[0][0])


def _lines(offset: int) -> str:
    """The proposal's lines (offset 0) or the backtests'."""
    return "int_budget_lines_monthly" if offset == 0 else "int_budget_backtest_lines_monthly"


def test_backtest_uses_only_the_list_decided_by_its_as_of_month(copy_q):
    # TYOAS at the 2025 list decided 20.12.2024; TUKI at December 2024's billed 9,00 € because
    # its 2025 list was decided only in January 2025.
    assert _sum(copy_q, "A001", "TYOAS", "price_change", 12) == pytest.approx(186 * 44 - 7812)
    assert _sum(copy_q, "A001", "TUKI", "price_change", 12) == pytest.approx(0)
    tyoas = sum(21 * (1 + CAP) ** (k / 12) for k in range(1, 13)) * 44
    predicted = copy_q("select predicted_eur from budget_backtest where customer_id = 'A001'")
    assert float(predicted[0][0]) == pytest.approx(10800 + tyoas + 20400, abs=0.05)
    text = copy_q("select explanation from intermediate.int_budget_backtest_lines_monthly "
                  "where customer_id = 'A001' and activity_type = 'TYOAS' and line_key = "
                  "'price_change' and backtest_offset_months = 12")[0][0]
    assert "2025 hinnasto, päätetty 20.12.2024" in text


def test_proposal_uses_the_decided_list_of_the_budget_year(copy_q):
    assert _sum(copy_q, "A001", "TYOAS", "price_change", 0) == pytest.approx(330 * 45 - 13860)


def test_a_noisy_trend_is_damped_by_its_evidence(copy_q):
    x = np.arange(12)
    slope, intercept = np.polyfit(x, NOISY, 1)
    residuals = np.asarray(NOISY) - (intercept + slope * x)
    se = np.sqrt((residuals ** 2).sum() / 10 / ((x - x.mean()) ** 2).sum())
    mean = np.mean(NOISY)
    g, g_se = 12 * slope / mean, 12 * se / mean
    damped = min(CAP, g * g ** 2 / (g ** 2 + g_se ** 2))
    assert 0 < damped < g  # weak evidence: kept in part
    level = intercept + 11 * slope
    expected = (sum(level * (1 + damped) ** (k / 12) for k in range(1, 13)) - sum(NOISY)) * 45
    assert _sum(copy_q, "A003", "TYOAS", "devices", 0) == pytest.approx(expected, abs=0.02)
    text = copy_q("select explanation from intermediate.int_budget_lines_monthly where "
                  "customer_id = 'A003' and line_key = 'devices' and backtest_offset_months = 0 "
                  "limit 1")[0][0]
    assert "vaimennettuna" in text


def test_an_exact_trend_is_kept(bq):
    # A001's workstations grow by exactly one a month: no noise, nothing damped (capped only).
    assert bq("select count(*) from budget_proposal_lines where customer_id = 'A001' and "
              "line_key = 'devices' and explanation like '%vaimennettuna%'") == [(0,)]
    assert Decimal(0) < bq("select amount_eur from budget_proposal_lines where customer_id = "
                           "'A001' and line_key = 'devices'")[0][0]
