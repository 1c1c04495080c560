"""Land one extract file into the raw store: archive, read, validate, insert, audit (one txn)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from pathlib import Path

import duckdb

from ingest.readers import Extract, ReadError, read_extract
from ingest.report import ALREADY_LOADED, LOADED, REJECTED, FileResult
from ingest.sources import SOURCES, Source, best_source, map_headers

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
_CHECKS = {
    "amount": ("fi_amount({c}) IS NULL", "not an amount"),
    "quantity": ("fi_quantity({c}) IS NULL", "not a quantity"),
    "date": ("fi_date({c}) IS NULL", "not a date"),
    # norm_code is NULL only for blank or E-notation text: the cheap LIKE spares the macro.
    "code": ("({c} ILIKE '%e%' OR trim({c}) = '') AND norm_code({c}) IS NULL", "not a code"),
    "int": ("NOT regexp_full_match({c}, '[+-]?\\d+(\\.0+)?')", "not a whole number"),
}
_TITLE_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")


def lit(text: str) -> str:
    """A SQL string literal (header labels become JSON keys)."""
    return "'" + text.replace("'", "''") + "'"


def create_tables(conn: duckdb.DuckDBPyConnection) -> None:
    for source in SOURCES.values():
        cols = ", ".join(f'"{c}" VARCHAR' for c in source.columns)
        conn.execute(f"CREATE TABLE IF NOT EXISTS {source.table} ({cols})")
    conn.execute(f"CREATE TABLE IF NOT EXISTS load_audit ({AUDIT_COLUMNS})")
    conn.execute(f"CREATE TABLE IF NOT EXISTS quarantine ({QUARANTINE_COLUMNS})")


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


def _missing_message(path: Path, source: Source, ext: Extract, mapped: set[str]) -> str | None:
    missing = [f for f in source.fields if f.required and f.name not in mapped]
    if not missing:
        return None
    parts = "; ".join(f"{f.name} (accepted labels: {', '.join(f.labels)})" for f in missing)
    message = f"{path.name}: missing required column(s) for {source.name}: {parts}"
    other, _ = best_source(ext.headers)
    other_mapped = set(map_headers(other, ext.headers).values())
    if other is not source and all(f.name in other_mapped for f in other.fields if f.required):
        message += (f". The headers look like a {other.name} extract: move the file to "
                    f"landing/{other.name}/")
    return message


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
    workdir: Path,
) -> FileResult:
    """Land one file whole or not at all; returns what happened."""
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    result = FileResult(source.name, path.name, LOADED, sha256=sha)
    if conn.execute("SELECT 1 FROM load_audit WHERE sha256 = ? AND status = ?",
                    [sha, LOADED]).fetchall():
        result.status, result.message = ALREADY_LOADED, "same content (sha256) loaded before"
        return result
    last = conn.execute("SELECT max(CAST(load_id AS BIGINT)) FROM load_audit").fetchall()[0][0]
    result.load_id = f"{(last or 0) + 1:010d}"
    try:
        archive(path, sha, archive_dir)
        ext = read_extract(conn, path, data, source, workdir)
        del data
        result.encoding, result.file_format = ext.encoding, ext.file_format
        result.rows_read, result.warnings = ext.rows_read, list(ext.warnings)
        mapping = map_headers(source, ext.headers)
        missing = _missing_message(path, source, ext, set(mapping.values()))
        if missing:
            raise ReadError(missing)
        extract_date, how = _extract_date(conn, path, source, ext, mapping)
        if how and "modification time" in how:
            result.warnings.append(how)
        _stage(conn, source, ext, mapping, extract_date)
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
    return result


def _stage(conn, source: Source, ext: Extract, mapping: dict[int, str], extract_date) -> None:
    by_field = {name: pos for pos, name in mapping.items()}
    nulls = ", ".join(lit(v) for v in ("", *source.null_literals))

    def col(pos: int) -> str:
        return f"CASE WHEN c{pos} IN ({nulls}) THEN NULL ELSE c{pos} END"

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
    # Checks run on the read cells themselves (no view in between), once per cell.
    checks = []
    for f in source.fields:
        if f.name not in by_field:
            continue
        c = f"c{by_field[f.name]}"
        if f.required:
            checks.append((f"{c} IS NULL OR {c} IN ({nulls})", f.name,
                           "'required value is empty'"))
        if f.kind in _CHECKS:
            cond, reason = _CHECKS[f.kind]
            why = (f"CASE WHEN regexp_matches({c}, '\\d[eE][+-]?\\d') THEN "
                   f"'scientific notation: Excel lost the digits' ELSE {lit(reason)} END")
            checks.append((f"{c} NOT IN ({nulls}) AND ({cond.format(c=c)})", f.name, why))
    # One pass evaluates every check on every row; only the few failing rows are unpivoted.
    failures = ", ".join(
        f"CASE WHEN {cond} THEN {{'column_name': {lit(name)}, 'raw_value': c{by_field[name]}, "
        f"'reason': {why}}} END" for cond, name, why in checks)
    conn.execute(
        "CREATE OR REPLACE TEMP TABLE _bad AS SELECT row_number, f.column_name, f.raw_value, "
        f"f.reason FROM (SELECT row_number, unnest([{failures}]) AS f FROM _rows "
        f"WHERE {' OR '.join(f'({cond})' for cond, _, _ in checks)}) WHERE f IS NOT NULL"
    )
    conn.execute("DROP VIEW IF EXISTS _stage")
    conn.execute(f"CREATE TEMP VIEW _stage AS SELECT {', '.join(exprs)} FROM _rows "
                 "WHERE row_number NOT IN (SELECT row_number FROM _bad)")


def _insert(conn, source: Source, r: FileResult, ext: Extract, mapping) -> None:
    cols = ", ".join(f'"{c}"' for c in source.columns)
    good = "FROM _stage"
    if source.natural_key:
        keys = ", ".join(f"{k} AS k{i}" for i, k in enumerate(source.natural_key))
        names = ", ".join(f"k{i}" for i in range(len(source.natural_key)))
        r.rows_duplicate = conn.execute(
            f"SELECT count(*) FROM (SELECT {keys} {good}) SEMI JOIN "
            f"(SELECT DISTINCT {keys} FROM {source.table}) USING ({names})"
        ).fetchall()[0][0]
    r.rows_loaded = conn.execute(f"INSERT INTO {source.table} ({cols}) SELECT ?, ?, * {good}",
                                 [r.load_id, r.file_name]).fetchall()[0][0]
    raw_row = ", ".join(f"{lit(h or f'column_{p + 1}')}, w.c{p}" for p, h in enumerate(ext.headers))
    conn.execute(
        "INSERT INTO quarantine SELECT ?, ?, ?, b.row_number, b.column_name, "
        f"b.raw_value, b.reason, json_object({raw_row}) FROM _bad b "
        "JOIN _rows w USING (row_number) ORDER BY 4, 5",
        [r.load_id, source.name, r.file_name],
    )
    r.rows_quarantined = conn.execute(
        "SELECT count(DISTINCT row_number) FROM _bad").fetchall()[0][0]
