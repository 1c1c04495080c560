"""Every adjustment line of the budget proposal on the fixture of fixture_budget.py."""

import datetime as dt
import shutil
from decimal import Decimal

import duckdb
import numpy as np
import pytest

from tests.budget.fixture_budget import PROPOSED_TUKI_PRICE
from warehouse.build import run_dbt
from warehouse.site import load_site

CAP = 0.25  # budget_max_trend_per_year
EUR = Decimal("0.01")


def _line(bq, activity: str, key: str, customer: str = "A001") -> Decimal:
    rows = bq("select amount_eur from budget_proposal_lines where customer_id = ? and "
              "activity_type = ? and line_key = ?", [customer, activity, key])
    assert len(rows) == 1, (activity, key, rows)
    return rows[0][0]


def _eur(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(EUR)


def test_run_rate_is_the_last_12_months(bq):
    assert _line(bq, "TUKI", "run_rate") == Decimal("11300.00")  # 2 x 900 + 10 x 950
    assert _line(bq, "TYOAS", "run_rate") == Decimal("13860.00")  # (22 + … + 33) x 42
    assert _line(bq, "SOVELL", "run_rate") == Decimal("10800.00")
    assert _line(bq, "PROJPP", "run_rate") == Decimal("5700.00")
    assert _line(bq, "ASIANT", "run_rate") == Decimal("850.00")


def _credibility_levels() -> dict[str, float]:
    """ASIANT's monthly level per customer by hand: Bühlmann credibility within `toimiala`."""
    a001 = [20.0] * 12 + [10.0] + [0.0] * 11  # 2024-2025
    history = {"A001": a001, "A005": [30.0] * 24, "A006": [5.0] * 12}  # A006 from 1/2025
    means = {c: float(np.mean(q)) for c, q in history.items()}
    within = float(np.mean([np.var(q, ddof=1) for q in history.values()]))
    n_avg = np.mean([len(q) for q in history.values()])
    between = float(np.var(list(means.values()), ddof=1)) - within / n_avg
    type_mean = float(np.mean(list(means.values())))
    levels = {}
    for c, q in history.items():
        z = len(q) / (len(q) + within / between)
        levels[c] = z * means[c] + (1 - z) * type_mean
    return levels


def test_hours_are_credibility_weighted_against_the_customer_type(bq):
    levels = _credibility_levels()
    assert _line(bq, "ASIANT", "hours_average") == _eur((levels["A001"] * 12 - 10) * 85)
    assert _line(bq, "ASIANT", "hours_average", "A005") == _eur((levels["A005"] * 12 - 360) * 85)
    # A006 was first charged in 1/2025: its history is 12 months, not 24 with zeros.
    assert _line(bq, "ASIANT", "hours_average", "A006") == _eur((levels["A006"] * 12 - 60) * 85)
    text = bq("select explanation from budget_proposal_lines where customer_id = 'A001' and "
              "line_key = 'hours_average'")[0][0]
    assert "24 kk keskiarvo" in text and "oman historian paino" in text


def test_project_hours_are_left_to_the_projects_line(bq):
    assert bq("select count(*) from budget_proposal_lines where activity_type = 'PROJPP' "
              "and adjustment = 'hours_average'") == [(0,)]


def test_price_change_uses_the_saved_price_proposal(bq):
    assert _line(bq, "TUKI", "price_change") == _eur(1200 * PROPOSED_TUKI_PRICE - 11300)
    explanation = bq("select explanation from budget_proposal_lines where activity_type = 'TUKI'"
                     " and line_key = 'price_change'")[0][0]
    assert "Tuki 2026" in explanation
    # Services billed at the current catalogue price all year have no price line.
    assert bq("select count(*) from budget_proposal_lines where activity_type = 'TYOAS' "
              "and line_key = 'price_change'") == [(0,)]


def test_staff_trend_follows_the_hr_headcount_trend(bq):
    # Least squares over the five 2025 extracts (100 → 110), per day x 365.25 / their mean.
    days = [(dt.date(*d) - dt.date(2024, 12, 31)).days for d in
            ((2024, 12, 31), (2025, 3, 31), (2025, 6, 30), (2025, 9, 30), (2025, 12, 31))]
    growth = float(np.polyfit(days, [100, 102.5, 105, 107.5, 110], 1)[0]) * 365.25 / 105
    expected = sum(100 * (1 + growth) ** (k / 12) - 100 for k in range(1, 13))
    assert _line(bq, "TUKI", "staff_trend") == _eur(expected * PROPOSED_TUKI_PRICE)


def test_devices_follow_the_billed_workstation_trend_capped(bq):
    expected = sum(33 * (1 + CAP) ** (k / 12) for k in range(1, 13)) - 330
    assert _line(bq, "TYOAS", "devices") == _eur(expected * 42)
    assert _line(bq, "TYOAS", "devices", "A003") == Decimal("0.00")


def test_replacements_due_next_year_are_shown_but_not_charged(bq):
    # The workstation service is a monthly fee per device: a replacement keeps the fee.
    assert _line(bq, "TYOAS", "replacements") == Decimal("0.00")
    rows = bq("select month::varchar, explanation from intermediate.int_budget_lines_monthly "
              "where line_key = 'replacements' and backtest_offset_months = 0 "
              "and amount_eur = 0")
    assert {r[0] for r in rows} == {"2026-03-01"}
    assert "työasemia 2" in rows[0][1] and "ei lisäveloitusta" in rows[0][1]
    assert "2 200 €" in rows[0][1]  # the IT centre's purchase, for information


def test_replacements_charged_when_the_it_centre_bills_purchases(budget_warehouse, tmp_path):
    copy = tmp_path / "wh.duckdb"
    shutil.copy(budget_warehouse.warehouse, copy)
    policy = {**load_site(budget_warehouse.site).dbt_vars(), "budget_replacements_charged": True}
    result = run_dbt(["run", "-s", "int_budget_lines_monthly"], budget_warehouse, copy,
                     dbt_vars=policy)
    assert result.success
    with duckdb.connect(str(copy), read_only=True) as con:
        assert con.execute(
            "select month::varchar, sum(amount_eur) from intermediate.int_budget_lines_monthly "
            "where line_key = 'replacements' and backtest_offset_months = 0 group by all"
        ).fetchall() == [("2026-03-01", Decimal("2200.00"))]


def test_applications_starting_and_ending(bq):
    # 2 billed + 1 starting (not yet billed) all year, 1 ending billed to June: 30 vs 24.
    assert _line(bq, "SOVELL", "applications") == Decimal("2700.00")


def test_project_budget_next_year_minus_what_the_run_rate_already_holds(bq):
    key = bq("select line_key from budget_proposal_lines where adjustment = 'projects'")[0][0]
    assert _line(bq, "PROJPP", key) == Decimal("300.00")  # 6 000 next year - 5 700 billed


def test_months_add_up_to_the_lines_and_the_finance_export(bq):
    assert bq("select sum(amount_eur) from budget_proposals where customer_id = 'A001'") == \
        bq("select sum(amount_eur) from budget_proposal_lines where customer_id = 'A001'")
    rows = bq("select finance_account, finance_account_kind, year_eur, month_01_eur "
              "+ month_02_eur + month_03_eur + month_04_eur + month_05_eur + month_06_eur "
              "+ month_07_eur + month_08_eur + month_09_eur + month_10_eur + month_11_eur "
              "+ month_12_eur from budget_finance_export where activity_type = 'TYOAS' "
              "order by customer_id")
    assert [r[:2] for r in rows] == [("2101010", "cost_centre"), ("50001", "sap_customer")]
    assert all(r[2] == r[3] for r in rows)


@pytest.mark.parametrize("adjustment", ["run_rate", "price_change", "staff_trend", "devices",
                                        "replacements", "applications", "hours_average",
                                        "projects"])
def test_every_line_explains_itself(bq, adjustment):
    rows = bq("select explanation from budget_proposal_lines where adjustment = ?",
              [adjustment])
    assert rows and all(text and len(text) > 20 for (text,) in rows)
