"""dbt-duckdb plugin: staging types the raw text with the same macros that ingest validates with."""

from __future__ import annotations

from dbt.adapters.duckdb.plugins import BasePlugin

from ingest.parsing import load_macros


class Plugin(BasePlugin):
    def configure_connection(self, conn) -> None:
        load_macros(conn)

    def configure_cursor(self, cursor) -> None:
        # Temporary macros belong to one connection; every dbt cursor needs its own.
        load_macros(cursor)
