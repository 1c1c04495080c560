"""Fault bookkeeping for the demo data, and broken file variants for ingest tests.

Every fault the generator injects on purpose is recorded in a :class:`FaultLog` and written
to ``<landing>/_faults.json``. File-level fatal faults are never part of the default demo set;
:func:`write_broken_variants` writes them to a separate folder on request.
"""

from __future__ import annotations

import json
from pathlib import Path

FAULT_CLASSES = (
    "name_variant", "reversal", "rerun_allocation", "special_period", "overlapping_extract",
    "closed_cost_centre_posted", "duplicate_device", "stale_device", "unmapped_ou",
    "placeholder_serial", "free_text_update_date", "invalid_business_id", "excel_mangled_code",
    "scientific_notation_code", "unmapped_cost_centre",
)


class FaultLog:
    """Collects injected faults: {fault, source, file, row_number|key, detail}."""

    def __init__(self) -> None:
        self.items: list[dict] = []

    def add(self, fault: str, source: str, file: str, *, key=None, row_number=None,
            detail: str = "") -> None:
        assert fault in FAULT_CLASSES, fault
        item = {"fault": fault, "source": source, "file": file}
        if row_number is not None:
            item["row_number"] = int(row_number)
        if key is not None:
            item["key"] = key
        item["detail"] = detail
        self.items.append(item)

    def set_file(self, fault: str, source: str, file: str) -> None:
        """Fill in the file name of faults recorded before the file name was known."""
        for it in self.items:
            if it["fault"] == fault and it["source"] == source and not it["file"]:
                it["file"] = file

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for it in self.items:
            out[it["fault"]] = out.get(it["fault"], 0) + 1
        return dict(sorted(out.items()))

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.items, ensure_ascii=False, indent=1), encoding="utf-8")


BROKEN_VARIANTS = {
    "missing_column.csv": "sap_charges semicolon CSV without the required amount column",
    "truncated_no_end_rule.txt": "SAP list export whose closing dashed rule is missing",
    "exactly_5000_rows.txt": "SAP list export with exactly 5 000 data rows (SAP row limit)",
    "cut_last_line.csv": "semicolon CSV whose last line is cut in the middle",
    "mojibake.csv": "UTF-8 text decoded as Windows-1252 and re-saved (TyÃ¶llisyys)",
    "zero_bytes.txt": "empty file",
    "utf16_as_xls.xls": "UTF-16 LE tab text with BOM saved as .xls (valid, not broken)",
    "english_reordered.csv": "English headers in a different column order (valid, not broken)",
}


def _sap_list(rows: list[list[str]], header: list[str], end_rule: bool) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(header)]

    def line(vals: list[str]) -> str:
        return "|" + "|".join(v.ljust(w) for v, w in zip(vals, widths, strict=True)) + "|"
    rule = "-" * (sum(widths) + len(widths) + 1)
    out = ["Kustannuspaikkojen toteutuneet rivierät", "", "Valuutta        EUR", rule,
           line(header), "|" + "-" * (len(rule) - 2) + "|"]
    for i, r in enumerate(rows):
        if i and i % 60 == 0:
            out += [rule, line(header), "|" + "-" * (len(rule) - 2) + "|"]
        out.append(line(r))
    if end_rule:
        out.append(rule)
    return "\r\n".join(out) + "\r\n"


def write_broken_variants(out_dir: Path, seed: int = 42) -> dict[str, str]:
    """Write broken (and awkward-but-valid) copies of sap_charges files into ``out_dir``.

    Returns {file name: description}. These are for ingest tests; the default demo set never
    contains them. Files ending in ``.xls``/``english_reordered`` are valid and must load.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    hdr = ["Tilikausi", "Kausi", "Tositenumero", "Tositerivi", "Kustannuspaikka",
           "Arvo/KLP-valuutta", "Kirjauspvm", "Suoritelaji"]

    def row(i: int) -> list[str]:
        return ["2026", "3", str(1026000001 + i // 500), str(i % 500 + 1),
                str(2101010 + i % 50), f"{(i % 97) * 42},00", "31.03.2026", "TYOAS"]

    semi_hdr = ";".join(hdr)
    body = [";".join(row(i)) for i in range(40)]
    files = {
        "missing_column.csv": "\r\n".join(
            [";".join(h for h in hdr if h != "Arvo/KLP-valuutta")]
            + [";".join(v for j, v in enumerate(row(i)) if j != 5) for i in range(40)]
        ).encode("cp1252"),
        "truncated_no_end_rule.txt": _sap_list([row(i) for i in range(100)], hdr, False)
        .encode("cp1252"),
        "exactly_5000_rows.txt": _sap_list([row(i) for i in range(5000)], hdr, True)
        .encode("cp1252"),
        "cut_last_line.csv": ("\r\n".join([semi_hdr, *body]))[:-9].encode("cp1252"),
        "mojibake.csv": ("\ufeff" + semi_hdr.replace("Suoritelaji", "Teksti") + "\r\n"
                         + "\r\n".join(";".join(row(i)[:7] + ["Työllisyyspalvelut"])
                                       for i in range(20)) + "\r\n")
        .encode("utf-8").decode("cp1252", errors="replace").encode("utf-8"),
        "zero_bytes.txt": b"",
        "utf16_as_xls.xls": ("\ufeff" + "\t".join(hdr) + "\r\n"
                             + "\r\n".join("\t".join(row(i)) for i in range(40)) + "\r\n")
        .encode("utf-16-le"),
        "english_reordered.csv": ("Amount;Cost Center;Fiscal Year;Period;Document Number;"
                                  "Posting row;Posting Date;Activity Type\r\n"
                                  + "\r\n".join(";".join([r[5], r[4], *r[:4], r[6], r[7]])
                                                for r in map(row, range(40))) + "\r\n")
        .encode("utf-8"),
    }
    for name, data in files.items():
        (out_dir / name).write_bytes(data)
    return dict(BROKEN_VARIANTS)
