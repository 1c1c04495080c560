"""A refresh validates only new loads; carried results and scores equal a full validation."""

import json
import shutil

import duckdb
import pandas as pd
import pytest

from dashboard.data import docs
from expectations import batches, run_checks, suites
from ingest.demo import write_site
from ingest.parsing import load_macros
from tests.dbt.fixture_raw import build_raw
from warehouse import stages
from warehouse.config import settings

# One more charges file: L1's lines under new document numbers (its unknown cost centres fail
# the master check, so the new load has failing rows of its own).
NEW_LOAD = """
insert into raw_sap_charges select * replace ('L9' as load_id, 'ksb1_3.txt' as file_name,
    '9' || document_number as document_number) from raw_sap_charges where load_id = 'L1';
insert into load_audit select * replace ('L9' as load_id, 'ksb1_3.txt' as file_name,
    'sha9' as sha256, loaded_at + interval 1 day as loaded_at) from load_audit
where load_id = 'L1'"""
# A newer cost-centre master that knows 4409001: the charges' master check changes with it.
NEW_MASTER = """
insert into raw_sap_cost_centres select * replace ('L10' as load_id, 'csks_2.txt' as file_name)
from raw_sap_cost_centres where load_id = 'L4';
insert into raw_sap_cost_centres (load_id, file_name, row_number, cost_centre, valid_from,
    valid_to) values ('L10', 'csks_2.txt', '99', '4409001', '01.01.2020', '31.12.9999');
insert into load_audit select * replace ('L10' as load_id, 'csks_2.txt' as file_name,
    'sha10' as sha256) from load_audit where load_id = 'L4'"""
NOT_COMPARED = ["run_id", "run_at", "validated_run_id"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The clean fixture raw store, and a warehouse built with the new load in it."""
    root = tmp_path_factory.mktemp("reuse")
    clean = build_raw(root / "clean.raw.duckdb")
    s = settings(root / "full" / "wh.duckdb")
    s.warehouse.parent.mkdir()
    shutil.copy(clean, s.raw)
    write_site(s.site)
    _execute(s.raw, NEW_LOAD)
    stages.build(s)
    return clean, s


def _execute(raw, sql: str) -> None:
    with duckdb.connect(str(raw)) as con:
        con.execute(sql)


def _setup(tmp_path, name: str, raw, warehouse):
    s = settings(tmp_path / name / "wh.duckdb")
    s.warehouse.parent.mkdir()
    shutil.copy(raw, s.raw)
    shutil.copy(warehouse, s.warehouse)
    write_site(s.site)
    return s


def _validated_by(report) -> dict[str, set]:
    """Run that validated each landed load: "this" run or "earlier"."""
    landed = report.results.dropna(subset=["suite_version"])
    this = landed["validated_run_id"] == landed["run_id"]
    return {"this": set(landed[this]["load_id"]), "earlier": set(landed[~this]["load_id"])}


def test_a_refresh_validates_only_the_new_load(tmp_path, built):
    clean, full = built
    s = _setup(tmp_path, "inc", clean, full.warehouse)
    first = run_checks(s, s.warehouse)
    assert _validated_by(first) == {"this": {f"L{i}" for i in range(1, 9)}, "earlier": set()}
    again = run_checks(s, s.warehouse)
    assert _validated_by(again) == {"this": set(), "earlier": {f"L{i}" for i in range(1, 9)}}
    # Their stored validation results are still pages of this run's Data Docs.
    pages = {p.stem for p in (s.data_docs / "validations" / "sap_charges").rglob("*.html")}
    assert pages == {"ksb1_1.txt-L1-0", "ksb1_2.txt-L2-0"}
    _execute(s.raw, NEW_LOAD)
    third = run_checks(s, s.warehouse)
    assert _validated_by(third) == {"this": {"L9"}, "earlier": {f"L{i}" for i in range(1, 9)}}
    # The earlier results are carried under this run's id: the warehouse shows every load.
    with duckdb.connect(str(s.warehouse), read_only=True) as con:
        loads = {r[0] for r in con.execute("select distinct load_id from data_quality_results "
                                           "where is_latest_run and suite_version is not null")
                 .fetchall()}
    assert loads == {f"L{i}" for i in range(1, 10)}


def test_a_changed_suite_validates_its_source_again(tmp_path, built, monkeypatch):
    clean, full = built
    s = _setup(tmp_path, "suite", clean, full.warehouse)
    run_checks(s, s.warehouse)
    stricter = suites.sap_invoices()
    stricter.expectations[0].description = "Invoices without a document number are refused."
    monkeypatch.setattr(suites, "sap_invoices", lambda: stricter)
    report = run_checks(s, s.warehouse)
    assert _validated_by(report)["this"] == {"L3"}  # the invoices file, and nothing else


def test_a_new_cost_centre_master_validates_charges_again(tmp_path, built):
    clean, full = built
    s = _setup(tmp_path, "master", clean, full.warehouse)
    run_checks(s, s.warehouse)
    _execute(s.raw, NEW_MASTER)
    report = run_checks(s, s.warehouse)
    assert _validated_by(report)["this"] == {"L1", "L2", "L10"}
    (master,) = [r for r in report.warnings if r["column_name"] == "in_master"]
    assert "4409001" not in master["failing_examples"]


def _landed_results(report) -> pd.DataFrame:
    r = report.results
    # load_audit covers loads no earlier run recorded, so it differs by design; the rest not.
    r = r[r["suite_version"].notna() | ~r["source"].isin(batches.BATCH_SQL)]
    keys = ["source", "load_id", "expectation", "column_name", "severity", "description"]
    r = r.drop(columns=NOT_COMPARED).sort_values(keys).reset_index(drop=True).astype(object)
    return r.where(r.notna(), None)


def _scores(warehouse) -> tuple[list, list]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        by_source = con.execute("select source, records, records_passing, score_pct "
                                "from data_quality_scores_by_source order by 1").fetchall()
        by_customer = con.execute("select * from data_quality_scores_by_customer "
                                  "order by 1").fetchall()
    return by_source, by_customer


def test_reused_results_and_scores_equal_a_full_validation(tmp_path, built):
    clean, full = built
    inc = _setup(tmp_path, "inc", clean, full.warehouse)
    run_checks(inc, inc.warehouse)
    _execute(inc.raw, NEW_LOAD)
    incremental = run_checks(inc, inc.warehouse)
    whole = _setup(tmp_path, "whole", full.raw, full.warehouse)
    complete = run_checks(whole, whole.warehouse)
    assert _validated_by(incremental)["earlier"] and not _validated_by(complete)["earlier"]
    pd.testing.assert_frame_equal(_landed_results(incremental), _landed_results(complete),
                                  check_dtype=False)
    by_source, by_customer = _scores(inc.warehouse)
    assert (by_source, by_customer) == _scores(whole.warehouse)
    assert any(r[2] < r[1] for r in by_customer)  # some customer has failing records
    assert ("sap_charges", 16, 12, 75.0) in by_source


def test_chunks_of_a_load_hold_its_rows_once(built, monkeypatch):
    _, full = built
    with duckdb.connect(str(full.raw), read_only=True) as con:
        load_macros(con)
        whole = next(batches.load_frames(con, "sap_charges", "L1", "ksb1_1.txt", 7))
        for fetch_rows in (batches.FETCH_ROWS, 0):  # split in Arrow / queried per chunk
            monkeypatch.setattr(batches, "FETCH_ROWS", fetch_rows)
            chunks = list(batches.load_frames(con, "sap_charges", "L1", "ksb1_1.txt", 7,
                                              chunk_rows=3))
            assert len(chunks) == 3
            rows = pd.concat(chunks)["row_number"].sort_values().tolist()
            assert rows == whole["row_number"].sort_values().tolist()


def test_every_check_links_to_its_page_in_the_data_docs(tmp_path, built):
    """The data page finds each result row's validation page through `checks.json`: a
    landed load's checks on that load's page, a file's audit row on the audit's page."""
    clean, full = built
    s = _setup(tmp_path, "pages", clean, full.warehouse)
    results = run_checks(s, s.warehouse).results
    pages = json.loads((s.data_docs / docs.PAGES).read_text(encoding="utf-8"))
    assert pages and all((s.data_docs / p["page"]).is_file() for p in pages)
    found = {}
    for row in results.itertuples():
        page = docs.check_page(pages, row.source, row.load_id, row.expectation, row.column_name)
        assert page is not None, (row.source, row.load_id, row.expectation, row.column_name)
        found[(row.source, row.load_id, row.expectation, row.column_name)] = page
    landed = results.dropna(subset=["suite_version"]).iloc[0]
    assert f"-{landed.load_id}-0.html" in found[
        (landed.source, landed.load_id, landed.expectation, landed.column_name)]
    audit = results[results["column_name"] == "status"].iloc[0]
    assert "/load_audit/" in found[(audit.source, audit.load_id, audit.expectation, "status")]
