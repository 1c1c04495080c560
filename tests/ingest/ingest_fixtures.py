"""Builders of small extract files for the ingest tests."""

from __future__ import annotations

from pathlib import Path

CHARGE_HEADER = ["Tilikausi", "Kausi", "Tositenumero", "Tositerivi", "Kustannuspaikka",
                 "Arvo/KLP-valuutta", "Kirjauspvm", "Suoritelaji", "Teksti"]


def charge_row(i: int, year: str = "2024") -> list[str]:
    return [year, "3", str(100000000 + i), f"{i % 3 + 1:03d}", "0002101010",
            f"{i + 1},50", "31.03.2024", "TYOAS", f"Työasema {i}"]


def sap_list(header, rows, *, page=60, end_rule=True, totals=True, selection=True) -> str:
    """A KSB1-style list export: selection box, info lines, page headers, `|*` totals."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) + 1 for i, h in enumerate(header)]

    def line(vals):
        return "|" + "|".join(v.rjust(w) if v[:1].isdigit() else v.ljust(w)
                              for v, w in zip(vals, widths, strict=True)) + "|"

    rule = "-" * (sum(widths) + len(widths) + 1)
    out = []
    if selection:
        out += ["-" * 40, "| Kustannuspaikkaryhmä | IT-PALVELUT |", "| Tilikausi  | 2024 |",
                "-" * 40, ""]
    out += ["Kustannuspaikkojen toteutuneet rivierät", "Valuutta        EUR", rule]
    block = [line(header), "|" + "-" * (len(rule) - 2) + "|"]
    out += block
    for i, r in enumerate(rows):
        if i and i % page == 0:
            out += [rule, "", "Sivu 2", rule, *block]
        out.append(line(r))
    if totals:
        out.append(line(["*"] + [""] * (len(header) - 1)).replace("| *", "|* "))
    if end_rule:
        out.append(rule)
    return "\r\n".join(out) + "\r\n"


def write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path
