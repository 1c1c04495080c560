"""Care-plan saves show at once (warehouse/edits/): a targeted dbt build of the models a save
changes, published atomically; the same figures as a whole rebuild, to the cent; nothing
published when it cannot or should not be."""

from __future__ import annotations

import datetime as dt
import threading
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.installations import copy_installation
from warehouse import edits, publish, stages
from warehouse.config import settings
from warehouse.formats import fmt_eur
from warehouse.site import load_site
from warehouse.stores import edits_state, run_lock
from warehouse.stores.careplans import CarePlanStore
from warehouse.stores.edits_state import State

pytestmark = pytest.mark.slow

# The relations a save may change, compared with a whole rebuild (the columns that say when
# the copy was made differ by design).
COMPARED = {
    "customers": "customer_id",
    "budget_proposal_lines": "customer_id, activity_type, line_key",
    "budget_proposals": "customer_id, activity_type, month",
    "budget_finance_export": "customer_id, activity_type",
    "budget_price_list_next_year": "activity_type",
    "budget_backtest": "backtest_offset_months, customer_id",
    "cost_subsidies": "all",
}


class Allow:
    """The tests' write guard: every write by the named user is allowed."""

    def authorize(self, user, customer_id: str, what: str) -> str:
        return user

    def written(self, user, customer_id: str, what: str) -> None:
        pass


@pytest.fixture
def installation(demo_city, tmp_path, monkeypatch):
    """A copy of the demo city of this test's own: (settings, store)."""
    monkeypatch.delenv("ASIAKASTIETO_CAREPLANS", raising=False)
    landing, warehouse = copy_installation(demo_city, tmp_path)
    s = settings(warehouse, landing)
    return s, CarePlanStore(s.careplan_store, Allow())


def _rows(warehouse: Path, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    return {name: _rows(warehouse, f"select * from {name} order by {order}")
            for name, order in COMPARED.items()}


def _top(warehouse: Path) -> dict:
    row = _rows(warehouse, "select customer_id, partnership_manager, current_value_eur, "
                           "potential_score from customers order by current_value_eur desc, "
                           "customer_id limit 1")[0]
    return dict(zip(["customer_id", "manager", "current_value_eur", "score"], row, strict=True))


def _lifetime(current: Decimal, score: int, policy: dict) -> Decimal:
    """docs/definitions.md: sum over t = 1..H of current value x (1 + g)^t."""
    growth = policy["growth_per_score_point"] * (score - policy["neutral_potential_score"])
    total = sum(float(current) * (1 + growth) ** t
                for t in range(1, policy["horizon_years"] + 1))
    return Decimal(str(round(total, 2)))


def test_a_saved_score_shows_after_a_targeted_build(installation):
    s, store = installation
    top = _top(s.warehouse)
    charges = _rows(s.warehouse, "select count(*), sum(amount_eur) from customer_charges_monthly")
    score = 9 if top["score"] != 9 else 2
    store.save_single(top["customer_id"], "potential", {"score": score, "justification": "k"},
                      expected_version=0, user=top["manager"])

    step = edits.Applier(s).apply()

    assert step.state == State.PUBLISHED, step.message
    assert step.sections == ("potential",)
    assert step.store_change == store.last_change()
    assert step.published_version == publish.built_from(s.warehouse).version
    assert edits_state.read(s.edits_state) == step
    shown = _rows(s.warehouse, "select potential_score, lifetime_value_eur from customers "
                               "where customer_id = ?", [top["customer_id"]])[0]
    policy = load_site(s.site).dbt_vars()
    assert shown == (score, _lifetime(top["current_value_eur"], score, policy))
    assert _rows(s.warehouse, "select store_change from careplan_info") == [
        (store.last_change(),)]
    # What no save feeds is carried over untouched.
    assert _rows(s.warehouse, "select count(*), sum(amount_eur) from customer_charges_monthly"
                 ) == charges
    assert edits.Applier(s).apply() is None  # the warehouse shows every save
    assert not list(s.warehouse.parent.glob("*.building-*"))


def test_budget_saves_show_and_match_a_whole_rebuild_to_the_cent(installation):
    s, store = installation
    top = _top(s.warehouse)
    line = _rows(s.warehouse, "select activity_type, line_key, budget_year from "
                              "budget_proposal_lines where customer_id = ? and adjustment = "
                              "'run_rate' order by amount_eur desc limit 1",
                 [top["customer_id"]])[0]
    store.add(top["customer_id"], "budget_override", {
        "budget_year": line[2], "activity_type": line[0], "line_key": line[1],
        "amount_eur": 123456.78, "justification": "sopimus"}, user=top["manager"])
    store.add("*", "price_proposal", {
        "name": "testi", "activity_type": line[0], "unit_price_eur": 47.11,
        "cost_driver": None, "use_for_budget": True, "note": None}, user=top["manager"])
    project = store.add(top["customer_id"], "projects", {
        "name": "Uusi järjestelmä", "start_date": dt.date(line[2], 2, 1).isoformat(),
        "end_date": dt.date(line[2], 7, 31).isoformat(), "budget_eur": 60000,
        "priority": 1}, user=top["manager"])
    store.save_single(top["customer_id"], "potential", {"score": 8, "justification": "k"},
                      expected_version=0, user=top["manager"])

    step = edits.Applier(s).apply()

    assert step.state == State.PUBLISHED, step.message
    assert set(step.sections) == {"budget_override", "price_proposal", "projects", "potential"}
    assert _rows(s.warehouse, "select sum(amount_eur) from budget_proposal_lines where "
                              "customer_id = ? and activity_type = ? and line_key in (?, ?)",
                 [top["customer_id"], line[0], line[1], f"override:{line[1]}"]) == [
        (Decimal("123456.78"),)]
    assert _rows(s.warehouse, "select unit_price_eur from budget_price_list_next_year "
                              "where activity_type = ?", [line[0]]) == [(Decimal("47.11"),)]
    assert _rows(s.warehouse, "select sum(amount_eur) from budget_proposal_lines where "
                              "line_key = ?", [f"projects:{project.entry_id}"])[0][0] > 0
    targeted = _snapshot(s.warehouse)

    stages.build(s)  # the whole warehouse again, from the same store

    assert _snapshot(s.warehouse) == targeted


def test_a_changed_site_waits_for_the_refresh(installation):
    s, store = installation
    version = publish.built_from(s.warehouse).version
    settings_file = s.site / "site.toml"
    text = settings_file.read_text(encoding="utf-8")
    assert "[budget]\n" in text  # a policy the steward changes and the next refresh applies
    settings_file.write_text(text.replace("[budget]\n", "[budget]\nbacktest_offsets = [12]\n"),
                             encoding="utf-8")
    store.add("*", "marketing", {"action": "uutiskirje", "target": "kaikki"}, user="anna")

    step = edits.Applier(s).apply()

    assert step.state == State.WAITING_SITE
    assert "refresh" in step.message
    assert publish.built_from(s.warehouse).version == version


def test_a_running_refresh_makes_saves_wait(installation):
    s, store = installation
    version = publish.built_from(s.warehouse).version
    store.add("*", "marketing", {"action": "uutiskirje", "target": "kaikki"}, user="anna")
    with run_lock.hold(s.refresh_lock, "asiakastieto refresh"):
        step = edits.Applier(s).apply()
    assert step.state == State.WAITING_REFRESH
    assert "asiakastieto refresh" in step.message
    assert publish.built_from(s.warehouse).version == version


def test_a_failing_data_test_publishes_nothing(installation):
    s, store = installation
    version = publish.built_from(s.warehouse).version
    top = _top(s.warehouse)
    # The editor offers 1–10; the store itself takes what it is given, dbt's test refuses it.
    store.save_single(top["customer_id"], "potential", {"score": 11, "justification": "x"},
                      expected_version=0, user="anna")

    step = edits.Applier(s).apply()

    assert step.state == State.FAILED
    assert "stg_careplan__entries" in step.message
    assert publish.built_from(s.warehouse).version == version
    assert not list(s.warehouse.parent.glob("*.building-*"))


def _await(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} not within {seconds:.0f} s"
        time.sleep(0.05)


def test_the_follower_publishes_each_save_and_cleans_up(installation):
    s, store = installation
    top = _top(s.warehouse)
    stop = threading.Event()
    follower = threading.Thread(target=edits.follow, args=(s,),
                                kwargs={"stop": stop, "poll": 0.05}, daemon=True)
    follower.start()
    try:
        for score in (3, 7):
            entry = store.single(top["customer_id"])
            store.save_single(top["customer_id"], "potential",
                              {"score": score, "justification": "k"},
                              expected_version=entry.version if entry else 0, user="anna")
            _await(lambda score=score: _rows(
                s.warehouse, "select potential_score from customers where customer_id = ?",
                [top["customer_id"]]) == [(score,)], 120, f"score {score}")
        # Idle, it keeps a copy of the published warehouse ready for the next save.
        _await(lambda: len(list(s.warehouse.parent.glob("*.building-*"))) == 1, 60,
               "the spare copy")
    finally:
        stop.set()
        follower.join(timeout=60)
    assert not follower.is_alive()
    assert not list(s.warehouse.parent.glob("*.building-*"))


def test_the_pack_shows_a_save_made_while_no_follower_runs(installation, tmp_path):
    import openpyxl
    from typer.testing import CliRunner

    from warehouse.cli import app

    s, store = installation
    top = _top(s.warehouse)
    score = 10 if top["score"] != 10 else 1
    store.save_single(top["customer_id"], "potential", {"score": score, "justification": "k"},
                      expected_version=0, user=top["manager"])
    out = tmp_path / "pack.xlsx"
    result = CliRunner().invoke(app, ["report", "--customer", top["customer_id"], "--format",
                                      "xlsx", "--output", str(out), "--warehouse",
                                      str(s.warehouse)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Perustiedot"]
    numbers = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    lifetime = _rows(s.warehouse, "select lifetime_value_eur from customers where "
                                  "customer_id = ?", [top["customer_id"]])[0][0]
    assert numbers["Potentiaaliarvo (1–10)"] == score
    assert numbers["Elinkaariarvo 3 v"] == fmt_eur(lifetime, "fi", decimals=0)
    assert lifetime == _lifetime(top["current_value_eur"], score, load_site(s.site).dbt_vars())


def test_a_store_put_back_to_an_older_state_is_published_whole(installation, tmp_path):
    import sqlite3

    s, store = installation
    top = _top(s.warehouse)
    store.save_single(top["customer_id"], "potential", {"score": 2, "justification": "k"},
                      expected_version=0, user="anna")
    older = tmp_path / "older.sqlite"
    with sqlite3.connect(s.careplan_store) as source, sqlite3.connect(older) as copy:
        source.backup(copy)
    entry = store.single(top["customer_id"])
    store.save_single(top["customer_id"], "potential", {"score": 9, "justification": "k"},
                      expected_version=entry.version, user="anna")
    assert edits.Applier(s).apply().state == State.PUBLISHED
    for suffix in ("-wal", "-shm"):
        s.careplan_store.with_name(s.careplan_store.name + suffix).unlink(missing_ok=True)
    older.replace(s.careplan_store)  # as a restore does, with the dashboard stopped

    step = edits.Applier(s).apply()

    assert step.state == State.PUBLISHED
    assert {"potential", "budget_override", "price_proposal", "projects"} <= set(step.sections)
    assert _rows(s.warehouse, "select potential_score from customers where customer_id = ?",
                 [top["customer_id"]]) == [(2,)]
    assert edits.Applier(s).apply() is None
