"""Header labels of real exports: SAP short/medium/long titles, cut titles, SCCM suffixes,
cleaned header cells, site labels, and messages that say what matched and what is missing."""

import duckdb
import pytest
import xlsxwriter
from ingest_fixtures import sap_list, write

from ingest import ingest_landing
from ingest.headers import label_index, match, norm_label
from ingest.readers import ReadError, read_extract
from ingest.sources import SOURCES, map_headers, with_site_labels

KSB1_EN = ["Cost Ctr", "Cost Elem.", "Year", "Per", "DocumentNo", "Row", "ValCOArCur",
           "Postg Date", "Name"]


def ksb1_row(i: int) -> list[str]:
    return ["2101010", "4300000", "2023", "10", str(100000000 + i), "1", "1,273.38-",
            "17.10.2023", f"Workstation {i}"]


@pytest.fixture
def conn():
    with duckdb.connect() as c:
        yield c


def test_no_label_names_two_fields_of_one_source():
    for source in SOURCES.values():
        owner: dict[str, str] = {}
        for f in source.fields:
            for label in (*f.labels, f.name):
                key = norm_label(label)
                assert owner.setdefault(key, f.name) == f.name, (source.name, label)


@pytest.mark.parametrize(("source", "labels", "field"), [
    ("sap_charges", ["Cost Ctr", "Cost Center", "Kustp", "Kustannuspaikka"], "cost_centre"),
    ("sap_charges", ["ValCOArCur", "Val.in CO area crcy", "Value in Obj. Crcy"], "amount"),
    ("sap_charges", ["Postg Date", "Posting Date", "Kirj.pvm"], "posting_date"),
    ("sap_charges", ["Per", "Period"], "period"),
    ("sap_charges", ["Year", "Fiscal Year", "Tilikausi", "Vuosi"], "fiscal_year"),
    ("sap_charges", ["Cost Elem.", "Cost Element", "Kustannuslaji", "KuLaji"], "cost_element"),
    ("sap_charges", ["DocumentNo", "Doc. No."], "document_number"),
    ("sap_charges", ["RefDocNo"], "reference_document"),
    ("sap_invoices", ["Pstng Date", "Kirj.pvm"], "posting_date"),
    ("sap_cost_centres", ["Valid From", "Voim.alk."], "valid_from"),
])
def test_real_sap_labels(source, labels, field):
    assert set(map_headers(SOURCES[source], labels).values()) == {field}


def test_real_ksb1_list_with_english_short_labels_is_found(conn, tmp_path):
    text = "Display Actual Cost Line Items for Cost Centers\n\n" + sap_list(
        KSB1_EN, [ksb1_row(i) for i in range(5)], selection=False)
    path = write(tmp_path, "ksb1.txt", text)
    ext = read_extract(conn, path, path.read_bytes(), SOURCES["sap_charges"], tmp_path)
    assert ext.file_format == "sap_list" and ext.rows_read == 5
    assert set(map_headers(SOURCES["sap_charges"], ext.headers).values()) >= {
        "cost_centre", "cost_element", "fiscal_year", "period", "document_number",
        "posting_row", "amount", "posting_date", "text"}


def test_cut_titles_are_taken_when_unique_and_warned(landing, run, query):
    header = ["Tilikausi", "Kausi", "Tositenum", "Tositerivi", "Kustannuspaikk", "Arvo/KLP-val",
              "Kirjauspvm", "Kust"]
    write(landing / "sap_charges", "cut.csv", ";".join(header) + "\n"
          "2024;3;100;1;2101010;1,50;31.03.2024;x\n")
    f = run().files[0]
    assert (f.status, f.rows_loaded) == ("loaded", 1), f.message
    cut = [w for w in f.warnings if "cut to the column width" in w]
    assert any("'Tositenum'" in w and "document_number" in w for w in cut)
    assert any("'Kustannuspaikk'" in w and "cost_centre" in w for w in cut)
    assert not any("'Kust'" in w for w in cut)  # cost centre, cost element, ...: ambiguous
    assert "Kustannuspaikk" in query("SELECT warnings FROM load_audit")[0][0]
    assert match(SOURCES["sap_charges"], "Ko") is None  # too short to be a cut title
    # `Kustannuspaik` starts both Kustannuspaikka and Kustannuspaikan nimi: not taken
    assert match(SOURCES["sap_charges"], "Kustannuspaik") is None


def test_exact_labels_win_over_cut_titles():
    mapped = map_headers(SOURCES["sap_charges"], ["Tili", "Tilikausi"])
    assert mapped == {1: "fiscal_year"}


@pytest.mark.parametrize(("header", "field"), [
    ("Netbios_Name01", "name"), ("SerialNumber01", "serial_number"), ("Name0", "name"),
    ("Model00", "model"), ("Details_Table0_SerialNumber0", "serial_number"),
    ("LastHWScan", "last_hw_scan"),
])
def test_sccm_digit_suffixes(header, field):
    assert match(SOURCES["sccm"], header) == (field, None)


def test_sccm_list_with_suffixed_view_names_loads(landing, run, query):
    write(landing / "sccm", "sccm.csv", "Netbios_Name01;SerialNumber01;Hardware_ID01;"
          "LastHWScan;System_OU_Name01;\nWS1;SN1;H1;2024-03-01 08:00:00;OU=A;\n")
    f = run().files[0]
    assert (f.status, f.rows_loaded) == ("loaded", 1), f.message
    assert query("SELECT name, serial_number, ou FROM raw_sccm") == [("WS1", "SN1", "OU=A")]


def test_header_cells_with_spaces_and_line_breaks(landing, run, query, tmp_path):
    path = landing / "register" / "r.xlsx"
    path.parent.mkdir(parents=True)
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Asiakas-\ntunnus", "Asiakas ", "Asiakas  tyyppi", "Segmentti\n",
                           "Kumppanuus\npäällikkö", "Lisä\ntieto"])
    sheet.write_row(1, 0, ["A1", "Kirjasto", "PALV", 2, "Matti", "x"])
    book.close()
    write(landing / "sap_cost_centres", "cc.csv",
          '"Kustannus\npaikka";"Voimassa  alkaen ";"Voimassa asti";"Nimi"\n'
          '2101010;1.1.2020;31.12.9999;Kirjasto\n')
    report = run()
    assert all(f.status == "loaded" and f.rows_loaded == 1 for f in report.files), [
        f.message for f in report.files]
    assert query("SELECT extra_columns FROM raw_register") == [('{"Lisä tieto":"x"}',)]
    assert query("SELECT row_number, cost_centre FROM raw_sap_cost_centres") == [
        ("3", "2101010")]


def test_no_header_message_names_the_best_candidate_and_how_to_add_a_label(conn, tmp_path):
    path = write(tmp_path, "x.csv", "Raportti\nKustp;Euroa;Tapahtumapäivä;Kohde\n1;2;3;4\n")
    with pytest.raises(ReadError) as err:
        read_extract(conn, path, path.read_bytes(), SOURCES["sap_charges"], tmp_path)
    message = str(err.value)
    assert "best candidate is line 2" in message and "Kustp;Euroa" in message
    assert "which matched cost_centre by 'Kustp';" in message
    assert "posting_date (accepted labels: Kirjauspvm" in message
    assert "fiscal_year (accepted labels:" in message
    assert "add a row `sap_charges,<field>,<your label>` to labels.csv in the site folder" \
        in message


def test_site_labels_are_accepted_everywhere(landing, settings, query):
    text = "Kustp;Summa;Tapahtumapäivä;Vuosi;Kausi;Tosite;Rivi\n" \
           "2101010;1,50;31.03.2024;2024;3;100;1\n"
    write(landing / "sap_charges", "site.csv", text)
    write(landing, "stray.csv", text)
    labels = {"sap_charges": {"posting_date": ["Tapahtumapäivä"]}}
    report = ingest_landing(landing, settings, site_labels=labels)
    assert (report.files[0].status, report.files[0].rows_loaded) == ("loaded", 1)
    assert any("stray.csv" in i and "move it to sap_charges/" in i for i in report.ignored)
    sources = with_site_labels(SOURCES, labels)
    assert label_index(sources["sap_charges"])[norm_label("Tapahtumapäivä")] == "posting_date"
    assert norm_label("Tapahtumapäivä") not in label_index(SOURCES["sap_charges"])


@pytest.mark.parametrize(("labels", "names"), [
    ({"sap_charge": {"amount": ["x"]}}, "'sap_charge'"),
    ({"sap_charges": {"amount_eur": ["x"]}}, "'amount_eur'"),
    ({"sap_charges": {"amount": ["Kustp"]}}, "'Kustp'"),
])
def test_site_labels_refuse_unknown_names(labels, names):
    with pytest.raises(ValueError, match=names):
        with_site_labels(SOURCES, labels)


def test_files_in_the_wrong_place_are_named_with_their_folder(landing, run):
    register = "Asiakastunnus;Asiakas;Asiakastyyppi;Segmentti;Kumppanuuspäällikkö\n" \
               "A1;Kirjasto;PALV;2;Matti\n"
    write(landing / "sccm", "asiakkaat.csv", register)
    write(landing, "asiakkaat.csv", register)
    report = run()
    f = report.files[0]
    assert f.status == "rejected"
    assert "look like a register extract (matched customer_id by 'Asiakastunnus'" in f.message
    assert "landing/register/" in f.message
    assert any("it looks like a register extract" in i and "move it to register/" in i
               for i in report.ignored)


@pytest.mark.parametrize(("headers", "expected"), [
    # the allocation's line items: activity type, quantity and partner say charges
    (["Tilikausi", "Kausi", "Tositenumero", "Tositerivi", "Kirjauspvm", "Kustannuspaikka",
      "Kustannuslaji", "Suoritelaji", "Kokonaismäärä", "Arvo/KLP-valuutta", "Kumppanikustp",
      "Teksti"], "sap_charges"),
    # the centre's own costs: cost elements and their names, no activity type
    (["GJAHR", "PERIO", "BELNR", "BUZEI", "KOSTL", "KSTAR", "Kustannuslajin nimi", "WKGBTR",
      "BUDAT", "SGTXT"], "sap_costs"),
    (KSB1_EN, "sap_costs"),
    # a list lacking a required field of the costs is still the charges' (it has all of those)
    (["Fiscal Year", "Period", "Document Number", "Posting row", "Cost Center", "Amount",
      "Posting Date", "Activity Type"], "sap_charges"),
])
def test_the_two_ksb1_sources_are_told_apart_by_their_own_fields(headers, expected):
    from ingest.headers import best_source

    assert best_source(headers, SOURCES)[0].name == expected
