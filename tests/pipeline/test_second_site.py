"""An unseen IT centre's first day: before its site is configured the refresh publishes no
figure; after the steps of docs/onboarding.md every figure equals the site's truth."""

from decimal import Decimal

import duckdb
import pytest
from typer.testing import CliRunner

from tests.pipeline.second_site import AMOUNT_HEADER, AS_OF, add_labels, configure, write_extracts
from warehouse.cli import app
from warehouse.site import create_site, read_history

runner = CliRunner()


def _refresh(landing, warehouse, site):
    return runner.invoke(app, ["refresh", "--landing", str(landing), "--warehouse",
                               str(warehouse), "--site", str(site)])


@pytest.fixture(scope="module")
def second_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("second_site")
    landing, warehouse, site = root / "landing", root / "wh.duckdb", root / "site"
    truth = write_extracts(landing)
    steps = {"no_site": _refresh(landing, warehouse, site),
             "no_site_published": warehouse.exists()}
    create_site(site, name="Satamakaupungin tietohallinto")
    steps["defaults"] = _refresh(landing, warehouse, site)
    steps["defaults_published"] = warehouse.exists()
    add_labels(site)
    steps["labels"] = _refresh(landing, warehouse, site)
    steps["labels_published"] = warehouse.exists()
    configure(site)
    steps["configured"] = _refresh(landing, warehouse, site)
    return {"truth": truth, "steps": steps, "warehouse": warehouse, "site": site}


def test_without_a_site_folder_nothing_is_landed_or_published(second_site):
    result = second_site["steps"]["no_site"]
    assert result.exit_code == 1
    assert "no site configuration" in result.output and "asiakastieto setup" in result.output
    assert not second_site["steps"]["no_site_published"]


def test_an_unknown_header_rejects_the_file_and_says_how_to_add_a_site_label(second_site):
    result = second_site["steps"]["defaults"]
    assert result.exit_code == 4, result.output  # a file was rejected: nothing published
    out = "".join(result.output.split())
    assert "charges_export.csv" in out and "rejected" in out
    assert "amount" in out and "labels.csv" in out
    assert "sap_chargeshasnorows" in out  # the required source: nothing published
    assert not second_site["steps"]["defaults_published"]


def test_with_its_label_but_no_catalogue_unknown_codes_fail_the_refresh(second_site):
    result = second_site["steps"]["labels"]
    assert result.exit_code == 5, result.output  # a critical check failed
    out = " ".join(result.output.split())
    assert "service catalogue" in out and AMOUNT_HEADER not in out
    for code in ("WS01", "NET9", "EXP7"):
        assert code in out
    assert not second_site["steps"]["labels_published"]


def test_configured_site_publishes_exact_figures(second_site):
    result = second_site["steps"]["configured"]
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(second_site["warehouse"]), read_only=True) as con:
        rows = con.execute(
            "select customer_id, current_value_eur, previous_value_eur, active_devices, "
            "needs_classification, as_of_month::varchar from customers order by 1").fetchall()
        unbilled = dict(con.execute(
            "select customer_id, unbilled_eur from billing_reconciliation "
            "where month = ?", [AS_OF]).fetchall())
        unclassified = con.execute("select count(*) from unclassified_charges").fetchone()[0]
        senders_as_customers = con.execute(
            "select count(*) from unmapped_records where raw_value like '9050%'").fetchone()[0]
        # no sap_costs extract: the margin rests on the catalogue's unit costs, said so
        bases = con.execute("select distinct cost_basis from customers union all "
                            "select distinct cost_basis from customer_profitability_monthly"
                            ).fetchall()
        costs = con.execute("select (select count(*) from centre_costs_monthly), "
                            "(select count(*) from unallocated_costs), "
                            "(select sum(cost_to_serve_eur) - sum(catalogue_cost_eur) "
                            "from customer_service_costs_monthly)").fetchone()
    truth = second_site["truth"]
    assert [r[0] for r in rows] == sorted(truth)
    for cid, current, previous, devices, needs, as_of in rows:
        assert current == truth[cid]["current_value_eur"], cid
        assert previous == truth[cid]["previous_value_eur"], cid
        assert devices == truth[cid]["active_devices"], cid
        assert not needs and as_of == AS_OF
        assert unbilled[cid] == truth[cid]["unbilled_eur"], cid
    assert unbilled["K13"] == Decimal("80.00")
    assert unclassified == 0 and senders_as_customers == 0
    assert set(bases) == {("catalogue",)} and costs == (0, 0, 0)


def test_the_site_history_records_the_configuration(second_site):
    history = read_history(second_site["site"])
    changed = {(e["file"], e["key"]) for e in history}
    assert ("service_catalogue", "WS01") in changed
    assert ("sender_cost_centres", "9050*") in changed
    with duckdb.connect(str(second_site["warehouse"]), read_only=True) as con:
        assert con.execute("select count(*) from site_changes "
                           "where changed_key = 'WS01'").fetchone()[0] == 1
