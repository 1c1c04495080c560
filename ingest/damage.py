"""Replacement damage in a file's text: U+FFFD (a character a conversion could not represent,
replaced before the file reached us) and `?` between letters (`Ty?llisyys`: a code page
without ä). Reported as warnings naming the first row and column; a required code with
U+FFFD is quarantined by landing's checks. The cells are searched in SQL, and only when the
file's bytes hold the character at all."""

from __future__ import annotations

from ingest.encoding import Sniffed

_FFFD_UTF8 = "\ufffd".encode()
_QUESTION_IN_WORD = r"\pL\?\pL"


def suspects(data: bytes, sniffed) -> tuple[bool, bool]:
    """(U+FFFD may occur, `?` may occur) in the cells of this file, from its bytes or text."""
    if not isinstance(sniffed, Sniffed):  # a workbook (or a file that will be refused)
        return data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")), False
    if sniffed.text is not None:
        return "\ufffd" in sniffed.text, "?" in sniffed.text
    utf8 = sniffed.encoding.startswith("utf-8")
    return utf8 and _FFFD_UTF8 in data, b"?" in data


def damage_warnings(conn, headers: list[str], fffd: bool, question: bool) -> list[str]:
    warnings = []
    if fffd:
        hit = _first(conn, headers, "contains({c}, chr(65533))")
        if hit:
            warnings.append(f"U+FFFD (replacement character) in {hit}: characters were lost "
                            "in a conversion before this file was written; re-export from "
                            "the source system (rows with a damaged required code are "
                            "quarantined)")
    if question:
        hit = _first(conn, headers, f"regexp_matches({{c}}, '{_QUESTION_IN_WORD}')")
        if hit:
            warnings.append(f"'?' between letters in {hit}: a letter such as ä or ö may have "
                            "been replaced by a code page that lacks it; check the export's "
                            "encoding")
    return warnings


def _first(conn, headers: list[str], cond: str) -> str | None:
    """`N rows, first on row R, column 'X' ('value')` for the rows where `cond` holds."""
    cells = [f"c{n}" for n in range(len(headers))]
    any_cell = " OR ".join(cond.replace("{c}", c) for c in cells)
    count, row = conn.execute(f"SELECT count(*), min(row_number) FROM _rows WHERE {any_cell}"
                              ).fetchall()[0]
    if not count:
        return None
    picks = ", ".join(f"CASE WHEN {cond.replace('{c}', c)} THEN {c} END" for c in cells)
    values = conn.execute(f"SELECT {picks} FROM _rows WHERE row_number = ?", [row]).fetchall()[0]
    pos = next(n for n, v in enumerate(values) if v is not None)
    return (f"{count} row{'s' if count > 1 else ''}, first on row {row}, column "
            f"{headers[pos] or f'column_{pos + 1}'!r} ({values[pos]!r})")
