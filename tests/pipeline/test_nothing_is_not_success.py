""""Nothing" is never success: an empty or misshapen landing folder, a source the site requires
that has no rows, a source whose every file was retracted: each fails, and nothing is published.
"""

import shutil

import duckdb
import pytest
from typer.testing import CliRunner

from ingest.sources import SOURCES
from tests.installations import copy_installation
from warehouse.cli import app
from warehouse.site import DEFAULTS, load_site


def _squash(text) -> str:
    """Output without any whitespace: rich wraps (and folds long paths) at 80 columns."""
    return "".join(str(text).split())


def _run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result, _squash(result.output)


def _names_every_source_folder(out: str, landing) -> None:
    for name in SOURCES:
        assert _squash(f"{landing / name}/") in out, name


def test_an_empty_landing_folder_fails_and_publishes_nothing(tmp_path):
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    (landing / "register").mkdir(parents=True)  # a source folder, but empty

    for command in ("refresh", "ingest"):
        result, out = _run(command, "--landing", landing, "--warehouse", warehouse)

        assert result.exit_code != 0, result.output
        assert "nothingtoload" in out
        _names_every_source_folder(out, landing)
        assert _squash(f"{landing / 'register'}/ (empty)") in out
        assert _squash(f"{landing / 'sap_charges'}/ (no such folder)") in out
        # The refresh records its outcome (wh_last_refresh.json); nothing else is written.
        assert sorted(p.name for p in tmp_path.iterdir() if p.name != "wh_last_refresh.json") \
            == ["landing"], "neither a warehouse nor a raw store is written"


def test_files_outside_the_source_folders_are_named(tmp_path):
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    (landing / "exports").mkdir(parents=True)
    (landing / "KSB1_2026_10.csv").write_text("Tilikausi;Kausi\n2026;10\n", encoding="utf-8")
    (landing / "exports" / "sccm.csv").write_text("Name;Domain\nPC1;KAUPUNKI\n",
                                                  encoding="utf-8")

    for command in ("refresh", "ingest"):
        result, out = _run(command, "--landing", landing, "--warehouse", warehouse)

        assert result.exit_code != 0, result.output
        _names_every_source_folder(out, landing)
        assert "KSB1_2026_10.csv:filedirectlyinthelandingfolder" in out
        assert "exports/:unknownfolder" in out
        assert not warehouse.exists()


def test_an_empty_landing_folder_is_fine_once_the_raw_store_has_data(demo, tmp_path):
    _, warehouse = copy_installation(demo, tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()

    result, _ = _run("ingest", "--landing", empty, "--warehouse", warehouse)

    assert result.exit_code == 0, result.output


def test_every_landed_source_has_a_volume_check_on_the_data_page(demo):
    with duckdb.connect(str(demo["settings"].warehouse), read_only=True) as con:
        rows = con.execute(
            "select source, severity, success, observed_value from data_quality_results "
            "where is_latest_run and column_name = 'rows,rows_needed'").fetchall()
    assert sorted(r[0] for r in rows) == sorted(SOURCES)
    assert all(severity == "critical" and success for _, severity, success, _ in rows)
    observed = {source: int(value) for source, _, _, value in rows}
    assert all(observed[s] > 0 for s in load_site(DEFAULTS).required_sources)


@pytest.mark.slow
def test_a_first_refresh_without_charges_names_the_missing_source_and_its_folder(demo,
                                                                                 tmp_path):
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    for name in ("register", "sccm"):
        shutil.copytree(demo["settings"].landing / name, landing / name)
    shutil.copytree(demo["settings"].site, tmp_path / "site")

    result, out = _run("refresh", "--landing", landing, "--warehouse", warehouse)

    assert result.exit_code == 5, result.output  # a critical check failed
    assert "sap_chargeshasnorows:thesiterequiressap_charges" in out
    assert _squash(f"{landing / 'sap_charges'}/ (no such folder)") in out
    assert "nothingwaspublished" in out
    assert not warehouse.exists()
    assert not list(tmp_path.glob("wh.duckdb.building-*"))


@pytest.mark.slow
def test_a_source_whose_every_file_was_retracted_fails_the_volume_check(demo, tmp_path):
    landing, warehouse = copy_installation(demo, tmp_path)
    raw = tmp_path / "wh.raw.duckdb"
    with duckdb.connect(str(raw), read_only=True) as con:
        loads = [r[0] for r in con.execute("select load_id from load_audit where status = "
                                           "'loaded' and source = 'sap_headcount'").fetchall()]
    assert loads
    for load_id in loads:
        result, _ = _run("retract", load_id, "--reason", "väärä poiminta",
                         "--warehouse", warehouse)
        assert result.exit_code == 0, result.output
    before = warehouse.read_bytes()

    result, out = _run("refresh", "--landing", landing, "--warehouse", warehouse)

    assert result.exit_code == 5, result.output  # a critical check failed
    assert f"{len(loads)}earlierfile(s)ofsap_headcountloaded" in out
    assert "previouswarehousestayspublished" in out
    assert warehouse.read_bytes() == before, "the last good warehouse stays published"
    with duckdb.connect(str(raw), read_only=True) as con:
        recorded = con.execute(
            "select success, observed_value from data_quality_history "
            "where source = 'sap_headcount' and column_name = 'rows,rows_needed' "
            "order by run_at desc limit 1").fetchall()
    assert recorded == [(False, "0")]
