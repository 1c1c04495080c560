"""Encoding detection and the mojibake guard."""

import codecs

import pytest

from ingest.encoding import EncodingError, decode

TEXT = "Kustannuspaikka;Summa\nTyöllisyys Ääni;1 234,56 €\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("cp1252"), "cp1252"),
    (TEXT.encode("iso-8859-15"), "iso-8859-15"),
])
def test_decodes_and_reports_encoding(data, encoding):
    text, used = decode(data)
    assert used == encoding
    assert text == TEXT


def test_euro_byte_decides_between_windows_and_iso():
    assert decode(b"Summa \x80")[0].endswith("€")
    assert decode(b"Summa \xa4")[0].endswith("€")


@pytest.mark.parametrize("bad", ["TyÃ¶llisyys", "PÃ¤ivÃ¤", "Ã–ljy", "hinta 5 â‚¬"])
def test_mojibake_is_refused(bad):
    data = ("Teksti;Summa\nok;1\n" + bad + ";2\n").encode("utf-8")
    with pytest.raises(EncodingError, match="line 3"):
        decode(data)


def test_mojibake_in_windows_1252_file_is_refused():
    with pytest.raises(EncodingError, match="decoded twice"):
        decode(("Pääte;" + "Työllisyys".encode().decode("cp1252")).encode("cp1252"))
