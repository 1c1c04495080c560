"""The number convention of a text file's amount and quantity columns, decided per column.

A column is in the English convention (`1,273.38`, `1,273.38-`) when some of its values have
a point followed by one or two decimals (`1273.38`) or comma groups before a point
(`1,273.38`), and none has a Finnish decimal comma (`1273,38`, `0,0001`), point groups before
a comma (`1.273,38`) or space groups (`1 273`). Then `1,234` in that column is 1234, not
1.234: the column's values of the English shape are landed in the Finnish canonical form
(`1273,38-`, `1234`), which parsing.sql reads to the same cent in ingest and in dbt staging
alike; the file's own text stays in the archive and in quarantine. A column with evidence of
both conventions is left as it is (each value read by the macro's own rules) and warned about.
The first SAMPLE_ROWS rows decide when they show either convention; else all rows are looked at.
Workbook cells carry no convention (python-calamine gives numbers) and are not looked at.
"""

from __future__ import annotations

_ENGLISH = r"\.\d\d?-?$|\d,\d{3}\."
_FINNISH = r",\d\d?-?$|,\d{4,}-?$|\d\.\d{3},|\d[ \x{00A0}\x{202F}]\d{3}"
# Values that are read the English way: comma groups or digits, point decimals, sign either side.
# The first rows decide when they show either convention (one export has one convention).
SAMPLE_ROWS = 20_000
ENGLISH_SHAPE = r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?-?"


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def english_columns(conn, source, mapping: dict[int, str], file_format: str
                    ) -> tuple[set[int], list[str]]:
    """Positions of the English-convention columns of `_rows`, and the warnings to record."""
    kinds = {f.name: f.kind for f in source.fields}
    cols = [pos for pos, name in sorted(mapping.items())
            if kinds.get(name) in ("amount", "quantity")]
    if not cols or file_format in ("xlsx", "xls"):
        return set(), []
    found = _evidence(conn, cols, f"(SELECT * FROM _rows LIMIT {SAMPLE_ROWS})")
    undecided = [pos for pos, (en, fi, _) in found.items() if not (en or fi)]
    if undecided:  # no telling value in the first rows: all rows of those columns
        found |= _evidence(conn, undecided, "_rows")
    english, warnings = set(), []
    for pos in cols:
        en, fi, example = found[pos]
        if en and not fi:
            english.add(pos)
            warnings.append(f"{mapping[pos]}: English number convention (e.g. {example!r}): "
                            "',' read as the thousands separator, landed in the Finnish form "
                            "(1,273.38- as 1273,38-)")
        elif en and fi:
            warnings.append(f"{mapping[pos]}: values in both the English (e.g. {example!r}) and "
                            "the Finnish number convention; each read by its own shape")
    return english, warnings


def _evidence(conn, cols: list[int], rows: str) -> dict[int, tuple[int, int, str | None]]:
    """Per column: values of English shape, of Finnish shape, one English example."""
    parts = []
    for pos in cols:
        c = f"c{pos}"
        english = f"contains({c}, '.') AND regexp_matches({c}, {lit(_ENGLISH)})"
        # the regular expressions run only on values with a character they look for
        maybe_finnish = " OR ".join(f"contains({c}, {ch})" for ch in (
            "','", "' '", "chr(160)", "chr(8239)"))
        parts += [f"count(*) FILTER ({english})",
                  f"count(*) FILTER (({maybe_finnish}) AND regexp_matches({c}, {lit(_FINNISH)}))",
                  f"any_value({c}) FILTER ({english})"]
    found = conn.execute(f"SELECT {', '.join(parts)} FROM {rows}").fetchall()[0]
    return {pos: found[3 * n: 3 * n + 3] for n, pos in enumerate(cols)}


def to_finnish(expr: str) -> str:
    """SQL: an English-convention value of `expr` in the Finnish canonical form."""
    return (f"CASE WHEN regexp_full_match({expr}, {lit(ENGLISH_SHAPE)}) THEN "
            f"replace(replace({expr}, ',', ''), '.', ',') ELSE {expr} END")
