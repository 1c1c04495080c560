"""Landing into the raw store: audit, quarantine, duplicates, rejections, snapshots, archive."""

import json
import os

import pytest
from ingest_fixtures import CHARGE_HEADER, charge_row, sap_list, write
from rich.console import Console

from ingest import RAW_TABLES, ingest_landing, raw_tables
from ingest.sources import SOURCES

SCCM_HEADER = ["Details_Table0_Name0", "Details_Table0_Hardware_ID0", "Details_Table0_LastHWScan",
               "Details_Table0_System_OU_Name0", "Details_Table0_Model0", "Details_Table0_Foo"]


def charges_csv(rows, header=CHARGE_HEADER):
    return "\r\n".join(";".join(r) for r in [header, *rows]) + "\r\n"


def test_raw_tables_and_columns(landing, run, query):
    assert raw_tables() == RAW_TABLES and len(RAW_TABLES) == 8
    run()
    cols = [r[0] for r in query("SELECT column_name FROM duckdb_columns() "
                                "WHERE table_name = 'raw_sap_charges'")]
    assert cols[:4] == ["load_id", "file_name", "row_number", "extract_date"]
    assert cols[-1] == "extra_columns" and "cost_centre" in cols
    types = {r[0] for r in query("SELECT DISTINCT data_type FROM duckdb_columns() "
                                 "WHERE table_name LIKE 'raw_%'")}
    assert types == {"VARCHAR"}


def test_sap_list_lands_with_audit(landing, run, query, settings):
    rows = [charge_row(i) for i in range(70)]
    rows[2][5] = "345,10-"
    write(landing / "sap_charges", "KSB1.txt", sap_list(CHARGE_HEADER, rows), "cp1252")
    report = run()
    assert report.ok
    f = report.files[0]
    assert (f.status, f.rows_read, f.rows_loaded, f.encoding, f.file_format) == (
        "loaded", 70, 70, "iso-8859-15", "sap_list")
    assert query("SELECT amount, cost_centre, text FROM raw_sap_charges WHERE row_number = ?",
                 [str(query("SELECT min(row_number::INT) + 2 FROM raw_sap_charges")[0][0])]
                 ) == [("345,10-", "0002101010", "Työasema 2")]
    audit = query("SELECT status, rows_read, rows_loaded, rows_quarantined, sha256, encoding "
                  "FROM load_audit")
    assert audit[0][:4] == ("loaded", 70, 70, 0)
    sha = audit[0][4]
    assert (settings.archive / sha[:2] / f"{sha}.txt").exists()


def test_same_file_twice_changes_nothing(landing, run, query):
    write(landing / "sap_charges", "a.csv", charges_csv([charge_row(i) for i in range(5)]))
    run()
    before = query("SELECT count(*) FROM raw_sap_charges")[0][0], query(
        "SELECT count(*) FROM load_audit")[0][0]
    write(landing / "sap_charges", "copy of a.csv", charges_csv([charge_row(i) for i in range(5)]))
    report = run()
    assert [f.status for f in report.files] == ["already loaded", "already loaded"]
    assert report.ok
    after = query("SELECT count(*) FROM raw_sap_charges")[0][0], query(
        "SELECT count(*) FROM load_audit")[0][0]
    assert before == after == (5, 1)


def test_overlapping_extracts_count_duplicates_and_land_rows(landing, run, query):
    write(landing / "sap_charges", "jan.csv", charges_csv([charge_row(i) for i in range(10)]))
    run()
    write(landing / "sap_charges", "feb.csv", charges_csv([charge_row(i) for i in range(6, 16)]))
    report = run()
    feb = next(f for f in report.files if f.file_name == "feb.csv")
    assert (feb.rows_loaded, feb.rows_duplicate) == (10, 4)
    assert query("SELECT count(*) FROM raw_sap_charges")[0][0] == 20
    assert query("SELECT rows_duplicate FROM load_audit WHERE file_name = 'feb.csv'") == [(4,)]


def test_invoice_duplicates_use_document_and_posting_year(landing, run):
    header = ["Asiakas", "Tositenumero", "Tositelaji", "Kirjauspvm", "Summa", "Teksti"]
    rows = [["0000123", "9000001", "DR", "31.03.2024", "1.200,00", "Työasemapalvelu, 83 kpl"],
            ["123", "9000002", "DG", "2024-04-02", "-100,00", "hyvitys"]]
    write(landing / "sap_invoices", "a.txt", "\n".join("\t".join(r) for r in [header, *rows]))
    run()
    rows2 = [["123", "9000001", "DR", "01.03.2024", "1.200,00", "x"],
             ["123", "9000002", "DG", "02.04.2025", "-100,00", "other year"]]
    write(landing / "sap_invoices", "b.txt", "\n".join("\t".join(r) for r in [header, *rows2]))
    assert run().files[-1].rows_duplicate == 1


def test_unparseable_values_go_to_quarantine(landing, run, query):
    rows = [charge_row(i) for i in range(4)]
    rows[1][5] = "12,3x"
    rows[2][4] = "2,10101E+06"
    rows[3][2] = ""
    write(landing / "sap_charges", "bad.csv", charges_csv(rows))
    f = run().files[0]
    assert (f.status, f.rows_read, f.rows_loaded, f.rows_quarantined) == ("loaded", 4, 1, 3)
    q = query("SELECT file_name, row_number, column_name, raw_value, reason, raw_row "
              "FROM quarantine ORDER BY row_number")
    assert [r[:4] for r in q] == [("bad.csv", 3, "amount", "12,3x"),
                                  ("bad.csv", 4, "cost_centre", "2,10101E+06"),
                                  ("bad.csv", 5, "document_number", "")]
    assert q[0][4] == "not an amount" and "scientific notation" in q[1][4]
    assert q[2][4] == "required value is empty"
    assert json.loads(q[0][5])["Arvo/KLP-valuutta"] == "12,3x"
    assert query("SELECT row_number FROM raw_sap_charges") == [("2",)]


def test_missing_required_column_rejects_file_others_load(landing, run, query):
    header = [h for h in CHARGE_HEADER if h != "Arvo/KLP-valuutta"]
    rows = [[v for j, v in enumerate(charge_row(i)) if j != 5] for i in range(3)]
    write(landing / "sap_charges", "missing.csv", charges_csv(rows, header))
    write(landing / "sap_charges", "good.csv", charges_csv([charge_row(i) for i in range(3)]))
    report = run()
    assert not report.ok
    bad = report.rejected[0]
    assert bad.file_name == "missing.csv"
    for part in ("missing.csv", "amount", "Arvo/KLP-valuutta", "Val/COArea Crcy", "WKGBTR"):
        assert part in bad.message
    assert query("SELECT status, message FROM load_audit WHERE file_name = 'missing.csv'")[0][
        0] == "rejected"
    assert query("SELECT count(*) FROM raw_sap_charges") == [(3,)]


def test_wrong_folder_says_which_source_it_looks_like(landing, run):
    text = ",".join(SCCM_HEADER) + "\nWS1,H1,2024-03-01,OU=X,Latitude,z\n"
    write(landing / "sap_charges", "sccm.csv", text)
    f = run().files[0]
    assert f.status == "rejected"
    assert "look like a sccm extract" in f.message and "landing/sccm/" in f.message


def test_zero_byte_file_is_rejected(landing, run):
    write(landing / "sap_headcount", "empty.txt", b"")
    f = run().files[0]
    assert f.status == "rejected" and "empty.txt" in f.message and "0 bytes" in f.message


def test_mojibake_file_is_rejected(landing, run, query):
    text = charges_csv([charge_row(1)]).replace("Työasema", "TyÃ¶asema")
    write(landing / "sap_charges", "moji.csv", text)
    f = run().files[0]
    assert f.status == "rejected" and "mojibake" in f.message
    assert query("SELECT count(*) FROM raw_sap_charges") == [(0,)]


def test_truncated_files_load_with_warnings(landing, run, query):
    rows = [charge_row(i) for i in range(10)]
    write(landing / "sap_charges", "noend.txt", sap_list(CHARGE_HEADER, rows, end_rule=False))
    write(landing / "sap_charges", "cut.csv", charges_csv(rows)[:-30])
    report = run()
    assert [f.status for f in report.files] == ["loaded", "loaded"]
    assert all(f.warnings for f in report.files)
    warnings = [r[0] for r in query("SELECT warnings FROM load_audit ORDER BY file_name")]
    assert "looks cut" in warnings[0] and "end rule" in warnings[1]


def test_english_headers_in_other_order_with_extra_column(landing, run, query):
    header = ["Amount", "Posting Date", "Cost Center", "Fiscal Year", "Period",
              "Document Number", "Posting row", "Mystery", "Total Quantity"]
    row = ["1,234.56", "2024-03-31", "2101010.0", "2024", "3", "100", "1", "m", "2.5"]
    write(landing / "sap_charges", "en.csv", "\n".join(",".join(f'"{v}"' for v in r)
                                                      for r in [header, row]), "utf-8-sig")
    f = run().files[0]
    assert (f.status, f.encoding, f.rows_loaded) == ("loaded", "utf-8-sig", 1)
    got = query("SELECT amount, cost_centre, fiscal_year, quantity, extra_columns "
                "FROM raw_sap_charges")[0]
    # English-convention number columns land in the Finnish form (the file is archived as is)
    assert got[:4] == ("1234,56", "2101010.0", "2024", "2,5")
    assert any(w.startswith("amount: English number convention") for w in f.warnings)
    assert json.loads(got[4]) == {"Mystery": "m"}


def test_windows_1252_euro_and_sccm_snapshot_date(landing, run, query):
    text = (",".join(SCCM_HEADER) + "\r\n"
            "WS1,H1,2024-03-01 08:21:44.000,OU=A,ThinkPad € 1,x\r\n"
            "WS2,H2,2024-03-05 10:00:00.000,OU=B,NULL,y\r\n")
    write(landing / "sccm", "domain1.csv", text, "cp1252")
    f = run().files[0]
    assert (f.status, f.encoding) == ("loaded", "cp1252")
    assert "2024-03-05" in f.message and "LastHWScan" in f.message.replace("last_hw_scan",
                                                                         "LastHWScan")
    assert query("SELECT name, model, extract_date FROM raw_sccm ORDER BY name") == [
        ("WS1", "ThinkPad € 1", "2024-03-05"), ("WS2", None, "2024-03-05")]


def test_snapshot_date_from_title_line_else_mtime(landing, run, query):
    header = "Kustannuspaikka;Voimassa alkaen;Voimassa asti;Nimi"
    write(landing / "sap_cost_centres", "a.csv",
          f"Kustannuspaikat 31.01.2024\n{header}\n2101010;01.01.2020;31.12.9999;Kirjasto\n")
    path = write(landing / "sap_cost_centres", "b.csv", f"{header}\n2101011;1.1.2020;;X\n")
    os.utime(path, (1_700_000_000, 1_700_000_000))
    files = {f.file_name: f for f in run().files}
    assert "title line" in files["a.csv"].message
    assert any("modification time" in w for w in files["b.csv"].warnings)
    assert query("SELECT cost_centre, extract_date FROM raw_sap_cost_centres ORDER BY 1") == [
        ("2101010", "2024-01-31")]
    assert files["b.csv"].rows_quarantined == 1  # valid_to is required


def test_headcount_keeps_its_own_extract_date(landing, run, query):
    write(landing / "sap_headcount", "hc.csv",
          "Poimintapäivä;Kustannuspaikka;Henkilöstömäärä;htv\n31.03.2024;2101010;12;10,5\n")
    assert run().ok
    assert query("SELECT extract_date, headcount, fte FROM raw_sap_headcount") == [
        ("31.03.2024", "12", "10,5")]


def test_ignored_files_and_progress(landing, run, settings):
    write(landing, "_manifest.json", "{}")
    write(landing, "stray.csv", "x")
    write(landing / "unknown", "a.csv", "x")
    write(landing / "register", ".~lock.x#", "x")
    write(landing / "register", "r.csv", "Asiakastunnus;Asiakas;Asiakastyyppi;Segmentti;"
          "Kumppanuuspäällikkö\nA1;Kirjasto;PALV;2;Matti\n")
    calls = []
    report = ingest_landing(landing, settings, lambda d, t, r: calls.append((d, t, r.status)))
    assert calls == [(1, 1, "loaded")]
    assert len(report.ignored) == 2 and any("stray.csv" in i for i in report.ignored)
    console = Console(record=True, width=200)
    console.print(report.table())
    text = console.export_text()
    assert "r.csv" in text and "stray.csv" in text


def test_missing_landing_folder_is_reported(settings):
    report = ingest_landing(settings.landing / "nope", settings)
    assert report.files == [] and report.ignored


@pytest.mark.parametrize("name", list(SOURCES))
def test_every_source_loads_its_required_labels(landing, run, name):
    source = SOURCES[name]
    sample = {"amount": "1,00", "quantity": "1", "date": "31.03.2024", "code": "1", "int": "1"}
    fields = [f for f in source.fields if f.required]
    write(landing / name, "x.csv", ";".join(f.labels[0] for f in fields) + "\n"
          + ";".join(sample.get(f.kind, "t") for f in fields) + "\n")
    f = run().files[0]
    assert (f.status, f.rows_loaded) == ("loaded", 1), f.message


def test_sccm_extract_date_column_wins(landing, run, query):
    text = ("Name0,Hardware_ID0,LastHWScan,System_OU_Name0,Extract date\n"
            "WS1,H1,2024-03-01,OU=A,2024-03-10\n")
    write(landing / "sccm", "s.csv", text)
    f = run().files[0]
    assert "from the column 'Extract date'" in f.message
    assert query("SELECT extract_date, extra_columns FROM raw_sccm") == [("2024-03-10", "{}")]


def test_summary_fits_an_80_column_log_and_keeps_every_message(landing, run, settings):
    """`make demo` and cron logs are 80 columns and not a terminal: one short row per file,
    the messages (encoding, format, warnings, why a file was rejected) numbered below."""
    write(landing / "register", "r.csv", "Asiakastunnus;Asiakas;Asiakastyyppi;Segmentti;"
          "Kumppanuuspäällikkö\nA1;Kirjasto;PALV;2;Matti\n")
    write(landing / "register", "broken.csv", "Asiakas;Segmentti\nKirjasto;2\n")
    report = ingest_landing(landing, settings)
    console = Console(record=True, width=80, force_terminal=False)
    console.print(report.table())
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "register/r.csv" in text and "register/broken.csv" in text
    rejected = next(f for f in report.files if f.status == "rejected")
    number = report.files.index(rejected) + 1
    note = " ".join(text.split(f"[{number}] ", 1)[1].split())
    assert " ".join(rejected.message.split())[:60] in note
