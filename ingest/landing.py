"""Land one extract file into the raw store: archive, read, validate, insert, audit (one txn)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from ingest.damage import damage_warnings, suspects
from ingest.headers import accepted, cut_titles, misplaced, site_label_hint
from ingest.numbers import english_columns, to_finnish
from ingest.prepare import prepare
from ingest.readers import Extract, ReadError, read_extract
from ingest.report import ALREADY_LOADED, LOADED, REJECTED, FileResult
from ingest.row_checks import cell_checks, fast_key, lit, null_literals_sql, with_checks
from ingest.sources import SOURCES, Source, map_headers

AUDIT_COLUMNS = (
    "load_id VARCHAR, source VARCHAR, file_name VARCHAR, sha256 VARCHAR, status VARCHAR, "
    "encoding VARCHAR, file_format VARCHAR, rows_read BIGINT, rows_loaded BIGINT, "
    "rows_quarantined BIGINT, rows_duplicate BIGINT, warnings VARCHAR, message VARCHAR, "
    "loaded_at TIMESTAMP"
)
QUARANTINE_COLUMNS = (
    "load_id VARCHAR, source VARCHAR, file_name VARCHAR, row_number BIGINT, "
    "column_name VARCHAR, raw_value VARCHAR, reason VARCHAR, raw_row JSON"
)
_TITLE_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")


def ensure_raw_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """Every source's raw table, the load audit and the quarantine, created empty where
    missing: a raw store written before a source existed (or a source no file was ever
    landed for) still has a table for the build to read."""
    for source in SOURCES.values():
        cols = ", ".join(f'"{c}" VARCHAR' for c in source.columns)
        conn.execute(f"CREATE TABLE IF NOT EXISTS {source.table} ({cols})")
    conn.execute(f"CREATE TABLE IF NOT EXISTS load_audit ({AUDIT_COLUMNS})")
    conn.execute(f"CREATE TABLE IF NOT EXISTS quarantine ({QUARANTINE_COLUMNS})")


def create_tables(conn: duckdb.DuckDBPyConnection) -> None:
    ensure_raw_tables(conn)
    for source in SOURCES.values():
        if source.natural_key:
            _sync_keys(conn, source)


def keys_table(source: Source) -> str:
    """Side table of the normalised natural keys of every row in the raw table (with its
    load_id), kept in the same transaction as the rows: the duplicate count probes it instead
    of normalising the whole raw table's keys again for every file."""
    return f"ingest_keys_{source.name}"


def _key_exprs(source: Source) -> str:
    return ", ".join(f"{fast_key(k)} AS k{i}" for i, k in enumerate(source.natural_key))


def _sync_keys(conn, source: Source) -> None:
    """Create the key table; rebuild it from the raw table when their row counts differ (a raw
    store written before the key table existed, or rows deleted by hand)."""
    table = keys_table(source)
    cols = ", ".join(f"k{i} VARCHAR" for i in range(len(source.natural_key)))
    conn.execute(f"CREATE TABLE IF NOT EXISTS {table} (load_id VARCHAR, {cols})")
    counts = conn.execute(f"SELECT (SELECT count(*) FROM {source.table}), "
                          f"(SELECT count(*) FROM {table})").fetchall()[0]
    if counts[0] != counts[1]:
        conn.begin()
        conn.execute(f"DELETE FROM {table}")
        conn.execute(f"INSERT INTO {table} SELECT load_id, {_key_exprs(source)} "
                     f"FROM {source.table}")
        conn.commit()


def archive(path: Path, sha: str, archive_dir: Path) -> Path:
    """Keep the original by checksum: `<sha[:2]>/<sha256><suffix>`."""
    target = archive_dir / sha[:2] / f"{sha}{path.suffix.lower()}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        shutil.copyfile(path, tmp)
        os.replace(tmp, target)
    return target


def _audit(conn, r: FileResult) -> None:
    conn.execute(
        "INSERT INTO load_audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
        [r.load_id, r.source, r.file_name, r.sha256, r.status, r.encoding, r.file_format,
         r.rows_read, r.rows_loaded, r.rows_quarantined, r.rows_duplicate,
         "; ".join(r.warnings) or None, r.message],
    )


def _missing_message(path: Path, source: Source, ext: Extract, mapped: set[str],
                     sources) -> str | None:
    missing = {f.name for f in source.fields if f.required and f.name not in mapped}
    if not missing:
        return None
    message = (f"{path.name}: missing required column(s) for {source.name}: "
               f"{accepted(source, missing)}")
    elsewhere = misplaced(source, ext.headers, sources)
    return f"{message}. {elsewhere[0].upper()}{elsewhere[1:]}" if elsewhere else (
        f"{message}; {site_label_hint(source)}")


def _extract_date(conn, path: Path, source: Source, ext: Extract, mapping: dict[int, str]):
    """(ISO date, how it was found) of a snapshot file; None for non-snapshot sources."""
    if not source.snapshot or "extract_date" in {f.name for f in source.fields}:
        return None, None
    by_field = {name: pos for pos, name in mapping.items()}
    if "extract_date" in by_field:
        found = _newest(conn, by_field["extract_date"])
        if found:
            label = ext.headers[by_field["extract_date"]]
            return found, f"extract date {found} from the column {label!r}"
    for line in ext.title_lines:
        m = _TITLE_DATE.search(line)
        if m:
            d, mo, y, iy, im, iday = m.groups()
            try:
                found = (dt.date(int(y), int(mo), int(d)) if y else
                         dt.date(int(iy), int(im), int(iday))).isoformat()
                return found, f"extract date {found} from the title line {line!r}"
            except ValueError:
                continue
    fallback = {"sccm": "last_hw_scan", "applications": "modified"}.get(source.name)
    if fallback in by_field:
        found = _newest(conn, by_field[fallback])
        if found:
            return found, f"extract date {found} = newest {fallback}"
    found = dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
    return found, f"extract date {found} from the file's modification time (no date in the file)"


def _newest(conn, pos: int) -> str | None:
    value = conn.execute(f"SELECT max(fi_date(c{pos})) FROM _rows").fetchall()[0][0]
    return value.isoformat() if value else None


def land_file(
    conn: duckdb.DuckDBPyConnection, path: Path, source: Source, archive_dir: Path,
    workdir: Path, sources: dict[str, Source] | None = None,
) -> FileResult:
    """Land one file whole or not at all; returns what happened. `sources` (with a site's
    labels) are what headers are matched against; `source` is one of them."""
    sources = SOURCES if sources is None else sources
    prepared = prepare(path)
    data, sha, sniffed = prepared.data, prepared.sha256, prepared.sniffed
    del prepared  # the bytes are freed as soon as this function is done with them
    result = FileResult(source.name, path.name, LOADED, sha256=sha)
    # A retracted file was taken out on purpose: the same content never comes back in.
    if conn.execute("SELECT 1 FROM load_audit WHERE sha256 = ? AND status IN (?, 'retracted')",
                    [sha, LOADED]).fetchall():
        result.status, result.message = ALREADY_LOADED, "same content (sha256) loaded before"
        return result
    last = conn.execute("SELECT max(CAST(load_id AS BIGINT)) FROM load_audit").fetchall()[0][0]
    result.load_id = f"{(last or 0) + 1:010d}"
    # The copy into the archive (I/O, no GIL) runs while DuckDB reads; it must succeed before
    # the commit.
    pool = ThreadPoolExecutor(max_workers=1)
    archived = pool.submit(archive, path, sha, archive_dir)
    try:
        damaged = suspects(data, sniffed)
        ext = read_extract(conn, path, data, source, workdir,
                           lambda headers, select: with_checks(source, headers, select),
                           sniffed, sources)
        del data
        result.encoding, result.file_format = ext.encoding, ext.file_format
        result.rows_read, result.warnings = ext.rows_read, list(ext.warnings)
        mapping = map_headers(source, ext.headers)
        missing = _missing_message(path, source, ext, set(mapping.values()), sources)
        if missing:
            raise ReadError(missing)
        result.warnings += cut_titles(source, ext.headers)
        result.warnings += damage_warnings(conn, ext.headers, *damaged)
        extract_date, how = _extract_date(conn, path, source, ext, mapping)
        if how and "modification time" in how:
            result.warnings.append(how)
        english, notes = english_columns(conn, source, mapping, ext.file_format)
        result.warnings += notes
        _stage(conn, source, ext, mapping, extract_date, english)
        archived.result()
        conn.begin()
        try:
            _insert(conn, source, result, ext, mapping)
            result.message = (
                f"{result.rows_loaded:,} rows loaded, {result.rows_quarantined:,} quarantined, "
                f"{result.rows_duplicate:,} repeat keys of earlier loads"
                + (f"; {how}" if how and how not in result.warnings else ""))
            _audit(conn, result)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
    except Exception as exc:  # one bad file (or a reader bug) must not stop the others
        result.status = REJECTED
        result.rows_loaded = result.rows_quarantined = result.rows_duplicate = 0
        text = str(exc) if isinstance(exc, ReadError) else f"{type(exc).__name__}: {exc}"
        result.message = text if text.startswith(path.name) else f"{path.name}: {text}"
        _audit(conn, result)
    finally:
        pool.shutdown(wait=True)
    return result


def _stage(conn, source: Source, ext: Extract, mapping: dict[int, str], extract_date,
           english: set[int]) -> None:
    """View `_stage` of the rows to land (numbers of English columns in the Finnish form)
    and temp table `_bad` of the failing cells."""
    by_field = {name: pos for pos, name in mapping.items()}
    nulls = null_literals_sql(source)

    def col(pos: int) -> str:
        cell = f"CASE WHEN c{pos} IN ({nulls}) THEN NULL ELSE c{pos} END"
        return to_finnish(cell) if pos in english else cell

    exprs = ["CAST(row_number AS VARCHAR) AS row_number"]
    if "extract_date" in {f.name for f in source.fields}:
        exprs.append(f"{col(by_field['extract_date'])} AS extract_date")
    else:
        exprs.append(f"{lit(extract_date) if extract_date else 'NULL'}::VARCHAR AS extract_date")
    for f in source.fields:
        if f.name != "extract_date":
            expr = col(by_field[f.name]) if f.name in by_field else "NULL"
            exprs.append(f'{expr}::VARCHAR AS "{f.name}"')
    extras, seen = [], set()
    for pos, header in enumerate(ext.headers):
        if pos in mapping:
            continue
        key = header or f"column_{pos + 1}"
        while key in seen:
            key += "_"
        seen.add(key)
        extras.append(f"{lit(key)}, c{pos}")
    extra = f"json_object({', '.join(extras)})" if extras else "'{}'"
    exprs.append(f"CAST({extra} AS VARCHAR) AS extra_columns")
    # `_fail` was computed while the file was read; only the few failing rows are unpivoted
    # into one row per failing cell.
    checks = cell_checks(source, by_field)
    failures = ", ".join(
        f"CASE WHEN {cond} THEN {{'column_name': {lit(name)}, 'raw_value': c{by_field[name]}, "
        f"'reason': {why}}} END" for cond, name, why in checks) or "NULL"
    conn.execute(
        "CREATE OR REPLACE TEMP TABLE _bad AS SELECT row_number, f.column_name, f.raw_value, "
        f"f.reason FROM (SELECT row_number, unnest([{failures}]) AS f FROM _rows "
        "WHERE _fail) WHERE f IS NOT NULL"
    )
    conn.execute("DROP VIEW IF EXISTS _stage")
    conn.execute(f"CREATE TEMP VIEW _stage AS SELECT {', '.join(exprs)} FROM _rows "
                 "WHERE NOT _fail")


def _insert(conn, source: Source, r: FileResult, ext: Extract, mapping) -> None:
    cols = ", ".join(f'"{c}"' for c in source.columns)
    if source.natural_key:
        table = keys_table(source)
        names = ", ".join(f"k{i}" for i in range(len(source.natural_key)))
        keys = ", ".join(f"_k{i} AS k{i}" for i in range(len(source.natural_key)))
        good = f"(SELECT {keys} FROM _rows WHERE NOT _fail)"
        r.rows_duplicate = conn.execute(
            f"SELECT count(*) FROM {good} SEMI JOIN {table} USING ({names})").fetchall()[0][0]
        conn.execute(f"INSERT INTO {table} SELECT ?, * FROM {good}", [r.load_id])
    r.rows_loaded = conn.execute(f"INSERT INTO {source.table} ({cols}) SELECT ?, ?, * "
                                 "FROM _stage", [r.load_id, r.file_name]).fetchall()[0][0]
    raw_row = ", ".join(f"{lit(h or f'column_{p + 1}')}, w.c{p}" for p, h in enumerate(ext.headers))
    conn.execute(
        "INSERT INTO quarantine SELECT ?, ?, ?, b.row_number, b.column_name, "
        f"b.raw_value, b.reason, json_object({raw_row}) FROM _bad b "
        "JOIN _rows w USING (row_number) ORDER BY 4, 5",
        [r.load_id, source.name, r.file_name],
    )
    r.rows_quarantined = conn.execute(
        "SELECT count(DISTINCT row_number) FROM _bad").fetchall()[0][0]
