import pandas as pd
import pytest

from dashboard import whatif


def _base():
    return pd.DataFrame({
        "customer_id": ["A", "B", "C"], "customer_name": ["a", "b", "c"],
        "customer_type": ["toimiala", "yhtio", "saatio"],
        "charges_eur": [1000.0, 500.0, 0.0], "billed_quantity": [100.0, 50.0, 0.0],
        "device_months": [120.0, 40.0, 10.0], "staff_months": [600.0, 120.0, 12.0],
        "total_charges_eur": [2000.0, 1000.0, 100.0], "total_cost_eur": [1800.0, 1000.0, 200.0],
    })


def test_unchanged_price_and_driver_change_nothing():
    result = whatif.simulate(_base(), 10.0, 10.0, "billed_quantity")
    assert result["change_eur"].abs().max() == 0
    assert whatif.winners_and_losers(result) == {"losers": 0, "winners": 0, "unchanged": 3}
    recovery = whatif.recovery(_base(), result)
    assert recovery.before == recovery.after == pytest.approx(3100 / 3000)


def test_price_rise_charges_the_billed_quantity():
    result = whatif.simulate(_base(), 10.0, 12.0, "billed_quantity").set_index("customer_id")
    assert result.at["A", "new_eur"] == 1200.0
    assert result.at["A", "change_eur"] == 200.0
    assert result.at["B", "change_pct"] == pytest.approx(0.2)
    assert pd.isna(result.at["C", "change_pct"])


def test_switching_to_active_devices_makes_winners_and_losers():
    result = whatif.simulate(_base(), 10.0, 10.0, "active_devices")
    assert list(result["customer_id"]) == ["A", "C", "B"]  # biggest loser first
    assert whatif.winners_and_losers(result) == {"losers": 2, "winners": 1, "unchanged": 0}
    recovery = whatif.recovery(_base(), result)
    assert recovery.new_charges_eur == pytest.approx(3100 + 200 + 100 - 100)
    assert recovery.after == pytest.approx(3300 / 3000)


def test_staff_driver_and_unknown_driver():
    result = whatif.simulate(_base(), 10.0, 2.0, "staff").set_index("customer_id")
    assert result.at["A", "new_eur"] == 1200.0
    with pytest.raises(ValueError, match="unknown charging driver"):
        whatif.simulate(_base(), 10.0, 1.0, "per_hour")


def test_recovery_without_cost_is_undefined():
    base = _base().assign(total_cost_eur=0.0)
    recovery = whatif.recovery(base, whatif.simulate(base, 1.0, 1.0, "billed_quantity"))
    assert recovery.before is None and recovery.after is None
