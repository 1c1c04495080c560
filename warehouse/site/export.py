"""Copy a validated site into the raw store, where dbt reads it (schema `main`, `site_*`)."""

from __future__ import annotations

import json

from warehouse.site.history import read_history, version
from warehouse.site.load import Site
from warehouse.site.tables import TABLES

HISTORY_COLUMNS = ("at", "by", "via", "file", "file_modified", "change", "key", "detail",
                   "note")


def _replace(con, table: str, columns: list[str], rows: list[tuple]) -> None:
    typed = ", ".join(f'"{c}" VARCHAR' for c in columns)
    con.execute(f"CREATE OR REPLACE TABLE {table} ({typed})")
    if rows:
        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})", rows)


def export_to(site: Site, raw_con) -> str:
    """Replace the site tables in a raw-store connection (one transaction); returns the
    site's version, which the build compares to decide whether every charge is mapped again."""
    site_version = version(site)
    raw_con.execute("BEGIN TRANSACTION")
    try:
        for name, table in TABLES.items():
            columns = table.column_names
            _replace(raw_con, f"site_{name}", columns,
                     [tuple(row[c] or None for c in columns) for row in site.tables[name]])
        _replace(raw_con, "site_settings", ["section", "key", "value"], [
            (section, key, json.dumps(value, ensure_ascii=False))
            for section, values in site.settings.items() for key, value in values.items()])
        _replace(raw_con, "site_history", list(HISTORY_COLUMNS), [
            tuple(json.dumps(e.get(c), ensure_ascii=False) if c == "detail" else e.get(c)
                  for c in HISTORY_COLUMNS) for e in read_history(site.folder)])
        _replace(raw_con, "site_meta", ["site_name", "site_folder", "site_version"],
                 [(site.name, str(site.folder), site_version)])
        raw_con.execute("COMMIT")
    except BaseException:
        raw_con.execute("ROLLBACK")
        raise
    return site_version
