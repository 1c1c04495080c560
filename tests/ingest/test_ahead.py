"""Reading ahead (`ingest.ahead`) gives the same bytes, hash and sniff as reading in place."""

import hashlib

import duckdb
from ingest_fixtures import CHARGE_HEADER, charge_row, sap_list, write

from ingest.ahead import prepare, read_ahead
from ingest.encoding import sniff
from ingest.landing import create_tables, land_file
from ingest.parsing import load_macros
from ingest.readers import ReadError
from ingest.sources import SOURCES


def test_read_ahead_yields_every_file_in_order(tmp_path):
    paths = [write(tmp_path, f"{n}.txt", f"a;b\r\n{n};x\r\n") for n in range(4)]
    paths.append(write(tmp_path, "book.xlsx", b"PK\x03\x04 not a real workbook"))
    prepared = list(read_ahead(paths))
    assert [p.path for p in prepared] == paths
    for p in prepared:
        assert p.data == p.path.read_bytes()
        assert p.sha256 == hashlib.sha256(p.data).hexdigest()
    assert prepared[0].sniffed == sniff(paths[0].read_bytes())
    assert prepared[-1].sniffed is None  # not text: the xlsx reader needs no sniff
    assert list(read_ahead([])) == []


def test_encoding_error_found_ahead_rejects_the_file_when_it_is_landed(tmp_path):
    path = write(tmp_path / "sap_charges", "bad.txt", "Teksti;Summa\nTyÃ¶llisyys;2\n")
    found = prepare(path)
    assert isinstance(found.sniffed, ReadError) and "decoded twice" in str(found.sniffed)
    conn = load_macros(duckdb.connect(str(tmp_path / "raw.duckdb")))
    create_tables(conn)
    result = land_file(conn, path, SOURCES["sap_charges"], tmp_path / "archive", tmp_path,
                       found)
    assert result.status == "rejected" and "mojibake" in result.message
    assert found.data is None  # the lander took the bytes


def test_land_file_reads_the_file_itself_without_a_prepared_one(tmp_path):
    rows = [charge_row(i) for i in range(3)]
    path = write(tmp_path / "sap_charges", "KSB1.txt", sap_list(CHARGE_HEADER, rows), "cp1252")
    conn = load_macros(duckdb.connect(str(tmp_path / "raw.duckdb")))
    create_tables(conn)
    result = land_file(conn, path, SOURCES["sap_charges"], tmp_path / "archive", tmp_path)
    assert (result.status, result.rows_loaded) == ("loaded", 3)
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
