"""A rebuild never disturbs a reader, and a failed build publishes nothing."""

import duckdb
import pytest

from warehouse import publish


def _write(path, value):
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select ? as v", [value])


def test_reader_of_old_file_keeps_reading_while_new_one_is_published(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    _write(warehouse, "old")
    reader = duckdb.connect(str(warehouse), read_only=True)
    with publish.rebuilding(warehouse) as new_file:
        _write(new_file, "new")
    assert reader.execute("select v from t").fetchone() == ("old",)
    reader.close()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select v from t").fetchone() == ("new",)


def test_failed_build_leaves_the_published_file_and_no_debris(tmp_path):
    warehouse = tmp_path / "wh.duckdb"
    _write(warehouse, "old")
    with pytest.raises(RuntimeError), publish.rebuilding(warehouse) as new_file:
        _write(new_file, "half")
        raise RuntimeError("dbt failed")
    assert [p.name for p in tmp_path.iterdir()] == ["wh.duckdb"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select v from t").fetchone() == ("old",)
