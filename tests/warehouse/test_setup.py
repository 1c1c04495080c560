"""`asiakastieto setup` on the demo city's extracts with an incomplete site: the report, the
draft, and accepting it (or refusing an invalid edit) through the CLI."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from ingest.parsing import load_macros
from warehouse.cli import app
from warehouse.formats import fmt_eur
from warehouse.site import load_site, read_history

runner = CliRunner()


@pytest.fixture
def demo(incomplete_setup) -> dict:
    """`setup` run once a session on the incomplete demo (tests/warehouse/setup_demo.py); the
    tests read it and change only copies."""
    return incomplete_setup


@pytest.fixture
def site_copy(demo, tmp_path) -> Path:
    """A site of this test's own, with a fresh draft from the landed extracts."""
    site = tmp_path / "site"
    shutil.copytree(demo["site"], site, ignore=shutil.ignore_patterns("draft"))
    result = runner.invoke(app, ["setup", "--no-ingest", "--warehouse", str(demo["warehouse"]),
                                 "--site", str(site)])
    assert result.exit_code == 0, result.output
    return site


def _draft(site: Path, name: str) -> list[dict]:
    with (site / "draft" / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _receiver_sum(raw: Path, code: str):
    with duckdb.connect(str(raw), read_only=True) as con:
        load_macros(con)
        return con.execute(
            "SELECT sum(fi_amount(amount)) FROM raw_sap_charges WHERE upper(activity_type) = ? "
            "AND norm_code(cost_centre) NOT LIKE '1310%'", [code]).fetchone()[0]


def test_report_lists_the_missing_codes_with_their_euros(demo):
    output = demo["output"]
    for code in ("TYOAS", "VERKKO"):
        assert code in output
        assert fmt_eur(_receiver_sum(demo["raw"], code)) in output
    assert output.index("TYOAS") < output.index("VERKKO"), "largest euros first"
    assert "PUHEL " not in output, "known codes are not listed"


def test_report_lists_the_actual_cost_lines_no_rule_puts_in_a_pool(demo):
    """The demo's development cost centre has no cost_pools rule: its lines would stay
    unallocated, listed with their euros; the team cost centres' lines are all pooled."""
    output = demo["output"]
    assert "5. Actual cost lines no cost_pools rule puts in a pool" in output
    section = output[output.index("5. Actual cost lines"):]
    with duckdb.connect(str(demo["raw"]), read_only=True) as con:
        load_macros(con)
        per_element = con.execute(
            "SELECT element, sum(e) FROM (SELECT norm_code(cost_element) AS element, "
            "any_value(fi_amount(amount)) AS e FROM raw_sap_costs "
            "WHERE norm_code(cost_centre) = '1310900' GROUP BY fiscal_year, "
            "norm_code(document_number), norm_code(posting_row), element) GROUP BY 1"
        ).fetchall()
    assert len(per_element) == 3 and "1310410" not in section
    for element, total in per_element:
        assert element in section and fmt_eur(total) in section, element


def test_draft_suggests_a_catalogue_row_for_each_code(demo):
    rows = {r["activity_type"]: r for r in _draft(demo["site"], "service_catalogue")}
    assert set(rows) == {"TYOAS", "VERKKO"}
    tyoas = rows["TYOAS"]
    assert tyoas["service"] == "device_phone"
    assert (tyoas["unit"], tyoas["unit_price_eur"]) == ("kpl", "42.00")
    assert tyoas["invoice_text_prefix"] == "Työasemapalvelu"
    assert 0.5 <= float(tyoas["confidence"]) < 1
    assert "Työasemapalvelu" in tyoas["evidence"]
    assert rows["VERKKO"]["unit_price_eur"] == "18.00"


def test_the_1310_cost_centres_are_found_as_senders(demo):
    assert [r["cost_centre"] for r in _draft(demo["site"], "sender_cost_centres")] == ["1310*"]
    assert "1310*" in demo["output"]


def test_drafts_never_change_the_live_site(demo):
    codes = {r["activity_type"] for r in load_site(demo["site"]).tables["service_catalogue"]}
    assert not codes & {"TYOAS", "VERKKO"}
    assert load_site(demo["site"]).tables["sender_cost_centres"] == []


def test_accept_restores_a_valid_site_and_says_who_accepted(site_copy):
    result = runner.invoke(app, ["setup", "--accept", "--by", "Sari Steward", "--site",
                                 str(site_copy), "--warehouse", str(site_copy.parent / "w.duckdb")])
    assert result.exit_code == 0, result.output
    site = load_site(site_copy)
    codes = {r["activity_type"]: r for r in site.tables["service_catalogue"]}
    assert codes["TYOAS"]["unit_price_eur"] == "42.00"
    assert "confidence" not in codes["TYOAS"]
    assert [r["cost_centre"] for r in site.tables["sender_cost_centres"]] == ["1310*"]
    accepted = [e for e in read_history(site_copy) if e["via"] == "setup: accepted suggestion"]
    assert {e["key"] for e in accepted} == {"TYOAS", "VERKKO", "1310*"}
    assert {e["by"] for e in accepted} == {"Sari Steward"}
    assert not (site_copy / "draft" / "service_catalogue.csv").exists(), "the rows moved"


def test_an_edited_row_is_accepted_as_edited(site_copy):
    path = site_copy / "draft" / "service_catalogue.csv"
    text = path.read_text(encoding="utf-8").replace(",device_phone,Työasemapalvelu,",
                                                    ",workstation,Työasemapalvelu,", 1)
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["setup", "--accept", "--site", str(site_copy)])
    assert result.exit_code == 0, result.output
    codes = {r["activity_type"]: r for r in load_site(site_copy).tables["service_catalogue"]}
    assert codes["TYOAS"]["service"] == "workstation"


def test_an_invalid_edit_is_refused_naming_file_and_row(site_copy):
    path = site_copy / "draft" / "service_catalogue.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    rows[2] = rows[2].replace(",18.00,", ",kahdeksantoista,", 1)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    before = (site_copy / "service_catalogue.csv").read_bytes()
    result = runner.invoke(app, ["setup", "--accept", "--site", str(site_copy)],
                           env={"COLUMNS": "300"})
    assert result.exit_code == 1
    assert "service_catalogue.csv: row 3, field unit_price_eur" in result.output
    assert "site is unchanged" in result.output
    assert (site_copy / "service_catalogue.csv").read_bytes() == before
    assert path.exists(), "the draft stays for fixing"


def test_a_row_already_in_the_site_is_refused(site_copy):
    path = site_copy / "draft" / "sender_cost_centres.csv"
    path.write_text("cost_centre,name\n1310*,IT\n", encoding="utf-8")
    (site_copy / "sender_cost_centres.csv").write_text("cost_centre,name\n1310*,IT\n",
                                                       encoding="utf-8")
    result = runner.invoke(app, ["setup", "--accept", "--site", str(site_copy)],
                           env={"COLUMNS": "300"})
    assert result.exit_code == 1
    assert "sender_cost_centres.csv: row 2" in result.output and "already" in result.output


def test_setup_creates_a_missing_site_from_the_defaults(demo, tmp_path):
    site = tmp_path / "new-site"
    result = runner.invoke(app, ["setup", "--no-ingest", "--warehouse", str(demo["warehouse"]),
                                 "--site", str(site)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "created it from the defaults" in result.output
    assert load_site(site).tables["service_catalogue"] == []
    assert (site / "draft" / "service_catalogue.csv").exists()
