"""Excel 97-2003 `.xls` (BIFF) and HTML tables saved with an Excel name."""

import datetime as dt

import duckdb
import pytest
import xlwt
from ingest_fixtures import write

from ingest.readers import ReadError, read_extract
from ingest.sources import SOURCES

HEADER = ["Year", "Per", "DocumentNo", "Row", "Cost Ctr", "ValCOArCur", "Postg Date", "Name"]


@pytest.fixture
def conn():
    with duckdb.connect() as c:
        yield c


def read(conn, path, source="sap_charges"):
    ext = read_extract(conn, path, path.read_bytes(), SOURCES[source], path.parent)
    return ext, conn.execute("SELECT * FROM _rows ORDER BY row_number").fetchall()


def test_real_biff_xls_is_read(conn, tmp_path):
    """A real Excel 97-2003 workbook, written by xlwt (BIFF8 in an OLE container)."""
    book = xlwt.Workbook()
    book.add_sheet("Ohje").write(0, 0, "Lue minut")
    sheet = book.add_sheet("KSB1")
    sheet.write(0, 0, "Kustannuspaikkojen rivierät")
    for col, label in enumerate(HEADER):
        sheet.write(2, col, label)
    datefmt = xlwt.easyxf(num_format_str="dd.mm.yyyy")
    for n, (cc, amount) in enumerate([("0002101010", -1273.38), (2101010.0, 12.5)]):
        for col, value in enumerate([2023, 10, 100000000 + n, 1, cc, amount]):
            sheet.write(3 + n, col, value)
        sheet.write(3 + n, 6, dt.datetime(2023, 10, 17), datefmt)
        sheet.write(3 + n, 7, f"Työasema {n}")
    path = tmp_path / "export.xls"
    book.save(str(path))
    assert path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    ext, rows = read(conn, path)
    assert (ext.file_format, ext.rows_read, ext.title_lines) == (
        "xls", 2, ["Kustannuspaikkojen rivierät"])
    assert ext.warnings == ["read sheet 'KSB1'"]
    assert rows[0] == (4, "2023", "10", "100000000", "1", "0002101010", "-1273.38",
                       "2023-10-17", "Työasema 0")
    assert rows[1][5:7] == ("2101010", "12.5")


def test_landing_an_xls_file(landing, run, query):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Asiakasrekisteri")
    for col, label in enumerate(["Asiakastunnus", "Asiakas", "Asiakastyyppi", "Segmentti",
                                 "Kumppanuuspäällikkö"]):
        sheet.write(0, col, label)
    for col, value in enumerate(["A1", "Kirjasto", "PALV", 2, "Matti"]):
        sheet.write(1, col, value)
    (landing / "register").mkdir()
    book.save(str(landing / "register" / "asiakkaat.xls"))
    f = run().files[0]
    assert (f.status, f.file_format, f.rows_loaded) == ("loaded", "xls", 1), f.message
    assert query("SELECT customer_id, segment FROM raw_register") == [("A1", "2")]


HTML = """\ufeff
<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8">
<style>td {{ mso-number-format: "\\@"; }}</style></head><body>
<table><tr><td>Kustannuspaikat 31.01.2024</td></tr></table>
<table border="1">
<tr><th>Kustannus-<br>paikka</th><th>Voimassa alkaen</th><th>Voimassa asti</th><th>Nimi</th></tr>
{rows}
</table></body></html>
"""


def test_html_saved_as_xls_is_read_as_a_table(landing, run, query):
    rows = "<tr><td>0002101010</td><td>01.01.2020</td><td>31.12.9999</td>" \
           "<td>Kirjasto &amp; kulttuuri</td></tr>\n<tr><td></td><td></td><td></td><td></td></tr>"
    write(landing / "sap_cost_centres", "kp.xls", HTML.format(rows=rows))
    f = run().files[0]
    assert (f.status, f.file_format, f.rows_loaded) == ("loaded", "html table", 1), f.message
    assert query("SELECT cost_centre, name, extract_date FROM raw_sap_cost_centres") == [
        ("0002101010", "Kirjasto & kulttuuri", "2024-01-31")]


@pytest.mark.parametrize(("rows", "why"), [
    ('<tr><td colspan="2">0002101010</td><td>31.12.9999</td><td>x</td></tr>', "merged cells"),
    ("<tr><td><table><tr><td>1</td></tr></table></td></tr>", "a table inside a table"),
])
def test_html_that_is_not_a_simple_table_is_refused(conn, tmp_path, rows, why):
    path = write(tmp_path, "kp.xls", HTML.format(rows=rows))
    with pytest.raises(ReadError, match=f"HTML page saved with an Excel name.*{why}"):
        read(conn, path, "sap_cost_centres")


def test_html_page_without_a_table_and_xml_spreadsheet_are_refused(conn, tmp_path):
    with pytest.raises(ReadError, match="HTML page saved with an Excel name: .*no table"):
        read(conn, write(tmp_path, "a.xls", "<!DOCTYPE html><html><body>Virhe</body></html>"))
    xml = '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook>'
    with pytest.raises(ReadError, match="XML Spreadsheet 2003"):
        read(conn, write(tmp_path, "b.xls", xml))
