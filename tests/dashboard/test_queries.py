import datetime as dt
import os
import shutil

import duckdb
import pytest
from fixture_warehouse import AS_OF, SERVICES, build

from dashboard.data import engine, overview, quality, reader

DB = engine.cached()  # the pages' reader: the served, cached engine


def test_kpis_sum_customers(warehouse):
    row = overview.kpis(DB).iloc[0]
    assert row["customers"] == warehouse.customers
    assert row["current_value_eur"] == pytest.approx(float(warehouse.current_value_eur))
    assert row["value_change_pct"] == pytest.approx(
        float(warehouse.current_value_eur / warehouse.previous_value_eur - 1)
    )
    assert row["staff_count"] == warehouse.staff
    assert overview.as_of_month(DB) == AS_OF
    with duckdb.connect(str(warehouse.path), read_only=True) as con:
        potential = con.execute("SELECT sum(potential_value_eur) FROM customers").fetchone()[0]
    assert row["potential_value_eur"] == pytest.approx(float(potential))


def test_charges_window_is_bound_by_parameters(warehouse):
    start = reader.month_start(AS_OF, 11)
    frame = overview.charges_by_service(DB, start, AS_OF)
    assert len(frame) == 12 * len(SERVICES)
    assert frame["month"].min() == dt.date(2023, 4, 1)
    assert frame["month"].max() == AS_OF
    assert overview.charges_by_service(DB, dt.date(2030, 1, 1), dt.date(2030, 12, 1)).empty


def test_year_over_year_totals(warehouse):
    totals = overview.monthly_totals_yoy(DB, reader.month_start(AS_OF, 11), AS_OF)
    assert len(totals) == 12
    assert totals["previous_year_eur"].notna().all()
    assert (totals["amount_eur"] > totals["previous_year_eur"]).all()


def test_top_customers_limit_and_order(warehouse):
    top = overview.top_customers(DB, 2)
    assert len(top) == 2
    assert top["customer_name"].iloc[0] == warehouse.top_customer
    assert top["current_value_eur"].is_monotonic_decreasing
    # The director sees each top customer's potential (a saved score shows here at once).
    assert {"potential_score", "potential_value_eur"} <= set(top.columns)


def test_month_start():
    assert reader.month_start(dt.date(2024, 3, 1), 11) == dt.date(2023, 4, 1)
    assert reader.month_start(dt.date(2024, 1, 15), 1) == dt.date(2023, 12, 1)


def test_missing_file_raises_friendly_error(tmp_path, monkeypatch):
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(tmp_path / "nope.duckdb"))
    with pytest.raises(reader.WarehouseMissing, match="not found"):
        overview.kpis(DB)


def test_missing_relation_names_it(tmp_path, monkeypatch):
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(empty))
    with pytest.raises(reader.RelationMissing) as caught:
        quality.load_summary(DB)
    assert caught.value.relation == "load_audit"
    assert quality.quality_summary(DB) is None


def test_quality_relation_is_optional(tmp_path, monkeypatch):
    facts = build(tmp_path / "w.duckdb", with_quality=False)
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(facts.path))
    assert quality.quality_summary(DB) is None
    assert quality.quality_results(DB) is None


def test_quality_summary_reads_latest_run(warehouse):
    row = quality.quality_summary(DB).iloc[0]
    assert (row["checks"], row["failed"], row["critical_failed"]) == (4, 2, 1)


def test_swapped_rebuild_is_noticed(warehouse, tmp_path):
    before = overview.kpis(DB).iloc[0]["current_value_eur"]
    rebuilt = tmp_path / "warehouse.duckdb.building"
    shutil.copy(warehouse.path, rebuilt)
    with duckdb.connect(str(rebuilt)) as con:
        con.execute("UPDATE customers SET current_value_eur = 1")
    os.replace(rebuilt, warehouse.path)
    after = overview.kpis(DB).iloc[0]["current_value_eur"]
    assert before != after == warehouse.customers


def test_a_rebuild_publishes_while_the_dashboard_holds_the_file(warehouse, tmp_path):
    """The dashboard keeps the served file open read-only (dashboard/data/served.py); builds never
    write it in place but copy it, build the copy and rename it over (warehouse.publish)."""
    from warehouse import publish

    overview.kpis(DB)
    with publish.rebuilding(warehouse.path, copy_current=True) as new_file:
        writer = duckdb.connect(str(new_file))
        writer.execute("UPDATE customers SET current_value_eur = 2")
        writer.close()
    assert overview.kpis(DB).iloc[0]["current_value_eur"] == 2 * warehouse.customers
