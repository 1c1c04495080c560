"""Vectorised value formatting and the file writers (SAP list, delimited text, xlsx)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import xlsxwriter

NBSP = "\u00a0"
CHUNK = 200_000


def _by_unique(values: np.ndarray, fn) -> list[str]:
    """Format each distinct value once, then expand (values are few: dates, codes)."""
    uniq, inv = np.unique(values, return_inverse=True)
    table = np.array([fn(u) for u in uniq.tolist()], dtype=object)
    return table[inv].tolist()


def fmt_amount(cents: np.ndarray, style: str) -> list[str]:
    """Cents (int) -> text. sap `1.234,56`/`345,10-`, fi `-1 234,56` (NBSP), plain `1234.56`,
    ficomma `-1234,56`."""
    c = np.asarray(cents, dtype=np.int64)
    neg = (c < 0).tolist()
    ip = (np.abs(c) // 100).tolist()
    fp = (np.abs(c) % 100).tolist()
    if style == "sap":
        return [f"{i:,}".replace(",", ".") + f",{f:02d}" + ("-" if n else "")
                for i, f, n in zip(ip, fp, neg, strict=True)]
    if style == "fi":
        return [("-" if n else "") + f"{i:,}".replace(",", NBSP) + f",{f:02d}"
                for i, f, n in zip(ip, fp, neg, strict=True)]
    if style == "plain":
        return [("-" if n else "") + f"{i}.{f:02d}" for i, f, n in zip(ip, fp, neg, strict=True)]
    if style == "ficomma":
        return [("-" if n else "") + f"{i},{f:02d}" for i, f, n in zip(ip, fp, neg, strict=True)]
    raise ValueError(style)


def fmt_qty(q: np.ndarray, style: str) -> list[str]:
    """Quantities (multiples of 0.5). sap `83,000`/`7,500-`, fi `7,5`, plain `7.5`."""
    q2 = np.round(np.asarray(q, dtype=float) * 2).astype(np.int64)  # half units

    def f(v: int) -> str:
        a = abs(v)
        if style == "sap":
            return f"{a // 2:,}".replace(",", ".") + (",500" if a % 2 else ",000") + (
                "-" if v < 0 else "")
        s = str(a // 2) + ((",5" if style == "fi" else ".5") if a % 2 else "")
        return ("-" if v < 0 else "") + s
    return _by_unique(q2, f)


def fmt_date(days: np.ndarray, style: str) -> list[str]:
    """numpy datetime64[D] -> text: sap `31.03.2024`, fi `1.3.2024`, iso `2024-03-31`,
    compact `20240331`."""
    d = np.asarray(days, dtype="datetime64[D]")
    fmt = {"sap": lambda x: x.strftime("%d.%m.%Y"),
           "fi": lambda x: f"{x.day}.{x.month}.{x.year}",
           "iso": lambda x: x.isoformat(), "compact": lambda x: x.strftime("%Y%m%d")}[style]
    return _by_unique(d, lambda u: fmt(u))


def as_text(values) -> list[str]:
    return [str(v) for v in np.asarray(values).tolist()]


def write_delimited(path: Path, header: list[str], cols: list[list[str]], *, sep: str,
                    encoding: str, bom: bool = False, title: list[str] | None = None,
                    quote: bool = False) -> int:
    """Delimited text; returns the number of data rows."""
    n = len(cols[0]) if cols else 0

    def q(v: str) -> str:
        return '"' + v.replace('"', '""') + '"' if (sep in v or '"' in v) else v
    with open(path, "w", encoding=encoding, newline="") as fh:
        if bom:
            fh.write("\ufeff")
        for t in title or []:
            fh.write(t + "\r\n")
        fh.write(sep.join(header) + "\r\n")
        for s in range(0, n, CHUNK):
            part = [c[s:s + CHUNK] for c in cols]
            if quote:
                part = [[q(v) for v in c] for c in part]
            fh.write("\r\n".join(sep.join(r) for r in zip(*part, strict=True)) + "\r\n")
    return n


def write_sap_list(path: Path, header: list[str], cols: list[list[str]], right: set[int], *,
                   title: str, info: list[str], criteria: list[str] | None = None,
                   groups: np.ndarray | None = None, total_col: int | None = None,
                   total_cents: np.ndarray | None = None, page: int = 64,
                   encoding: str = "cp1252") -> dict:
    """SAP unconverted list export. Rows of one group are followed by a `|*` subtotal row.
    Returns {'rows': n, 'page_headers': k, 'lines': line numbers (1-based) of data rows}."""
    n = len(cols[0])
    widths = [max(len(h), max((len(v) for v in c), default=0)) for h, c in zip(header, cols,
                                                                             strict=True)]
    fmts = [f"{{:{'>' if i in right else '<'}{w}}}" for i, w in enumerate(widths)]
    rowfmt = "|" + "|".join(fmts) + "|"
    width = sum(widths) + len(widths) + 1
    rule = "-" * width
    hdr_block = [rule, rowfmt.format(*header), "|" + "-" * (width - 2) + "|"]
    out = [f"{title}{' ' * max(1, width - len(title) - 20)}Sivu     1", ""]
    if criteria:
        box = max(len(x) for x in criteria) + 4
        out += ["-" * box] + [f"| {x:<{box - 4}} |" for x in criteria] + ["-" * box, ""]
    out += info + [""]
    lines = np.zeros(n, dtype=np.int64)
    pages = 0
    written = 0
    bounds = [0, n]
    if groups is not None and n:
        change = np.flatnonzero(groups[1:] != groups[:-1]) + 1
        bounds = [0, *change.tolist(), n]
    with open(path, "w", encoding=encoding, newline="") as fh:
        lineno = 0

        def emit(chunk: list[str]) -> None:
            nonlocal lineno
            fh.write("\r\n".join(chunk) + "\r\n")
            lineno += len(chunk)
        emit(out)
        on_page = page  # force a header block first
        for a, b in zip(bounds[:-1], bounds[1:], strict=True):
            for s in range(a, b, CHUNK):
                e = min(b, s + CHUNK)
                rows = [rowfmt.format(*r) for r in zip(*(c[s:e] for c in cols), strict=True)]
                buf: list[str] = []
                i = 0
                while i < len(rows):
                    if on_page >= page:
                        buf += hdr_block
                        pages += 1
                        on_page = 0
                    take = min(page - on_page, len(rows) - i)
                    start_line = lineno + len(buf) + 1
                    lines[written:written + take] = np.arange(start_line, start_line + take)
                    buf += rows[i:i + take]
                    i += take
                    written += take
                    on_page += take
                emit(buf)
            if groups is not None and total_col is not None:
                vals = [""] * len(header)
                vals[total_col] = fmt_amount(np.array([total_cents[a:b].sum()]), "sap")[0]
                sub = rowfmt.format(*vals)
                emit(["|*" + sub[2:]])
                on_page += 1
        if groups is not None and total_col is not None and total_cents is not None:
            vals = [""] * len(header)
            vals[total_col] = fmt_amount(np.array([total_cents.sum()]), "sap")[0]
            emit(["|**" + rowfmt.format(*vals)[3:]])
        emit([rule])
    return {"rows": n, "page_headers": pages, "lines": lines}


def write_xlsx(path: Path, sheet: str, header: list[str], cols: list[list], *,
               date_cols: set[int] = frozenset(), title: str | None = None,
               extra_sheets: dict[str, list[list[str]]] | None = None) -> int:
    """xlsx via xlsxwriter; date columns hold datetime.date values (real Excel dates)."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True,
                                         "default_date_format": "d.m.yyyy"})
    wb.set_properties({"created": dt.datetime(2020, 1, 1)})
    bold = wb.add_format({"bold": True})
    datef = wb.add_format({"num_format": "d.m.yyyy"})
    ws = wb.add_worksheet(sheet)
    r0 = 0
    if title:
        ws.write(0, 0, title, bold)
        r0 = 2
    ws.write_row(r0, 0, header, bold)
    n = len(cols[0]) if cols else 0
    for i in range(n):
        for j, c in enumerate(cols):
            v = c[i]
            if v is None or v == "":
                continue
            if j in date_cols:
                ws.write_datetime(r0 + 1 + i, j, dt.datetime.combine(v, dt.time()), datef)
            else:
                ws.write(r0 + 1 + i, j, v)
    for name, rows in (extra_sheets or {}).items():
        ws0 = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            ws0.write_row(r, 0, row)
    wb.close()
    return n
