"""The care plan filled from the fixture warehouse: every section, the annual clock, the .ics."""

from __future__ import annotations

import datetime as dt

import pytest
from fixture_careplan import REPLACEMENT_EUR
from icalendar import Calendar

from dashboard.charts import careplan as charts_careplan
from dashboard.data import careplan, engine, overview
from dashboard.report import careplan_data, ics, labels

DB = engine.cached()  # the pages' reader: the served, cached engine

MANUAL = {
    "projects": {"name": "Sähköinen työpöytä", "start_date": "2024-01-01", "priority": 1,
                 "budget_eur": 10000},
    "small_needs": {"need": "SingleSignOn", "impact": "Helpottaa työskentelyä",
                    "observed_date": "2024-03-13", "is_budgeted": False,
                    "fits_environment": True},
    "marketing": {"action": "Mobiili työtapa"},
    "agreements": {"agreement": "Seudullinen kehittämissuunnitelma"},
}


@pytest.fixture
def plan(warehouse, careplans):
    for section, fields in MANUAL.items():
        careplans.add("C001", section, fields, user="Anna Aalto")
    careplans.save_single("C001", "potential", {"score": 7, "justification": "kasvu jatkuu"},
                          expected_version=0, user="Anna Aalto")
    return careplan_data.assemble(DB, "C001", careplans)


def test_every_section_is_filled(plan):
    assert list(plan.sections) == list(careplan_data.SECTION_ORDER)
    for name, frame in plan.sections.items():
        assert not frame.empty, name
    assert plan.sections["projects"]["name"].tolist() == ["Sähköinen työpöytä"]
    assert plan.potential["score"] == 7 and plan.potential["version"] == 1
    assert len(plan.history) == 5 and set(plan.history["changed_by"]) == {"Anna Aalto"}


def test_header_equals_the_customers_mart(plan):
    row = careplan.customer_header(DB, "C001").iloc[0]
    for key in ("current_value_eur", "value_change_eur", "staff_count", "margin_eur",
                "lifetime_value_eur", "potential_value_eur", "abc_class"):
        assert plan.header[key] == row[key]
    assert plan.header["partnership_manager"] == "Anna Aalto"
    assert plan.as_of == dt.date(2024, 3, 1)


def test_critical_services_come_from_the_application_register(plan):
    services = plan.sections["critical_services"]
    assert services["application"].tolist() == ["Himble LogUs", "Legasos"]
    assert services["maintenance"].tolist() == ["IT", "Ulkoinen"]
    assert services["updates_per_year"].tolist() == [2, 1]


def test_recurring_events_hold_the_clock_updates_and_replacements(plan):
    events = plan.sections["recurring_events"]
    assert events["month"].min() == dt.date(2024, 4, 1)
    assert events["month"].max() <= dt.date(2025, 3, 1)
    clock = events[events["kind"] == "annual_clock"]
    assert len(clock) == len(labels.ANNUAL_CLOCK)
    updates = events[events["kind"] == "application_update"]
    assert sorted(updates["month"].map(lambda d: (d.year, d.month))) == [
        (2024, 4), (2024, 5), (2024, 7), (2024, 9), (2024, 10), (2024, 11), (2025, 1)]
    devices = events[events["kind"] == "device_replacement"]
    assert devices["month"].tolist() == [dt.date(2024, 6, 1), dt.date(2025, 2, 1)]


def test_charge_change_parts_add_up_to_the_change(plan):
    parts = careplan_data.waterfall_parts(plan.changes).set_index("part")["amount_eur"]
    effects = parts.drop(["previous_value_eur", "current_value_eur"]).sum()
    assert parts["previous_value_eur"] + effects == pytest.approx(parts["current_value_eur"])
    assert parts["current_value_eur"] == pytest.approx(plan.header["current_value_eur"])
    fig = charts_careplan.charge_waterfall(
        careplan_data.waterfall_parts(plan.changes), "fi", {})
    assert fig.data[0].type == "waterfall" and list(fig.data[0].measure)[-1] == "total"


def test_device_ages_and_next_years_cost(plan):
    ages = plan.device_ages
    assert ages["devices"].sum() == 4  # the inactive device is not counted
    assert ages["due_next_year"].sum() == 2
    assert ages["replacement_cost_next_year_eur"].sum() == 2 * REPLACEMENT_EUR


def test_annual_clock_is_a_twelve_month_polar_chart(plan):
    fig = charts_careplan.annual_clock(plan.sections["recurring_events"], "fi",
                                       labels.EVENT_KINDS["fi"])
    assert [trace.type for trace in fig.data] == ["barpolar"] * 3
    assert len(fig.data[0].theta) == 12 and fig.data[0].theta[0] == "tammikuu"
    assert fig.layout.polar.angularaxis.direction == "clockwise"


def test_manager_view_combines_customers_and_lists_shared_events_once(warehouse):
    customers = careplan.manager_customers(DB, "Anna Aalto")
    assert customers["customer_id"].tolist() == ["C001", "C003"]
    events = careplan_data.events(DB, customers, overview.as_of_month(DB), shared_once=True)
    budget = events[events["what"] == "Budjettitapaaminen"]
    assert sorted(budget["customer_id"]) == ["C001", "C001", "C003", "C003"]
    fair = events[events["what"] == "IT-messut"]
    assert len(fair) == 1 and fair["customer_name"].iloc[0] == "Kaikki asiakkaat"


def test_ics_parses_back_with_every_event(warehouse):
    customers = careplan.manager_customers(DB, "Anna Aalto")
    events = careplan_data.events(DB, customers, overview.as_of_month(DB), shared_once=True)
    calendar = Calendar.from_ical(ics.calendar(events, "Vuosikello – Anna Aalto"))
    parsed = calendar.walk("VEVENT")
    assert len(parsed) == len(events)
    assert len({str(event["UID"]) for event in parsed}) == len(parsed)
    starts = sorted(event.decoded("DTSTART") for event in parsed)
    assert starts[0] == dt.date(2024, 4, 1) and starts[-1] <= dt.date(2025, 3, 1)
    summaries = {str(event["SUMMARY"]) for event in parsed}
    assert "Päivitys: Himble LogUs – Kasvatus ja opetus" in summaries
    assert str(calendar["X-WR-CALNAME"]) == "Vuosikello – Anna Aalto"
