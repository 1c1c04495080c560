"""Layouts around the table: SAP selection, sort and statistics boxes, title lines, SSRS
text boxes above a CSV table."""

from ingest_fixtures import CHARGE_HEADER, charge_row, sap_list, write

BOX_ABOVE = [
    "Kustannuspaikat: toteutuneet rivierät",
    "",
    "-" * 50,
    "| Valintaehdot                                   |",
    "|------------------------------------------------|",
    "| Kustannuspaikka | 2101010 | - | 2109999         |",
    "| Tilikausi       | 2024    |   |                 |",
    "-" * 50,
    "-" * 50,
    "| Lajittelu                                      |",
    "|------------------------------------------------|",
    "| Kustp | Kustannuslaji | Kausi                   |",
    "|------------------------------------------------|",
    "-" * 50,
    "Suodatin: Suoritelaji = TYOAS",
    "",
]
BOX_BELOW = [
    "",
    "-" * 40,
    "| Tilastot                             |",
    "| Rivejä           |                 12 |",
    "| Kustannuspaikat  |                  1 |",
    "-" * 40,
    "- - - - - - - - - - - - - - - - - - - -",
    "Luotu 31.03.2024 klo 08.15",
]


def framed(rows, **kwargs):
    body = sap_list(CHARGE_HEADER, rows, selection=False, **kwargs).split("\r\n")
    return body


def test_sap_list_with_boxes_above_and_below(landing, run, query):
    rows = [charge_row(i) for i in range(12)]
    text = "\r\n".join(BOX_ABOVE + framed(rows, page=5)[:-1] + BOX_BELOW) + "\r\n"
    write(landing / "sap_charges", "ksb1.txt", text, "cp1252")
    f = run().files[0]
    assert (f.status, f.rows_read, f.rows_loaded, f.rows_quarantined) == (
        "loaded", 12, 12, 0), f.message
    assert f.warnings == []
    assert query("SELECT count(DISTINCT document_number) FROM raw_sap_charges") == [(12,)]


def test_sap_list_with_box_below_but_no_end_rule_still_warns(landing, run):
    rows = [charge_row(i) for i in range(4)]
    body = framed(rows, end_rule=False)[:-1]
    text = "\r\n".join(body + ["Tilastot: 4 riviä"]) + "\r\n"
    write(landing / "sap_charges", "noend.txt", text)
    f = run().files[0]
    assert f.rows_loaded == 4 and any("may be truncated" in w for w in f.warnings)


def test_ssrs_csv_with_text_boxes_above_the_table(landing, run, query):
    text = ("Textbox1,Textbox2,Textbox3\r\n"
            '"Laitteet toimialueittain","Kokoelma: Kaikki työasemat","Raporttipäivä 31.03.2024"\r\n'
            "\r\n"
            "Details_Table0_Name0,Details_Table0_Hardware_ID0,Details_Table0_LastHWScan,"
            "Details_Table0_System_OU_Name0,Details_Table0_SerialNumber0\r\n"
            "WS1,H1,2024-03-01 08:00:00,OU=A,SN1\r\n"
            "WS2,H2,2024-03-02 09:00:00,OU=B,SN2\r\n")
    write(landing / "sccm", "laitteet.csv", text, "utf-8-sig")
    f = run().files[0]
    assert (f.status, f.rows_loaded) == ("loaded", 2), f.message
    assert "extract date 2024-03-31 from the title line" in f.message
    assert query("SELECT name, serial_number, row_number FROM raw_sccm ORDER BY 1") == [
        ("WS1", "SN1", "5"), ("WS2", "SN2", "6")]
