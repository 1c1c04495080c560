"""Format detection and reading: SAP list, delimited text, xlsx; header mapping."""

import codecs
import datetime as dt
from pathlib import Path

import duckdb
import pytest
import xlsxwriter
from ingest_fixtures import CHARGE_HEADER, charge_row, sap_list

from ingest.readers import ReadError, cell_text, read_extract
from ingest.sources import SOURCES, map_headers, norm_label


@pytest.fixture
def conn():
    with duckdb.connect() as c:
        yield c


def read(conn, tmp_path: Path, name: str, data: bytes, source="sap_charges"):
    path = tmp_path / name
    path.write_bytes(data)
    ext = read_extract(conn, path, data, SOURCES[source], tmp_path)
    rows = conn.execute("SELECT * FROM _rows ORDER BY row_number").fetchall()
    return ext, rows


def test_sap_list_page_headers_totals_and_trailing_minus(conn, tmp_path):
    rows = [charge_row(i) for i in range(130)]
    rows[3][5] = "345,10-"
    rows[4][8] = "Teksti | jossa pystyviiva"
    ext, got = read(conn, tmp_path, "KSB1 (2).txt", sap_list(CHARGE_HEADER, rows, page=50)
                    .encode("cp1252"))
    assert ext.file_format == "sap_list" and ext.rows_read == 130 == len(got)
    assert ext.headers == CHARGE_HEADER and ext.warnings == []
    assert got[3][1:7] == ("2024", "3", "100000003", "001", "0002101010", "345,10-")
    assert got[4][9] == "Teksti | jossa pystyviiva"
    assert all(not str(r[1]).startswith(("*", "Tilikausi")) for r in got)
    lines = (tmp_path / "KSB1 (2).txt").read_bytes().decode("cp1252").split("\r\n")
    assert lines[got[0][0] - 1].split("|")[3].strip() == "100000000"
    assert lines[got[-1][0] - 1].split("|")[3].strip() == "100000129"


def test_sap_list_without_end_rule_warns(conn, tmp_path):
    text = sap_list(CHARGE_HEADER, [charge_row(i) for i in range(10)], end_rule=False)
    ext, _ = read(conn, tmp_path, "a.txt", text.encode())
    assert any("end rule" in w for w in ext.warnings)


def test_sap_list_cut_last_line_warns(conn, tmp_path):
    text = sap_list(CHARGE_HEADER, [charge_row(i) for i in range(10)], end_rule=False,
                    totals=False)
    ext, rows = read(conn, tmp_path, "a.txt", text.rstrip()[:-25].encode())
    assert any("looks cut" in w for w in ext.warnings)
    assert len(rows) == 10


def test_sap_list_exactly_5000_rows_warns(conn, tmp_path):
    text = sap_list(CHARGE_HEADER, [charge_row(i) for i in range(5000)])
    ext, _ = read(conn, tmp_path, "a.txt", text.encode())
    assert ext.rows_read == 5000
    assert any("5000 data rows" in w for w in ext.warnings)


@pytest.mark.parametrize(("delim", "name"), [("\t", "tab"), (";", "semicolon"), (",", "comma")])
def test_delimited_with_title_lines(conn, tmp_path, delim, name):
    rows = [[v.replace(",", ".") if delim == "," else v for v in charge_row(i)]
            for i in range(3)]
    text = "Kustannuspaikkojen rivierät\n\n" + "\n".join(
        delim.join(r) for r in [CHARGE_HEADER, *rows]) + "\n\n"
    ext, got = read(conn, tmp_path, "x.csv", text.encode())
    assert ext.file_format == f"delimited ({name})"
    assert ext.title_lines == ["Kustannuspaikkojen rivierät"]
    assert [r[0] for r in got] == [4, 5, 6]
    assert got[0][3] == "100000000"


def test_utf16_tab_text_saved_as_xls(conn, tmp_path):
    text = "\r\n".join("\t".join(r) for r in [CHARGE_HEADER, charge_row(1)]) + "\r\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    ext, got = read(conn, tmp_path, "export.xls", data)
    assert (ext.encoding, ext.file_format) == ("utf-16-le", "delimited (tab)")
    assert got[0][0] == 2 and got[0][9] == "Työasema 1"


def test_quoted_csv_with_line_breaks(conn, tmp_path):
    text = ('Name0,Hardware_ID0,LastHWScan,System_OU_Name0\r\n'
            '"WS1","H1","2024-03-01 08:00:00","A,B"\r\n'
            '"WS2","H2","2024-03-02","multi\r\nline"\r\n'
            '"WS3",H3,2024-03-03,C\r\n')
    ext, got = read(conn, tmp_path, "sccm.csv", text.encode(), "sccm")
    assert [r[0] for r in got] == [2, 3, 5]
    assert got[0][4] == "A,B" and got[2][1] == "WS3"


def test_binary_xls_and_empty_files_are_refused(conn, tmp_path):
    with pytest.raises(ReadError, match="Excel 97-2003"):
        read(conn, tmp_path, "a.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(ReadError, match="0 bytes"):
        read(conn, tmp_path, "b.txt", b"")
    with pytest.raises(ReadError, match="no header row"):
        read(conn, tmp_path, "c.txt", b"just some\ntext\n")


def test_xlsx_dates_serials_and_mangled_codes(conn, tmp_path):
    path = tmp_path / "register.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Ohje").write(0, 0, "Lue minut")
    sheet = book.add_worksheet("Asiakasrekisteri")
    datefmt = book.add_format({"num_format": "d.m.yyyy"})
    sheet.write_row(0, 0, ["Asiakasrekisteri 31.3.2024"])
    sheet.write_row(2, 0, ["Asiakastunnus", "Asiakas", "Asiakastyyppi", "Segmentti",
                           "Kumppanuuspäällikkö", "SAP-asiakasnumero", "Muokattu", "Lisätieto"])
    sheet.write_row(3, 0, ["A001", "Kaupunginkirjasto", "PALV", 2, "Matti M", 2101010.0])
    sheet.write_datetime(3, 6, dt.datetime(2024, 3, 31), datefmt)
    sheet.write_row(4, 0, ["A002", "Työllisyys", "PALV", 1.5, "Maija", 123456789012.0, 45382,
                           "x"])
    book.close()
    ext, got = read(conn, tmp_path, "register.xlsx", path.read_bytes(), "register")
    assert ext.file_format == "xlsx" and ext.title_lines == ["Asiakasrekisteri 31.3.2024"]
    assert [r[0] for r in got] == [4, 5]
    assert got[0][1:8] == ("A001", "Kaupunginkirjasto", "PALV", "2", "Matti M", "2101010",
                           "2024-03-31")
    assert got[1][4:8] == ("1.5", "Maija", "123456789012", "45382")


@pytest.mark.parametrize(("value", "text"), [
    (None, None), ("", None), (2101010.0, "2101010"), (1.5, "1.5"), (1e-5, "0.00001"),
    (True, "TRUE"), (dt.date(2024, 3, 31), "2024-03-31"),
    (dt.datetime(2024, 3, 31, 8, 21, 44), "2024-03-31 08:21:44"), (" a ", "a"),
])
def test_cell_text(value, text):
    assert cell_text(value) == text


def test_header_mapping_ignores_case_spacing_punctuation_and_ssrs_prefix():
    assert norm_label("Details_Table0_Name0") == "name0"
    assert norm_label("  val/coarea  CRCY ") == norm_label("Val/COArea Crcy")
    mapped = map_headers(SOURCES["sap_charges"],
                         ["AMOUNT", "posting date", "gjahr", "Unknown", "Cost Center", "Summa"])
    assert mapped == {0: "amount", 1: "posting_date", 2: "fiscal_year", 4: "cost_centre"}
    sccm = map_headers(SOURCES["sccm"], ["Details_Table0_Name0", "Details_Table0_LastHWScan"])
    assert sccm == {0: "name", 1: "last_hw_scan"}


def test_every_landing_label_maps_to_its_field():
    for source in SOURCES.values():
        for f in source.fields:
            assert set(map_headers(source, list(f.labels)).values()) == {f.name}, f


def test_line_numbers_stay_true_in_a_file_read_in_parallel(conn, tmp_path):
    rows = [charge_row(i) for i in range(250_000)]
    data = sap_list(CHARGE_HEADER, rows, page=64).encode("utf-8")
    ext, _ = read(conn, tmp_path, "big.txt", data)
    assert ext.rows_read == 250_000
    lines = data.decode().split("\r\n")
    got = conn.execute("SELECT row_number, c2 FROM _rows USING SAMPLE 200").fetchall()
    assert all(lines[n - 1].split("|")[3].strip() == doc for n, doc in got)
    steps = conn.execute("SELECT count(*) FROM (SELECT c2::BIGINT - lag(c2::BIGINT) OVER "
                         "(ORDER BY row_number) AS step FROM _rows) WHERE step <> 1").fetchall()
    assert steps == [(0,)]
