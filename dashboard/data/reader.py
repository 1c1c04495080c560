"""Reading the warehouse without Streamlit: the query shape, its errors and a plain reader.

Every page query is a plain function `f(reader, …) -> DataFrame` that runs parameter-bound
selects through `Reader.read` / `Reader.read_optional`. Two readers answer them: the cached
engine of the running dashboard (`dashboard.data.engine`) and `WarehouseReader`, one read-only
instance on a warehouse file, for the report pack and the CLI.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard.data import hot_queries
from dashboard.data.served import CATALOG, Unavailable, attach, stat

Query = hot_queries.Query  # (sql, params, relation, optional, named)


class WarehouseUnavailable(Exception):
    """The warehouse cannot answer; pages show `i18n` key `message_key` instead of data."""

    message_key = "not_built"

    def __init__(self, detail: str, relation: str | None = None) -> None:
        super().__init__(detail)
        self.relation = relation


class WarehouseMissing(WarehouseUnavailable):
    """The warehouse file does not exist (or is not a DuckDB database)."""


class RelationMissing(WarehouseUnavailable):
    """The warehouse exists but lacks a relation or column that the dashboard reads."""

    message_key = "relation_missing"


def floats(table: pa.Table) -> pa.Table:
    """DECIMAL money arrives as Python Decimal objects in pandas; charts and formats want floats."""
    for index, field in enumerate(table.schema):
        if pa.types.is_decimal(field.type):
            table = table.set_column(index, field.name, table.column(index).cast(pa.float64()))
    return table


def bound(params: tuple, named: bool) -> list | dict:
    """The query's hashable parameters as DuckDB binds them; tuples become SQL lists."""
    def value(item: object) -> object:
        return list(item) if isinstance(item, tuple) else item

    if named:
        return {name: value(item) for name, item in params}
    return [value(item) for item in params]


def run(con: duckdb.DuckDBPyConnection, query: Query) -> pd.DataFrame | None:
    """Run one select on `con`; None when an optional relation is absent.

    `con.sql(...).to_arrow_table()`: DuckDB 2.0 warns that Arrow output of an `execute()`
    result copies the rows, `con.sql` does not.
    """
    sql, params, relation, optional, named = query
    if optional:
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [relation]
        ).fetchall()
        if exists[0][0] == 0:
            return None
    try:
        table = con.sql(sql, params=bound(params, named)).to_arrow_table()
    except (duckdb.CatalogException, duckdb.BinderException) as error:
        raise RelationMissing(str(error).splitlines()[0], relation) from None
    return floats(table).to_pandas()


def make_query(sql: str, relation: str, params: dict, optional: bool) -> Query:
    """A hashable query with `$name` parameters (lists bound as tuples)."""
    return hot_queries.hashable((sql, tuple(sorted(params.items())), relation, optional, True))


class Reader:
    """Answers queries; subclasses say how (`answer`)."""

    def answer(self, query: Query) -> pd.DataFrame | None:
        raise NotImplementedError

    def read(self, sql: str, relation: str, **params: object) -> pd.DataFrame:
        """Run a select with `$name` parameters; `relation` names what is missing on error."""
        frame = self.answer(make_query(sql, relation, params, optional=False))
        assert frame is not None
        return frame

    def read_optional(self, sql: str, relation: str, **params: object) -> pd.DataFrame | None:
        """As `read`, but None when `relation` does not exist (yet)."""
        return self.answer(make_query(sql, relation, params, optional=True))


class WarehouseReader(Reader):
    """One read-only instance on a warehouse file, no cache: the report pack and the CLI.

    Use as a context manager, or call `close()`.
    """

    def __init__(self, path: Path | str) -> None:
        try:
            version = stat(str(path))
        except FileNotFoundError:
            raise WarehouseMissing(f"warehouse file not found: {path}") from None
        try:
            self._con = attach(version)
        except Unavailable as error:
            raise WarehouseMissing(str(error)) from None

    def answer(self, query: Query) -> pd.DataFrame | None:
        cursor = self._con.cursor()
        cursor.execute(f"USE {CATALOG}")  # a cursor does not inherit the instance's USE
        try:
            return run(cursor, query)
        finally:
            cursor.close()

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> WarehouseReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# The customers that pass the sidebar filters, as a CTE; bind with `**filters.params()`.
FILTERED = """
    filtered AS (
        SELECT * FROM customers
        WHERE (len($types::VARCHAR[]) = 0 OR list_contains($types::VARCHAR[], customer_type))
          AND (len($segments::INTEGER[]) = 0
               OR list_contains($segments::INTEGER[], segment::INTEGER))
          AND (len($managers::VARCHAR[]) = 0
               OR list_contains($managers::VARCHAR[], partnership_manager))
    )
"""


def month_start(day: dt.date, months_back: int = 0) -> dt.date:
    """The first day of the month `months_back` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)
