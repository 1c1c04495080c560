"""The budget page on the fixture's dbt-built warehouse, and the finance office's XLSX."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import budget, engine
from dashboard.report import budget_export

DB = engine.cached()  # the pages' reader: the served, cached engine

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def app_env(budget_warehouse, monkeypatch):
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(budget_warehouse.warehouse))
    monkeypatch.setenv("ASIAKASTIETO_CAREPLANS", str(budget_warehouse.careplan_store))
    engine.clear_cache()
    return budget_warehouse


def test_budget_page_shows_lines_and_accuracy(app_env):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["customer"] = "A001"
    at.run()
    at.switch_page("app_pages/budget.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Budjettiehdotus 2026"
    labels = [m.label for m in at.metric]
    assert "Ehdotus 2026" in labels
    assert any(b.label == "Tallenna ohitus" for b in at.button)


def test_finance_xlsx_layout(app_env):
    export = budget.finance_export(DB, ("A001", "A003"))
    lines = budget.proposal_lines(DB, ("A001", "A003"))
    book = openpyxl.load_workbook(io.BytesIO(budget_export.workbook_bytes(export, lines)))
    sheet = book["Budjetti"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["Asiakas", "Asiakastunnus", "Kustannuspaikka / SAP-asiakasnro",
                          "Tunnuksen laji", "Palvelu", "Suoritelaji"]
    assert header[6:] == [*budget_export.MONTHS_FI, "Vuosi yhteensä"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(export)
    for row in rows:
        assert isinstance(row[18], int | float)
        assert row[18] == pytest.approx(sum(row[6:18]), abs=0.005)
    assert {row[2] for row in rows} == {"2101010", "50001"}
    assert book["Perustelut"].max_row == len(lines) + 1


def test_budget_page_warns_that_a_proposal_needs_classification(budget_warehouse, tmp_path,
                                                                 monkeypatch):
    """A customer with charges whose code the catalogue lacks: the proposal misses them, and
    the page says so with the euros instead of presenting it as complete."""
    import shutil

    import duckdb

    from warehouse.formats import fmt_eur

    copy = tmp_path / "wh.duckdb"
    shutil.copy(budget_warehouse.warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("UPDATE budget_proposals SET needs_classification = true "
                    "WHERE customer_id = 'A001'")
        con.execute("UPDATE customers SET needs_classification = true, "
                    "unclassified_eur = 321.5 WHERE customer_id = 'A001'")
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(copy))
    monkeypatch.setenv("ASIAKASTIETO_CAREPLANS", str(budget_warehouse.careplan_store))
    engine.clear_cache()
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["customer"] = "A001"
    at.run()
    at.switch_page("app_pages/budget.py").run()
    assert not at.exception, [e.value for e in at.exception]
    (warning,) = [w.value for w in at.warning if "luokittelua tarvitaan" in w.value]
    assert "puutteellinen" in warning and fmt_eur(321.5, "fi") in warning


def _page_rules():
    """tests/dashboard/page_rules.py by path (the tests dirs are not packages)."""
    import importlib.util
    import sys

    module = sys.modules.get("page_rules")
    if module is None:
        path = Path(__file__).resolve().parents[1] / "dashboard" / "page_rules.py"
        spec = importlib.util.spec_from_file_location("page_rules", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["page_rules"] = module
        spec.loader.exec_module(module)
    return module


def test_budget_page_in_english(app_env):
    """The lines in English: services by their English names, each line's kind and its
    explanation built in English (`explanation_en`), no Finnish, ids or float noise in the
    formatted cells; the months chart with titled axes and named series."""
    import json

    import duckdb
    import pyarrow as pa

    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["customer"] = "A001"
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("app_pages/budget.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Budget proposal 2026"
    styler = at.dataframe[0].proto.arrow_data.styler
    lines = pa.ipc.open_stream(styler.display_values).read_pandas()
    assert list(lines.columns) == ["Service", "Line", "What changed", "Amount", "Reason"]
    assert lines["Reason"].str.startswith("Charged ").any()
    with duckdb.connect(str(app_env.warehouse), read_only=True) as con:  # the data's names
        names = [r[0] for r in con.execute(
            "SELECT customer_name FROM customers UNION SELECT detail FROM budget_proposal_lines"
            " UNION SELECT application FROM customer_applications").fetchall()]
    names.append("Johtaja")  # who saved the price proposal (tests/budget/fixture_budget.py)
    rules = _page_rules()
    found = rules.findings(lines.to_csv(index=False), "en", rules.Words.of(names))
    assert not found, found
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert figure["layout"]["xaxis"]["title"]["text"] == "Month"
    assert [trace["name"] for trace in figure["data"]] == ["Proposal", "Run-rate 12 months / 12"]


def test_a_saved_override_is_followed_into_the_figures(app_env, tmp_path, monkeypatch):
    """Saving says so and then follows the save until the warehouse the page reads shows it
    (no follower runs here, so it stays on its way; warehouse/edits/ publishes it). The
    warehouse was built from another store with more changes: that is not this save."""
    from warehouse.careplans import CarePlanStore

    store_path = tmp_path / "careplans.sqlite"
    monkeypatch.setenv("ASIAKASTIETO_CAREPLANS", str(store_path))
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["customer"] = "A001"
    at.run()
    at.switch_page("app_pages/budget.py").run()
    form_why = next(a for a in at.text_area if a.label == "Perustelu")
    form_why.input("Sopimus muuttui")
    next(b for b in at.button if b.label == "Tallenna ohitus").click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = CarePlanStore(store_path).entries("A001", "budget_override")
    assert [e.fields["justification"] for e in saved] == ["Sopimus muuttui"]
    assert any("Ohitus tallennettu" in t.value for t in at.toast)
    assert any("Päivitetään tallennuksesi lukuihin" in c.value for c in at.caption)
