"""Replacement damage: U+FFFD and `?` in place of a letter are reported with row and column."""

import xlsxwriter
from ingest_fixtures import CHARGE_HEADER, charge_row, write

from ingest.row_checks import REPLACED_CODE


def charges(rows, delim=";"):
    return "\r\n".join(delim.join(r) for r in [CHARGE_HEADER, *rows]) + "\r\n"


def test_replacement_character_warns_and_quarantines_a_damaged_required_code(landing, run,
                                                                           query):
    rows = [charge_row(i) for i in range(5)]
    rows[1][8] = "Ty\ufffdasema"
    rows[3][8] = "P\ufffd\ufffdte"
    rows[2][4] = "00021\ufffd1010"
    write(landing / "sap_charges", "ksb1.csv", charges(rows))
    f = run().files[0]
    assert (f.status, f.rows_loaded, f.rows_quarantined) == ("loaded", 4, 1), f.message
    warning = next(w for w in f.warnings if w.startswith("U+FFFD"))
    assert "in 3 rows, first on row 3, column 'Teksti' ('Ty\ufffdasema')" in warning
    assert query("SELECT row_number, column_name, reason FROM quarantine") == [
        (4, "cost_centre", REPLACED_CODE)]
    assert "U+FFFD" in query("SELECT warnings FROM load_audit")[0][0]


def test_question_mark_in_place_of_a_letter_warns(landing, run):
    rows = [charge_row(i) for i in range(3)]
    rows[2][8] = "Ty?llisyyspalvelut"
    rows[0][8] = "Mitä?"  # a question, not damage
    write(landing / "sap_charges", "ksb1.csv", charges(rows), "iso-8859-15")
    f = run().files[0]
    assert f.status == "loaded"
    assert [w for w in f.warnings if w.startswith("'?'")] == [
        "'?' between letters in 1 row, first on row 4, column 'Teksti' ('Ty?llisyyspalvelut'): "
        "a letter such as ä or ö may have been replaced by a code page that lacks it; check "
        "the export's encoding"]


def test_replacement_character_in_a_workbook(landing, run):
    path = landing / "register" / "r.xlsx"
    path.parent.mkdir(parents=True)
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Asiakastunnus", "Asiakas", "Asiakastyyppi", "Segmentti",
                           "Kumppanuuspäällikkö"])
    sheet.write_row(1, 0, ["A1", "Ty\ufffdllisyys", "PALV", 2, "Matti"])
    book.close()
    f = run().files[0]
    assert f.status == "loaded"
    assert any("first on row 2, column 'Asiakas'" in w for w in f.warnings)


def test_clean_file_has_no_damage_warning(landing, run):
    write(landing / "sap_charges", "ok.csv", charges([charge_row(i) for i in range(3)]))
    assert run().files[0].warnings == []


def test_mojibake_is_refused_naming_line_and_column(landing, run):
    """Text decoded twice is refused (never half-right names in the warehouse); the message
    names where it was first seen."""
    rows = [charge_row(i) for i in range(3)]
    rows[1][8] = "TyÃ¶asema"
    write(landing / "sap_charges", "moji.csv", charges(rows))
    f = run().files[0]
    assert f.status == "rejected"
    assert "mojibake on line 3" in f.message and "(line 3, column 'Teksti')" in f.message
