""""Nothing" is never success: an empty or misshapen landing folder, a source the site requires
that has no rows, a source whose every file was retracted: each fails, and nothing is published.
"""

import shutil

from typer.testing import CliRunner

from ingest.sources import SOURCES
from warehouse.cli import app


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
        assert sorted(p.name for p in tmp_path.iterdir()) == ["landing"], \
            "neither a warehouse nor a raw store is written"


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


def _copy_installation(demo, root):
    s = demo["settings"]
    landing, warehouse = root / "landing", root / "wh.duckdb"
    shutil.copytree(s.landing, landing)
    shutil.copy(s.warehouse, warehouse)
    shutil.copy(s.raw, root / "wh.raw.duckdb")
    return landing, warehouse


def test_an_empty_landing_folder_is_fine_once_the_raw_store_has_data(demo, tmp_path):
    _, warehouse = _copy_installation(demo, tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()

    result, _ = _run("ingest", "--landing", empty, "--warehouse", warehouse)

    assert result.exit_code == 0, result.output
