"""A steward takes a bad file back out: its rows move to quarantine, nothing is lost."""

import duckdb
from typer.testing import CliRunner

from tests.dbt.fixture_raw import build_raw
from warehouse.cli import app
from warehouse.config import raw_path_for

runner = CliRunner()


def test_retract_moves_rows_to_quarantine_and_says_why(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    raw = build_raw(raw_path_for(warehouse))
    result = runner.invoke(app, ["retract", "L2", "--reason", "kesäkuun ajo katkesi",
                                 "--user", "Tiina", "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    assert "2 rows moved" in result.output
    with duckdb.connect(str(raw), read_only=True) as con:
        assert con.execute("select count(*) from raw_sap_charges where load_id = 'L2'"
                           ).fetchone() == (0,)
        status, message = con.execute("select status, message from load_audit "
                                      "where load_id = 'L2'").fetchone()
        rows = con.execute("select row_number, reason, raw_row from quarantine "
                           "where load_id = 'L2' order by row_number").fetchall()
    assert status == "retracted" and "Tiina: kesäkuun ajo katkesi" in message
    assert [r[0] for r in rows] == [2, 3]
    assert '"document_number":"100007"' in rows[1][2].replace(" ", "")


def test_retract_needs_a_reason_and_a_loaded_file(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    build_raw(raw_path_for(warehouse))
    args = ["--warehouse", str(warehouse), "--reason"]
    assert "say why" in runner.invoke(app, ["retract", "L2", *args, " "]).output
    assert "no load 'L99'" in runner.invoke(app, ["retract", "L99", *args, "x"]).output
    assert runner.invoke(app, ["retract", "L2", *args, "x"]).exit_code == 0
    again = runner.invoke(app, ["retract", "L2", *args, "x"])
    assert again.exit_code == 1 and "is retracted" in again.output


def test_a_retracted_file_is_not_loaded_again(tmp_path):
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    (landing / "sap_headcount").mkdir(parents=True)
    (landing / "sap_headcount" / "hr.csv").write_text(
        "Poimintapäivä;Kustannuspaikka;Henkilöstömäärä\n31.3.2025;2101010;12\n",
        encoding="utf-8")
    args = ["--landing", str(landing), "--warehouse", str(warehouse)]
    assert runner.invoke(app, ["ingest", *args]).exit_code == 0
    with duckdb.connect(str(raw_path_for(warehouse)), read_only=True) as con:
        (load_id,) = con.execute("select load_id from load_audit").fetchone()
    assert runner.invoke(app, ["retract", load_id, "--reason", "väärä kuukausi",
                               "--warehouse", str(warehouse)]).exit_code == 0
    assert runner.invoke(app, ["ingest", *args]).exit_code == 0
    with duckdb.connect(str(raw_path_for(warehouse)), read_only=True) as con:
        assert con.execute("select count(*) from raw_sap_headcount").fetchone() == (0,)
        assert con.execute("select count(*) from load_audit").fetchone() == (1,)
