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
def lit(text: str) -> str:
    """A SQL string literal (header labels become JSON keys)."""
    return "'" + text.replace("'", "''") + "'"


# Shapes that the parsing macros always accept: a cell of such a shape passes its check with
# one regular expression, and only the other cells pay for the macro (tests/ingest prove that
# every shape parses). Numbers: up to 14 integer digits (so rounding cannot overflow),
# thousands grouped by `.` or space, decimal comma, sign leading or trailing. Dates: d.m.yyyy,
# yyyy.mm.dd or ISO with a day that exists in that month in every year; 29.2., two-digit
# years and the rest take the macro.
_D = r"(\d{1,14}|\d{1,3}(\.\d{3}){1,3}|\d{1,3}( \d{3}){1,3})(,\d{1,6})?"
FAST_NUMBER = rf"-?{_D}|{_D}-"
FAST_DATE = (
    r"((0?[1-9]|1\d|2[0-8])\.(0?[1-9]|1[0-2])|(29|30)\.(0?[13-9]|1[0-2])|31\.(0?[13578]|1[02]))"
    r"\.[12]\d{3}"
    r"|[12]\d{3}\.((0[1-9]|1[0-2])\.(0[1-9]|1\d|2[0-8])|(0[13-9]|1[0-2])\.(29|30)"
    r"|(0[13578]|1[02])\.31)"
    r"|[12]\d{3}-((0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)"
    r"([ T].*)?"
)
# Per kind: (cheap test that the cell is fine, failure test for the rest). Written as CASE so
# that the macro runs only on cells the cheap test did not clear (AND/OR in a projection
# evaluate every operand).
_CHECKS = {
    "amount": (f"regexp_full_match({{c}}, {lit(FAST_NUMBER)})", "fi_amount({c}) IS NULL",
               "not an amount"),
    "quantity": (f"regexp_full_match({{c}}, {lit(FAST_NUMBER)})", "fi_quantity({c}) IS NULL",
                 "not a quantity"),
    "date": (f"regexp_full_match({{c}}, {lit(FAST_DATE)})", "fi_date({c}) IS NULL",
             "not a date"),
    # norm_code is NULL only for blank or E-notation text.
    "code": ("NOT ({c} ILIKE '%e%' OR trim({c}) = '')", "norm_code({c}) IS NULL", "not a code"),
    "int": ("regexp_full_match({c}, '[+-]?\\d+(\\.0+)?')", "true", "not a whole number"),
}
REPLACED_CODE = "replacement character (U+FFFD): the code was damaged before this file"
_TITLE_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")


def create_tables(conn: duckdb.DuckDBPyConnection) -> None:
    for source in SOURCES.values():
        cols = ", ".join(f'"{c}" VARCHAR' for c in source.columns)
        conn.execute(f"CREATE TABLE IF NOT EXISTS {source.table} ({cols})")
    conn.execute(f"CREATE TABLE IF NOT EXISTS load_audit ({AUDIT_COLUMNS})")
    conn.execute(f"CREATE TABLE IF NOT EXISTS quarantine ({QUARANTINE_COLUMNS})")
    for source in SOURCES.values():
        if source.natural_key:
            _sync_keys(conn, source)


def keys_table(source: Source) -> str:
    """Side table of the normalised natural keys of every row in the raw table (with its
    load_id), kept in the same transaction as the rows: the duplicate count probes it instead
    of normalising the whole raw table's keys again for every file."""
    return f"ingest_keys_{source.name}"


def _key_exprs(source: Source) -> str:
    return ", ".join(f"{_fast_key(k)} AS k{i}" for i, k in enumerate(source.natural_key))


def _fast_key(expr: str) -> str:
    """`norm_code(x)` with a shortcut for the common code that is already normal (digits
    without leading zeros): the same value without the macro."""
    return re.sub(r"norm_code\((\w+)\)", lambda m: (
        f"CASE WHEN regexp_full_match({m[1]}, '[1-9][0-9]*') THEN {m[1]} "
        f"ELSE norm_code({m[1]}) END"), expr)


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
                           lambda headers, select: _with_checks(source, headers, select),
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


def _nulls(source: Source) -> str:
    return ", ".join(lit(v) for v in ("", *source.null_literals))


def _checks(source: Source, by_field: dict[str, int]) -> list[tuple[str, str, str]]:
    """(failure condition, column, reason SQL) per check of a cell, over the read cells c{n}."""
    nulls, checks = _nulls(source), []
    for f in source.fields:
        if f.name not in by_field:
            continue
        c = f"c{by_field[f.name]}"
        if f.required:
            checks.append((f"{c} IS NULL OR {c} IN ({nulls})", f.name,
                           "'required value is empty'"))
        if f.required and f.kind == "code":  # a damaged code would join to the wrong thing
            checks.append((f"contains({c}, chr(65533))", f.name, f"'{REPLACED_CODE}'"))
        if f.kind in _CHECKS:
            fine, fails, reason = (part.replace("{c}", c) for part in _CHECKS[f.kind])
            why = (f"CASE WHEN regexp_matches({c}, '\\d[eE][+-]?\\d') THEN "
                   f"'scientific notation: Excel lost the digits' ELSE {lit(reason)} END")
            checks.append((f"CASE WHEN {c} IS NULL OR {c} IN ({nulls}) OR {fine} THEN false "
                           f"ELSE {fails} END", f.name, why))
    return checks


_SHAPES = {  # per kind, cell text that passes its check (no unit separator inside)
    "int": r"[+-]?\d+(\.0+)?",
    "amount": FAST_NUMBER,
    "quantity": FAST_NUMBER,
    "date": FAST_DATE.replace(".*", r"[^\x1f\n]*"),  # RE2's `.` is anything but a newline
    "code": r"[^\x1feE]*[^\x1feE ][^\x1feE]*",  # norm_code fails only on blank or E-notation
}


def _row_shape(f) -> str:
    """A regular expression for one checked cell: text that passes all of its checks (an
    empty cell passes an optional field; NULL joins as empty)."""
    shape = _SHAPES.get(f.kind, r"[^\x1f]+" if f.required else r"[^\x1f]*")
    if f.required and f.kind == "code":
        shape = shape.replace(r"\x1f", r"\x1f\x{FFFD}")
    return f"({shape})" if f.required else f"({shape})?"


def _with_checks(source: Source, headers: list[str], select: str) -> str:
    """The reader's `select` plus, computed in the same pass, `_fail` (the row fails a check)
    and `_k0..` (its natural key, as the raw table will hold it). Unchanged when a required
    column is missing: the file is rejected anyway."""
    by_field = {name: pos for pos, name in map_headers(source, headers).items()}
    if any(f.required and f.name not in by_field for f in source.fields):
        return select
    cells = ", ".join(["row_number", *(f"c{n}" for n in range(len(headers)))])
    fail = " ".join(f"WHEN {cond} THEN true" for cond, _, _ in _checks(source, by_field))
    fail = f"CASE {fail} ELSE false END" if fail else "false"
    checked = [f for f in source.fields if f.name in by_field and (f.required or f.kind in
                                                                   _CHECKS)]
    if checked and not source.null_literals:
        # Most rows are clean: one regular expression over the checked cells joined by a unit
        # separator clears them, and only the rows it does not clear run the checks one by one.
        joined = ", chr(31), ".join(f"c{by_field[f.name]}" for f in checked)
        pattern = r"\x1f".join(_row_shape(f) for f in checked)
        fail = f"CASE WHEN regexp_full_match(concat({joined}), {lit(pattern)}) THEN false " \
               f"ELSE {fail} END"
    keys, fields = "", ""
    if source.natural_key:
        keys = "".join(f", {_fast_key(k)} AS _k{i}" for i, k in enumerate(source.natural_key))
        nulls = _nulls(source)
        fields = "".join(
            f', CASE WHEN c{by_field[f.name]} IN ({nulls}) THEN NULL ELSE c{by_field[f.name]} '
            f'END AS "{f.name}"' if f.name in by_field else f', NULL::VARCHAR AS "{f.name}"'
            for f in source.fields)
    return (f"SELECT {cells}, {fail} AS _fail{keys} "
            f"FROM (SELECT *{fields} FROM ({select}))")


def _stage(conn, source: Source, ext: Extract, mapping: dict[int, str], extract_date,
           english: set[int]) -> None:
    """View `_stage` of the rows to land (numbers of English columns in the Finnish form)
    and temp table `_bad` of the failing cells."""
    by_field = {name: pos for pos, name in mapping.items()}
    nulls = _nulls(source)

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
    checks = _checks(source, by_field)
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
