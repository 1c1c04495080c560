"""`ingest.prepare` gives the same bytes, hash and sniff as working them out one by one."""

import hashlib

import duckdb
from ingest_fixtures import CHARGE_HEADER, charge_row, sap_list, write

from ingest.encoding import sniff
from ingest.landing import create_tables, land_file
from ingest.parsing import load_macros
from ingest.prepare import prepare
from ingest.readers import ReadError
from ingest.sources import SOURCES


def test_prepare_hashes_and_sniffs(tmp_path):
    text = write(tmp_path, "a.txt", sap_list(CHARGE_HEADER, [charge_row(1)]), "cp1252")
    found = prepare(text)
    assert found.data == text.read_bytes()
    assert found.sha256 == hashlib.sha256(found.data).hexdigest()
    assert found.sniffed == sniff(found.data)
    book = prepare(write(tmp_path, "book.xlsx", b"PK\x03\x04 not a real workbook"))
    assert book.sniffed is None  # not text: the xlsx reader needs no sniff


def test_encoding_error_found_while_hashing_rejects_the_file(tmp_path):
    path = write(tmp_path / "sap_charges", "bad.txt", "Teksti;Summa\nTyÃ¶llisyys;2\n")
    found = prepare(path)
    assert isinstance(found.sniffed, ReadError) and "decoded twice" in str(found.sniffed)
    conn = load_macros(duckdb.connect(str(tmp_path / "raw.duckdb")))
    create_tables(conn)
    result = land_file(conn, path, SOURCES["sap_charges"], tmp_path / "archive", tmp_path)
    assert result.status == "rejected" and "mojibake" in result.message
    assert result.sha256 == found.sha256
