"""The checks of one landed row, computed in SQL in the same pass as the read: each field's
kind (amount, quantity, date, code, whole number), required values, replaced characters in
codes, and the natural key as the raw table holds it."""

from __future__ import annotations

import re

from ingest.sources import Source, map_headers


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
CHECKS = {
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
REQUIRED = "required value is empty"
SCIENTIFIC = "scientific notation: Excel lost the digits"


def fast_key(expr: str) -> str:
    """`norm_code(x)` with a shortcut for the common code that is already normal (digits
    without leading zeros): the same value without the macro."""
    return re.sub(r"norm_code\((\w+)\)", lambda m: (
        f"CASE WHEN regexp_full_match({m[1]}, '[1-9][0-9]*') THEN {m[1]} "
        f"ELSE norm_code({m[1]}) END"), expr)

def null_literals_sql(source: Source) -> str:
    return ", ".join(lit(v) for v in ("", *source.null_literals))


def cell_checks(source: Source, by_field: dict[str, int]) -> list[tuple[str, str, str]]:
    """(failure condition, column, reason SQL) per check of a cell, over the read cells c{n}."""
    nulls, checks = null_literals_sql(source), []
    for f in source.fields:
        if f.name not in by_field:
            continue
        c = f"c{by_field[f.name]}"
        if f.required:
            checks.append((f"{c} IS NULL OR {c} IN ({nulls})", f.name, lit(REQUIRED)))
        if f.required and f.kind == "code":  # a damaged code would join to the wrong thing
            checks.append((f"contains({c}, chr(65533))", f.name, f"'{REPLACED_CODE}'"))
        if f.kind in CHECKS:
            fine, fails, reason = (part.replace("{c}", c) for part in CHECKS[f.kind])
            why = (f"CASE WHEN regexp_matches({c}, '\\d[eE][+-]?\\d') THEN "
                   f"{lit(SCIENTIFIC)} ELSE {lit(reason)} END")
            checks.append((f"CASE WHEN {c} IS NULL OR {c} IN ({nulls}) OR {fine} THEN false "
                           f"ELSE {fails} END", f.name, why))
    return checks


SHAPES = {  # per kind, cell text that passes its check (no unit separator inside)
    "int": r"[+-]?\d+(\.0+)?",
    "amount": FAST_NUMBER,
    "quantity": FAST_NUMBER,
    "date": FAST_DATE.replace(".*", r"[^\x1f\n]*"),  # RE2's `.` is anything but a newline
    "code": r"[^\x1feE]*[^\x1feE ][^\x1feE]*",  # norm_code fails only on blank or E-notation
}


def row_shape(f) -> str:
    """A regular expression for one checked cell: text that passes all of its checks (an
    empty cell passes an optional field; NULL joins as empty)."""
    shape = SHAPES.get(f.kind, r"[^\x1f]+" if f.required else r"[^\x1f]*")
    if f.required and f.kind == "code":
        shape = shape.replace(r"\x1f", r"\x1f\x{FFFD}")
    return f"({shape})" if f.required else f"({shape})?"


def with_checks(source: Source, headers: list[str], select: str) -> str:
    """The reader's `select` plus, computed in the same pass, `_fail` (the row fails a check)
    and `_k0..` (its natural key, as the raw table will hold it). Unchanged when a required
    column is missing: the file is rejected anyway."""
    by_field = {name: pos for pos, name in map_headers(source, headers).items()}
    if any(f.required and f.name not in by_field for f in source.fields):
        return select
    cells = ", ".join(["row_number", *(f"c{n}" for n in range(len(headers)))])
    fail = " ".join(f"WHEN {cond} THEN true" for cond, _, _ in cell_checks(source, by_field))
    fail = f"CASE {fail} ELSE false END" if fail else "false"
    checked = [f for f in source.fields if f.name in by_field and (f.required or f.kind in
                                                                   CHECKS)]
    if checked and not source.null_literals:
        # Most rows are clean: one regular expression over the checked cells joined by a unit
        # separator clears them, and only the rows it does not clear run the checks one by one.
        joined = ", chr(31), ".join(f"c{by_field[f.name]}" for f in checked)
        pattern = r"\x1f".join(row_shape(f) for f in checked)
        fail = f"CASE WHEN regexp_full_match(concat({joined}), {lit(pattern)}) THEN false " \
               f"ELSE {fail} END"
    keys, fields = "", ""
    if source.natural_key:
        keys = "".join(f", {fast_key(k)} AS _k{i}" for i, k in enumerate(source.natural_key))
        nulls = null_literals_sql(source)
        fields = "".join(
            f', CASE WHEN c{by_field[f.name]} IN ({nulls}) THEN NULL ELSE c{by_field[f.name]} '
            f'END AS "{f.name}"' if f.name in by_field else f', NULL::VARCHAR AS "{f.name}"'
            for f in source.fields)
    return (f"SELECT {cells}, {fail} AS _fail{keys} "
            f"FROM (SELECT *{fields} FROM ({select}))")
