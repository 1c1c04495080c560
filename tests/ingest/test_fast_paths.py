"""The shortcuts taken for throughput give the same answers as the general way."""

import codecs
import itertools
import random

import duckdb
import pytest
from ingest_fixtures import CHARGE_HEADER, charge_row, sap_list, write

from ingest.encoding import EncodingError, decode, duckdb_encoding, sniff, transcode
from ingest.parsing import load_macros
from ingest.row_checks import FAST_DATE, FAST_NUMBER

TEXT = "Kustannuspaikka;Summa\r\nTyöllisyys Ääni;1 234,56 €\r\n" * 3


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"), codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("cp1252"), TEXT.encode("iso-8859-15"), TEXT.replace("€", "").encode("latin-1"),
    ("a;b\r\n" * 9_000 + "Š;\r\n").encode("iso-8859-15"),  # ISO-8859-15-only byte late
    b"a;b\r\n" * 20_000 + b"\xe4\r\n",  # valid UTF-8 for 64 kB, then not: a code page
])
def test_sniff_agrees_with_decode(data, tmp_path):
    text, encoding = decode(data)
    found = sniff(data)
    assert found.encoding == encoding and found.direct == duckdb_encoding(data, encoding)
    assert found.head == text[:400_000] and found.tail == text[-4000:]
    if found.direct is None and found.text is None:
        with open(tmp_path / "t.txt", "wb") as target:
            transcode(data, encoding, target)
        assert (tmp_path / "t.txt").read_bytes().decode("utf-8") == text


@pytest.mark.parametrize("data", [
    ("Teksti;Summa\nok;1\nTyÃ¶llisyys;2\n").encode(),
    ("Pääte;" + "Työllisyys".encode().decode("cp1252")).encode("cp1252"),
])
def test_sniff_refuses_mojibake_like_decode(data):
    with pytest.raises(EncodingError, match="decoded twice"):
        sniff(data)


def test_sniff_refuses_broken_utf8_after_a_bom():
    with pytest.raises(UnicodeDecodeError):
        sniff(codecs.BOM_UTF8 + b"ok\n\xff\n")


def test_fast_shapes_always_parse():
    """Every cell the cheap regular expressions clear is one the macros accept."""
    conn = load_macros(duckdb.connect())
    rnd = random.Random(3)
    values = {"".join(rnd.choice("0123456789.,- ") for _ in range(rnd.randint(1, 14)))
              for _ in range(30_000)}
    values |= {"1234567890123456", "999999999999999,999999", "1.234.567.890.123,45",
               "12 345,67-", "-1 234 567,891234"}
    for y, m, d in itertools.product((1900, 2023, 2024, 2100, 2999), range(14), range(33)):
        values |= {f"{d}.{m}.{y}", f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}",
                   f"{y}-{m:02d}-{d:02d} 08:21:44.000", f"{y}.{m:02d}.{d:02d}",
                   f"{y}.{m}.{d}", f"{d:02d}.{m:02d}.{y % 100:02d}"}
    conn.execute("CREATE TABLE v (t VARCHAR)")
    conn.executemany("INSERT INTO v VALUES (?)", [[v] for v in values])
    cleared = conn.execute(
        "SELECT count(*) FILTER (regexp_full_match(t, ?)), count(*) FILTER "
        "(regexp_full_match(t, ?)) FROM v", [FAST_NUMBER, FAST_DATE]).fetchall()[0]
    assert min(cleared) > 1000
    wrong = conn.execute(
        "SELECT t FROM v WHERE (regexp_full_match(t, ?) AND (fi_amount(t) IS NULL OR "
        "fi_quantity(t) IS NULL)) OR (regexp_full_match(t, ?) AND fi_date(t) IS NULL)",
        [FAST_NUMBER, FAST_DATE]).fetchall()
    assert wrong == []


def test_key_table_follows_the_raw_table_and_is_rebuilt_when_missing(landing, run, query,
                                                                     settings):
    rows = [charge_row(i) for i in range(10)]
    rows[3][5] = "12,3x"  # quarantined: its key is not landed
    write(landing / "sap_charges", "jan.txt", sap_list(CHARGE_HEADER, rows))
    run()
    assert query("SELECT count(*) FROM ingest_keys_sap_charges") == [(9,)]
    assert query("SELECT k0, k1, k2 FROM ingest_keys_sap_charges ORDER BY k1 LIMIT 1") == [
        ("2024", "100000000", "1")]
    with duckdb.connect(str(settings.raw)) as conn:
        conn.execute("DROP TABLE ingest_keys_sap_charges")
    write(landing / "sap_charges", "feb.txt",
          sap_list(CHARGE_HEADER, [charge_row(i) for i in range(2, 12)]))
    feb = run().files[-1]
    assert (feb.rows_loaded, feb.rows_duplicate) == (10, 7)
    assert query("SELECT count(*) FROM ingest_keys_sap_charges") == query(
        "SELECT count(*) FROM raw_sap_charges") == [(19,)]
