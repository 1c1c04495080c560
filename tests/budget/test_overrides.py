"""An override of a proposal line is a care-plan entry: it reaches the mart and survives a
refresh (the warehouse is rebuilt from nothing, the store is not)."""

from decimal import Decimal

import duckdb

from warehouse import stages
from warehouse.careplans import CarePlanStore


def _lines(s, activity: str):
    with duckdb.connect(str(s.warehouse), read_only=True) as con:
        return con.execute(
            "select line_key, amount_eur, explanation from budget_proposal_lines "
            "where customer_id = 'A001' and activity_type = ? order by line_order, line_key",
            [activity]).fetchall()


def test_override_line_survives_a_refresh(budget_warehouse):
    s = budget_warehouse
    store = CarePlanStore(s.careplan_store)
    devices = dict((k, v) for k, v, _ in _lines(s, "TYOAS"))["devices"]
    entry = store.add("A001", "budget_override", {
        "budget_year": 2026, "activity_type": "TYOAS", "line_key": "devices",
        "amount_eur": 1000, "justification": "Laitekanta jäädytetään 2026"}, user="Maija Mänty")
    try:
        stages.build(s)
        first = dict((k, (v, e)) for k, v, e in _lines(s, "TYOAS"))
        assert first["override:devices"][0] == Decimal("1000.00") - devices
        assert "Laitekanta jäädytetään 2026" in first["override:devices"][1]
        assert "Maija Mänty" in first["override:devices"][1]
        total = sum(v for v, _ in first.values())
        # run-rate + the overridden devices line; replacements are shown at 0 € (not charged)
        assert total == Decimal("13860.00") + Decimal("1000.00")

        stages.build(s)  # a refresh: everything rebuilt from the raw and care-plan stores
        assert dict((k, (v, e)) for k, v, e in _lines(s, "TYOAS")) == first
        history = [h["action"] for h in store.history("A001") if h["section"] ==
                   "budget_override"]
        assert history == ["insert"]
    finally:
        store.delete(entry.entry_id, expected_version=entry.version, user="Maija Mänty")
        stages.build(s)
    assert "override:devices" not in {k for k, _, _ in _lines(s, "TYOAS")}
