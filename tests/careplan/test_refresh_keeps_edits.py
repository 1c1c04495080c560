"""What people typed survives `asiakastieto refresh`, and the next build reads it as a source."""

from __future__ import annotations

import duckdb
import openpyxl
import pytest
from typer.testing import CliRunner

from tests.installations import copy_installation
from warehouse.careplans import CarePlanStore
from warehouse.cli import app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(demo_city, tmp_path_factory):
    """A copy of the session's demo city (tests/installations.py) of this module's own: its
    tests type into the care-plan store and refresh."""
    root = tmp_path_factory.mktemp("careplan_demo")
    landing, warehouse = copy_installation(demo_city, root)
    return root, landing, warehouse


def _customer(warehouse, sql="SELECT * FROM customers ORDER BY current_value_eur DESC LIMIT 1"):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        frame = con.sql(sql).df()
    return frame.iloc[0]


def test_an_edit_persists_across_refresh_and_reaches_the_customers_mart(demo, monkeypatch):
    root, landing, warehouse = demo
    monkeypatch.setenv("ASIAKASTIETO_CAREPLANS", str(root / "careplans.sqlite"))
    store = CarePlanStore(root / "careplans.sqlite")
    top = _customer(warehouse)
    score = 10 if top["potential_score"] != 10 else 2
    store.save_single(top["customer_id"], "potential", {"score": score, "justification": "k"},
                      expected_version=0, user=top["partnership_manager"])
    project = store.add(top["customer_id"], "projects", {"name": "Sähköinen työpöytä"},
                        user=top["partnership_manager"])
    result = CliRunner().invoke(app, ["refresh", "--landing", str(landing), "--warehouse",
                                      str(warehouse)])
    # No new extract ("nothing new", 3), but the rebuild reads the care plans as they are now.
    assert result.exit_code == 3, result.output
    assert store.get(project.entry_id).fields["name"] == "Sähköinen työpöytä"
    assert store.single(top["customer_id"]).fields["score"] == score
    after = _customer(warehouse)
    assert after["customer_id"] == top["customer_id"]
    assert after["potential_score"] == score
    with duckdb.connect(str(warehouse), read_only=True) as con:
        source = con.execute(
            "SELECT potential_score_source FROM intermediate.int_customer_potential_scores"
            " WHERE customer_id = ?", [top["customer_id"]]).fetchone()[0]
    assert source == "careplan"


def test_report_cli_writes_the_marts_numbers(demo, monkeypatch, tmp_path):
    root, _, warehouse = demo
    monkeypatch.setenv("ASIAKASTIETO_CAREPLANS", str(root / "careplans.sqlite"))
    top = _customer(warehouse)
    out = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(app, ["report", "--customer", top["customer_id"], "--format",
                                      "xlsx", "--output", str(out), "--warehouse",
                                      str(warehouse)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Perustiedot"]
    numbers = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    assert numbers["Veloitukset 12 kk (€)"] == pytest.approx(float(top["current_value_eur"]))
    assert numbers["Muutos (€)"] == pytest.approx(float(top["value_change_eur"]))
    assert numbers["Kate (€)"] == pytest.approx(float(top["margin_eur"]))
    missing = CliRunner().invoke(app, ["report", "--customer", "NOPE", "--output",
                                       str(tmp_path / "x.pdf"), "--warehouse", str(warehouse)])
    assert missing.exit_code == 1 and "no customer" in missing.output
