"""The marts on a raw store whose right answers are known (tests/dbt/fixture_raw.py)."""

from decimal import Decimal

import pytest


def test_duplicate_posting_counts_once_and_sender_lines_are_excluded(query):
    rows = query("select amount_eur, source_lines from customer_charges_monthly "
                 "where customer_id = 'A001' and service = 'device_phone'")
    assert rows == [(Decimal("420.00"), 1)]


def test_reversal_nets_out(query):
    assert query("select amount_eur from customer_charges_monthly "
                 "where customer_id = 'A001' and service = 'expert'") == [(Decimal("0.00"),)]


def test_special_period_counts_in_december(query):
    rows = query("select month::varchar, amount_eur from customer_charges_monthly "
                 "where customer_id = 'A002' and service = 'project_manager'")
    assert rows == [("2024-12-01", Decimal("950.00"))]


def test_closed_cost_centre_falls_to_successor(query):
    assert query("select amount_eur from customer_charges_monthly "
                 "where customer_id = 'A002' and service = 'expert'") == [(Decimal("85.00"),)]


def test_invoices_by_customer_number_and_business_id_credit_notes_negative(query):
    rows = dict(query("select customer_id, sum(amount_eur) from customer_charges_monthly "
                      "where customer_id in ('A003', 'A004') group by 1"))
    assert rows == {"A003": Decimal("798.00"), "A004": Decimal("450.00")}


def test_unmapped_cost_centre_is_on_the_worklist_with_a_candidate(query):
    rows = query("select raw_value, amount_eur, candidate_customer_id is not null "
                 "from unmapped_records where source = 'sap_charges'")
    assert rows == [("4409001", Decimal("12.50"), True)]


def test_money_reconciles_to_the_cent(query):
    (total,) = query("select sum(amount_eur) from customer_charges_monthly")[0]
    (unmapped,) = query("select sum(amount_eur) from unmapped_records "
                        "where source like 'sap_%'")[0]
    # Receiver lines 420 + 0 + 950 + 85 + 12.50 + 9.50, invoices 840 - 42 + 450.
    assert total + unmapped == Decimal("2725.00")


def test_reimaged_device_counts_once_stale_device_inactive(query):
    rows = query("select device_name, is_active from device_replacements "
                 "where customer_id = 'A001' order by 1")
    assert rows == [("WS001B", True), ("WS002", False)]
    assert query("select active_devices from customers where customer_id = 'A001'") == [(1,)]


def test_replacement_due_is_first_seen_plus_48_months(query):
    rows = query("select first_seen_date::varchar, replacement_due_date::varchar "
                 "from device_replacements where device_name = 'WS001B'")
    assert rows == [("2021-12-01", "2025-12-01")]


def test_unmapped_ou_lands_on_the_worklist(query):
    assert query("select raw_value from unmapped_records where source = 'sccm'") == [
        ("ADAURA.LOCAL/MUU",)]


@pytest.mark.parametrize("application, customer, month", [
    ("Opetushallinto", "A001", "2025-05-01"),     # via alias KASKO, "toukokuussa 2025"
    ("Opetushallinto", "A002", "2025-05-01"),
    ("Oppilasrekisteri", "A001", "2025-05-01"),   # truncated name, "vko 21"
])
def test_applications_resolve_by_alias_and_truncation(query, application, customer, month):
    rows = query("select next_update_month::varchar from application_updates "
                 "where application = ? and customer_id = ?", [application, customer])
    assert rows == [(month,)]


def test_customer_value_staff_and_classes(query):
    rows = {r[0]: r[1:] for r in query(
        "select customer_id, current_value_eur, staff_count, staff_change, abc_class, "
        "value_quadrant from customers")}
    assert rows["A001"] == (Decimal("429.50"), 110, 10, "B", "grow")
    assert rows["A003"][0] == Decimal("798.00")
    assert rows["A003"][3:] == ("A", "maintain")


def test_lifetime_and_potential_value_follow_the_score(query):
    ((cv, ltv, pv),) = query("select current_value_eur, lifetime_value_eur, potential_value_eur "
                             "from customers where customer_id = 'A001'")
    expected = sum(float(cv) * 1.10 ** t for t in (1, 2, 3))
    assert float(ltv) == pytest.approx(expected, abs=0.01)
    assert float(pv) == pytest.approx(expected - 3 * float(cv), abs=0.01)


def test_coverage_shows_gaps(query):
    rows = query("select customers, is_gap from partnership_coverage "
                 "where partnership_manager = 'Pekka Kuusi' and customer_type = 'toimiala'")
    assert rows == [(0, True)]


def test_invoice_quantity_comes_from_text_and_credit_notes_take_units_back(query):
    assert query("select quantity from customer_charges_monthly "
                 "where customer_id = 'A003' and service = 'device_phone'") == [
        (Decimal("19.000"),)]


def test_charge_change_parts_add_up_to_the_change(query):
    rows = query("select service, change_eur, new_service_eur from customer_charge_changes "
                 "where customer_id = 'A001' order by service")
    assert rows == [("device_phone", Decimal("420.00"), Decimal("420.00")),
                    ("it_support", Decimal("9.50"), Decimal("9.50"))]


def test_source_freshness_fails_for_old_loads_and_names_the_owner(fixture_warehouse, tmp_path):
    import shutil

    from warehouse.build import source_freshness

    copy = tmp_path / "copy.duckdb"
    shutil.copy(fixture_warehouse.warehouse, copy)
    rows = {r["source"]: r for r in source_freshness(fixture_warehouse, copy)}
    # The fixture's files were loaded in April 2025: long past every threshold.
    assert rows["sap_charges"]["status"] == "error"
    assert rows["register"]["status"] == "warn"
    assert rows["sap_headcount"]["owner"] == "Henkilöstöpalvelut"


def test_billing_reconciliation_only_for_months_with_a_snapshot(query):
    rows = query("select month::varchar, active_devices, billed_devices, overbilled_eur, "
                 "unbilled_eur from billing_reconciliation where customer_id = 'A001'")
    assert rows == [("2025-03-01", 1, 10, Decimal("378.00"), Decimal("0.00"))]


def test_site_changes_and_site_info_are_public_marts(query):
    columns = [row[0] for row in query(
        "select column_name from information_schema.columns "
        "where table_schema = 'main' and table_name = 'site_changes' order by ordinal_position")]
    assert columns == ["site_name", "noticed_at", "changed_by", "changed_via", "site_file",
                       "changed_key", "change_kind", "detail", "note", "file_modified_at"]
    assert query("select count(*) from site_changes where noticed_at is null") == [(0,)]
    (name, version), = query("select site_name, site_version from site_info")
    assert name and version
