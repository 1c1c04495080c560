"""sap_charges files: four extracts in four formats, one of them overlapping two others."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import world as W
from .charges import SERVICES
from .writers import fmt_amount, fmt_date, fmt_qty, write_delimited, write_sap_list

UNIT = {"h": "H", "kpl": "KPL", "hlö": "HLÖ"}


def _fields(d: pd.DataFrame, tl, ccnames: dict, *, amount: str, date: str, qty: str,
            zeros: bool) -> dict[str, list[str]]:
    cat = tl.cat
    svc = d.svc.to_numpy()
    prefix = cat.invoice_text_prefix.to_numpy()
    mi = d.mi.to_numpy()
    text_nr = np.char.add(np.char.add(prefix[svc].astype(str), " "),
                          np.char.add(np.char.zfill(tl.month[mi].astype(str), 2),
                                      np.char.add("/", tl.year[mi].astype(str))))
    text = np.where(d.period.to_numpy() > 12, np.char.add("Tilinpäätösoikaisu ", text_nr),
                    text_nr)
    text = np.where(np.isin(d.phase.to_numpy(), [1, 4]), np.char.add("Storno ", text), text)
    code = d.code.to_numpy()
    ref = d.ref.to_numpy()
    return {
        "fy": d.fy.astype(str).tolist(), "period": d.period.astype(str).tolist(),
        "doc": d.doc.astype(str).tolist(), "row": d.row.astype(str).tolist(),
        "cc": ([f"{c:010d}" for c in code.tolist()] if zeros else code.astype(str).tolist()),
        "ccname": [ccnames.get(c, "")[:20] for c in code.tolist()],
        "amount": fmt_amount(d.amount.to_numpy(), amount),
        "date": fmt_date(d.posting_date.to_numpy(), date),
        "lstar": np.array(SERVICES)[svc].tolist(),
        "qty": fmt_qty(d.qty.to_numpy(), qty),
        "unit": [UNIT[u] for u in cat.unit.to_numpy()[svc].tolist()],
        "kstar": np.array([str(W.COST_ELEMENT[s]) for s in SERVICES])[svc].tolist(),
        "partner": d.partner.astype(np.int64).astype(str).tolist(),
        "text": text.tolist(),
        "ref": np.where(ref > 0, ref.astype(str), "").tolist(),
    }


def write(out, lines: pd.DataFrame, tl, ccnames: dict, fl) -> dict:
    files = {}
    ey = tl.end_year
    nm = len(tl.months)

    def sap(name, d, labels, keys, right, zeros, title, criteria):
        f = _fields(d, tl, ccnames, amount="sap", date="sap", qty="sap", zeros=zeros)
        grp = (d.fy * 100 + d.period).to_numpy()
        res = write_sap_list(out / name, labels, [f[k] for k in keys], right, title=title,
                             info=["Asettelu        /KSB1_ASIAK", "Kustp.ryhmä     AURA_KAIKKI",
                                   "Valuutta        EUR"], criteria=criteria, groups=grp,
                             total_col=keys.index("amount"), total_cents=d.amount.to_numpy())
        files[name] = res["rows"]

    a = lines[lines.fy <= ey - 2]
    if len(a):
        sap("KSB1_vanhat.txt", a,
            ["Tilikausi", "Kausi", "Tositenumero", "Tositerivi", "Kirjauspvm", "Kustannuspaikka",
             "Kustannuspaikan nimi", "Kustannuslaji", "Suoritelaji", "Kokonaismäärä",
             "Mittayksikkö", "Arvo/KLP-valuutta", "Kumppanikustp", "Teksti", "Viitetositenro"],
            ["fy", "period", "doc", "row", "date", "cc", "ccname", "kstar", "lstar", "qty",
             "unit", "amount", "partner", "text", "ref"], {9, 11}, True,
            "Kustannuspaikkojen toteutuneet rivierät",
            ["Kustannuspaikkaryhmä  AURA_KAIKKI", f"Tilikausi             {a.fy.min()} - "
             f"{a.fy.max()}", "Kausi                 1 - 16"])
    b = lines[lines.fy == ey - 1]
    if len(b):
        f = _fields(b, tl, ccnames, amount="fi", date="fi", qty="fi", zeros=False)
        keys = ["cc", "date", "fy", "period", "doc", "row", "lstar", "qty", "amount", "partner",
                "text"]
        name = f"kp_toteutuneet_{ey - 1}.csv"
        files[name] = write_delimited(
            out / name, ["Kustannuspaikka", "Kirjauspäivämäärä", "Tilikausi", "Kausi",
                         "Tositenumero", "Tositerivi", "Suoritelaji", "Määrä", "Summa",
                         "Kumppanikustp", "Teksti", "Käyttäjä"],
            [f[k] for k in keys] + [["VYORYTYS"] * len(b)], sep=";", encoding="cp1252",
            quote=True)
    c = lines[lines.fy == ey]
    if len(c):
        sap("KSB1 (2).txt", c,
            ["GJAHR", "PERIO", "BELNR", "BUZEI", "KOSTL", "LSTAR", "MBGBTR", "MEINB", "WKGBTR",
             "BUDAT", "KSTAR", "PAROB", "SGTXT", "REFBN"],
            ["fy", "period", "doc", "row", "cc", "lstar", "qty", "unit", "amount", "date", "kstar",
             "partner", "text", "ref"], {6, 8}, False, "Rivierät: kustannuspaikat",
            None)
    # overlapping extract: three months across the fiscal-year boundary, English layout
    lo, hi = nm - 11, nm - 9
    d = lines[lines.mi.between(lo, hi) & (lines.period <= 12)]
    f = _fields(d, tl, ccnames, amount="ficomma", date="sap", qty="fi", zeros=False)
    keys = ["fy", "period", "doc", "row", "cc", "lstar", "qty", "unit", "amount", "date",
            "partner", "text", "ref", "kstar"]
    name = "export.xls"
    files[name] = write_delimited(
        out / name, ["Fiscal Year", "Period", "Document Number", "Posting row", "Cost Center",
                     "Activity Type", "Total Quantity", "Unit of Measure", "Val/COArea Crcy",
                     "Posting Date", "Partner-CCtr", "Name", "Ref. Document Number",
                     "Cost Element"], [f[k] for k in keys], sep="\t", encoding="utf-16-le",
        bom=True)
    fl.add("overlapping_extract", "sap_charges", name,
           key=f"{tl.months[lo]}..{tl.months[hi]}",
           detail=f"{len(d)} postings also in the yearly extracts (same fiscal year, document "
                  "number, posting row); count once")
    # attach file names to line-level faults
    fname = {ey - 1: f"kp_toteutuneet_{ey - 1}.csv", ey: "KSB1 (2).txt"}
    for it in fl.items:
        if it["source"] == "sap_charges" and not it["file"]:
            fy = int(it["key"][:4])
            it["file"] = fname.get(fy, "KSB1_vanhat.txt")
    return files
