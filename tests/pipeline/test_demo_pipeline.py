"""The whole pipeline on the demo city: every number traced back to the generator's truth."""

from decimal import Decimal

import duckdb
import pytest
from typer.testing import CliRunner

from tests.installations import copy_installation
from warehouse.cli import app


def _q(demo, sql, params=None):
    with duckdb.connect(str(demo["settings"].warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _eur(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def test_monthly_charges_equal_the_generators_truth_to_the_cent(demo):
    expected = {m["month"]: _eur(m["total_mapped_eur"])
                for m in demo["manifest"]["expected"]["monthly_charges"]}
    actual = dict(_q(demo, "select strftime(month, '%Y-%m'), sum(amount_eur) "
                           "from customer_charges_monthly group by 1"))
    assert actual == expected


def test_customer_values_and_devices_match(demo):
    expected = demo["manifest"]["expected"]["customers"]
    rows = {r[0]: r[1:] for r in _q(
        demo, "select customer_id, current_value_eur, previous_value_eur, active_devices "
              "from customers")}
    assert set(rows) == set(expected)
    for customer_id, truth in expected.items():
        current, previous, devices = rows[customer_id]
        assert current == _eur(truth["charges_last_12m_eur"]), customer_id
        assert previous == _eur(truth["charges_previous_12m_eur"]), customer_id
        assert devices == truth["active_devices"], customer_id


def test_each_customers_cost_and_margin_equal_the_generators_truth_to_the_cent(demo):
    truth = demo["manifest"]["expected"]["costs"]["customers"]
    rows = {r[0]: r[1:] for r in _q(
        demo, "select customer_id, cost_to_serve_eur, margin_eur, cost_basis from customers")}
    by_code = {}
    for cid, code, cost in _q(
            demo, "select customer_id, activity_type, sum(cost_to_serve_eur) "
                  "from customer_service_costs_monthly, (select max(as_of_month) a from customers) "
                  "where month > a - interval 12 month and month <= a group by all"):
        by_code.setdefault(cid, {})[code] = cost
    for cid, t in truth.items():
        cost, margin, basis = rows[cid]
        assert (basis, cost, margin) == ("actual", _eur(t["cost_last_12m_eur"]),
                                         _eur(t["margin_last_12m_eur"])), cid
        expected = {code: _eur(v) for code, v in t["cost_by_code_last_12m_eur"].items()}
        assert {k: v for k, v in by_code[cid].items() if v} == expected, cid


def test_allocated_plus_unallocated_is_the_actual_cost_every_month_to_the_cent(demo):
    truth = {m["month"]: m for m in demo["manifest"]["expected"]["costs"]["monthly"]}
    actual = dict(_q(demo, "select strftime(month, '%Y-%m'), sum(amount_eur) "
                           "from centre_costs_monthly where not is_excluded group by 1"))
    allocated = dict(_q(demo, "select strftime(month, '%Y-%m'), sum(actual_cost_eur) "
                              "from customer_service_costs_monthly group by 1"))
    unallocated = dict(_q(demo, "select strftime(month, '%Y-%m'), sum(amount_eur) "
                                "from unallocated_costs group by 1"))
    assert set(actual) == set(truth)
    for month, t in truth.items():
        assert actual[month] == _eur(t["actual_eur"]), month
        assert allocated[month] == _eur(t["allocated_eur"]), month
        assert unallocated[month] == _eur(t["unallocated_eur"]), month
        assert allocated[month] + unallocated[month] == actual[month], month
    reasons = {r[0] for r in _q(demo, "select distinct reason from unallocated_costs")}
    assert reasons == {"no_pool", "share_not_assigned"}
    excluded = _q(demo, "select sum(amount_eur) from centre_costs_monthly where is_excluded")
    assert excluded[0][0] == 0  # the internal transfers net out, and never count


def test_whale_curve_peaks_above_100_percent_and_the_drivers_explain_each_loss(demo):
    peak = _q(demo, "select max(cumulative_margin_pct) from customers")[0][0]
    assert peak > 100
    losers = _q(demo, "select customer_id, customer_name, margin_eur from customers "
                      "where margin_eur < 0 order by margin_eur")
    assert len(losers) >= 10 and all(name for _, name, _ in losers)
    for cid, _name, margin in losers:
        codes = _q(demo, "select activity_type, sum(charges_eur) - sum(cost_to_serve_eur) "
                         "from customer_service_costs_monthly, "
                         "(select max(as_of_month) a from customers) "
                         "where customer_id = ? and month > a - interval 12 month "
                         "and month <= a group by 1", [cid])
        assert sum(m for _, m in codes) == margin, cid  # the breakdown adds up to the loss
        assert min(m for _, m in codes) < 0, cid  # some driver costs more than it pays
    recovery = dict(_q(demo, "select activity_type, sum(charges_eur) / sum(cost_eur) "
                             "from service_cost_recovery group by 1"))
    assert recovery["SOVELL"] < 1 < recovery["VERKKO"]  # one service carries another


def test_mapped_share_of_euros_is_at_least_99_5_percent(demo):
    rows = _q(demo, "select source, mapped_amount_pct from source_coverage "
                    "where amount_eur is not null")
    assert rows and all(pct >= 99.5 for _, pct in rows)


def test_unmapped_cost_centres_are_on_the_worklist(demo):
    unmapped = _q(demo, "select sum(amount_eur) from unmapped_records where source = 'sap_charges'")
    assert _eur(unmapped[0][0]) == _eur(demo["manifest"]["expected"]["unmapped_allocation_eur"])


def test_every_marts_relation_exists_with_its_columns(demo):
    contract = {
        "customers": ["customer_id", "current_value_eur", "abc_class", "value_quadrant",
                      "as_of_month", "lifetime_value_eur", "potential_value_eur"],
        "customer_charges_monthly": ["customer_id", "month", "service", "amount_eur", "quantity"],
        "customer_profitability_monthly": ["charges_eur", "cost_to_serve_eur", "margin_eur"],
        "billing_reconciliation": ["active_devices", "billed_devices", "device_gap",
                                   "unbilled_eur", "overbilled_eur"],
        "device_replacements": ["device_id", "first_seen_date", "replacement_due_date"],
        "application_updates": ["application", "vendor", "next_update_month"],
        "partnership_coverage": ["partnership_manager", "customer_type", "customers"],
        "unmapped_records": ["source", "record_key", "candidate_customer_id", "candidate_score"],
        "load_audit": ["load_id", "sha256", "status", "rows_quarantined", "message"],
        "quarantine": ["file_name", "row_number", "column_name", "raw_value", "reason"],
        "data_quality_results": ["source", "expectation", "severity", "success"],
        "customer_service_costs_monthly": ["customer_id", "month", "activity_type",
                                           "cost_basis", "driver_quantity", "rate_eur",
                                           "actual_cost_eur", "cost_to_serve_eur"],
        "centre_costs_monthly": ["month", "cost_centre", "cost_element", "pool",
                                 "amount_eur"],
        "unallocated_costs": ["month", "reason", "amount_eur"],
        "service_cost_recovery": ["activity_type", "month", "charges_eur", "cost_eur",
                                  "recovery_pct", "break_even_price_eur"],
        "cost_subsidies": ["kind", "subject_id", "charges_eur", "cost_eur", "surplus_eur",
                           "role"],
    }
    for relation, columns in contract.items():
        present = {r[0] for r in _q(demo, "select column_name from information_schema.columns "
                                          "where table_schema = 'main' and table_name = ?",
                                    [relation])}
        assert set(columns) <= present, relation


def test_refreshing_the_same_landing_again_changes_no_count(demo, tmp_path):
    landing, warehouse = copy_installation(demo, tmp_path)  # the session's build stays as built
    sql = "select count(*), sum(amount_eur) from customer_charges_monthly"
    before = _q(demo, sql)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute(sql).fetchall() == before
    result = CliRunner().invoke(app, ["refresh", "--landing", str(landing), "--warehouse",
                                      str(warehouse)])
    assert result.exit_code == 3, result.output  # nothing new: rebuilt and published anyway
    assert "Nothing new" in result.output
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute(sql).fetchall() == before


@pytest.mark.parametrize("fault", ["reversal", "special_period", "overlapping_extract",
                                   "unmapped_ou", "duplicate_device"])
def test_documented_faults_exist_in_the_demo(demo, fault):
    assert demo["manifest"]["fault_counts"].get(fault, 0) > 0


def test_clean_demo_fails_only_the_injected_business_id_warning(demo):
    failed = _q(demo, "select source, column_name, severity, unexpected_count "
                      "from data_quality_results where is_latest_run and not success")
    assert failed == [("register", "business_id_valid", "warning",
                       demo["manifest"]["fault_counts"]["invalid_business_id"])]


def test_billing_reconciliation_uses_the_complete_month_end_snapshot(demo):
    rows = _q(demo, "select b.month::varchar, sum(b.active_devices), sum(c.active_devices) "
                    "from billing_reconciliation b join customers c using (customer_id) "
                    "group by 1")
    end = demo["manifest"]["end_month"]
    assert [(m, a) for m, a, _ in rows] == [(f"{end}-01", rows[0][2])]
