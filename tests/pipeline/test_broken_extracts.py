"""Broken extracts stop `refresh` with messages a data steward can act on; nothing is published."""

import shutil

from typer.testing import CliRunner

from ingest.demo.faults import write_broken_variants
from tests.installations import copy_installation
from warehouse.cli import app

BROKEN = {
    # file → what the output must say about it
    "missing_column.csv": "amount",
    "truncated_no_end_rule.txt": "export it again completely",
    "cut_last_line.csv": "export it again completely",
    "mojibake.csv": "mojibake",
    "zero_bytes.txt": "zero_bytes.txt",
}


def test_broken_extracts_fail_the_refresh_and_keep_the_last_good_warehouse(demo, tmp_path):
    landing, warehouse = copy_installation(demo, tmp_path)
    variants = tmp_path / "variants"
    write_broken_variants(variants)
    for name in BROKEN:
        shutil.copy(variants / name, landing / "sap_charges" / name)
    # Codes Excel turned into scientific notation, and a posting repeated within one file.
    (landing / "sap_charges" / "excel_mangled.csv").write_text(
        "Tilikausi;Kausi;Tositenumero;Tositerivi;Kustannuspaikka;Summa;Kirjauspvm\n"
        + "".join(f"2026;10;77{i:05d};1;2,10101E+06;10,00;31.10.2026\n" for i in range(20)),
        encoding="cp1252")
    (landing / "sap_charges" / "duplicated.csv").write_text(
        "Tilikausi;Kausi;Tositenumero;Tositerivi;Kustannuspaikka;Summa;Kirjauspvm\n"
        + "2026;10;7800001;1;2101010;10,00;31.10.2026\n" * 2, encoding="cp1252")
    before = warehouse.read_bytes()

    result = CliRunner().invoke(app, ["refresh", "--landing", str(landing),
                                      "--warehouse", str(warehouse)], terminal_width=200)

    assert result.exit_code == 4, result.output  # rejected files: nothing published
    output = " ".join(result.output.split())
    for name, hint in BROKEN.items():
        assert name in output, name
        assert hint.lower() in output.lower(), (name, hint)
    for name in ("excel_mangled.csv", "duplicated.csv"):
        assert name in output, name
    assert warehouse.read_bytes() == before, "the last good warehouse stays published"
