"""Invoices and credit notes to companies, foundations and one regional body (FBL5N-style)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .charges import SERVICES, SVC, amount_cents
from .writers import fmt_amount, fmt_date, write_sap_list, write_xlsx


def variants(name: str) -> list[str]:
    v = [name.upper(), name[:20], name.replace(" Oy", " OY").replace(" Ab", " AB"),
         name.replace(" Oy Ab", "").replace(" Oy", "").replace(" sr", "")]
    return [x for x in dict.fromkeys(v) if x != name]


def build(custs, dev_per_cust: dict, apps_per_cust: dict, scale, tl, rng) -> pd.DataFrame:
    nm = len(tl.months)
    t = (np.arange(nm) - (nm - 1)) / 12
    rows = []
    for c in custs:
        if c.pays != "invoice":
            continue
        staff = max(2, round(c.staff * scale))
        q = {"TYOAS": np.round(dev_per_cust.get(c.idx, 0) * (1 + c.growth) ** t),
             "PUHEL": np.full(nm, round(staff * 0.5)),
             "VERKKO": np.full(nm, 1 + staff // 40),
             "TUKI": np.round(staff * (1 + c.growth) ** t),
             "SOVELL": np.full(nm, apps_per_cust.get(c.idx, 0)),
             "ASIANT": np.where(rng.random(nm) < 0.10, rng.integers(4, 60, nm) / 2, 0),
             "PROJPP": np.where(rng.random(nm) < 0.03, rng.integers(16, 200, nm) / 2, 0)}
        for s, arr in q.items():
            for mi in np.flatnonzero(arr > 0):
                rows.append((c.idx, mi, SVC[s], float(arr[mi]), "DR", mi))
    inv = pd.DataFrame(rows, columns=["cust", "mi", "svc", "qty", "type", "service_mi"])
    credit = inv[(inv.mi < nm - 1) & (rng.random(len(inv)) < 0.02)].copy()
    credit["qty"] = np.minimum(credit.qty, rng.integers(1, 6, len(credit)))
    credit["type"] = "DG"
    credit["mi"] = credit.mi + 1
    inv = pd.concat([inv, credit], ignore_index=True)
    inv["fy"] = tl.year[inv.service_mi]
    inv["amount"] = amount_cents(inv.qty.to_numpy(), tl.price(inv.fy.to_numpy(),
                                                              inv.svc.to_numpy()))
    inv.loc[inv.type == "DG", "amount"] *= -1
    inv["posting_date"] = np.where(inv.type == "DR", tl.month_end[inv.service_mi],
                                   tl.month_end[inv.service_mi] + np.timedelta64(15, "D"))
    inv = inv.sort_values(["posting_date", "type", "cust", "svc"], ignore_index=True)
    yy = tl.year[inv.mi] % 100
    inv["doc"] = 1_800_000_000 + yy * 100_000 + inv.groupby(yy).cumcount() + 1
    cat = tl.cat
    unit = {"h": "h", "kpl": "kpl", "hlö": "hlö"}
    inv["text"] = [f"{cat.invoice_text_prefix.iloc[s]} {tl.month[m]:02d}/{tl.year[m]}, "
                   f"{str(q).removesuffix('.0').replace('.', ',')} {unit[cat.unit.iloc[s]]}"
                   for s, m, q in zip(inv.svc, inv.service_mi, inv.qty, strict=True)]
    return inv


def write(out, custs, inv: pd.DataFrame, tl, rng, fl) -> dict:
    files = {}
    cut = np.datetime64(f"{tl.end_year - 1}-01-01")
    inv = inv.copy()
    names = []
    for c, fn in zip(inv.cust, np.where(inv.posting_date < cut, "FBL5N_asiakkaat.txt",
                                        "laskut.xlsx"), strict=True):
        cu = custs[c]
        if rng.random() < 0.15:
            v = variants(cu.name)
            names.append(v[int(rng.integers(len(v)))])
            fl.items.append({"fault": "name_variant", "source": "sap_invoices", "file": str(fn),
                             "key": cu.sap_no, "detail": f"name 1 '{names[-1]}' for {cu.name}"})
        else:
            names.append(cu.name)
    inv["name"] = names
    inv["vat"] = ["FI" + custs[c].business_id.replace("-", "") if custs[c].business_id else ""
                  for c in inv.cust]
    sap = [custs[c].sap_no for c in inv.cust]
    inv["sap"] = sap
    a = inv[inv.posting_date < cut]
    if len(a):
        hdr = ["Asiakas", "Nimi 1", "Tositelaji", "Tositenumero", "Kirjauspvm",
               "Summa tositevaluutassa", "Valuutta", "Teksti", "ALV-rek.nro"]
        cols = [[f"{int(s):010d}" for s in a.sap], a.name.tolist(), a.type.tolist(),
                a.doc.astype(str).tolist(), fmt_date(a.posting_date.to_numpy(), "sap"),
                fmt_amount(a.amount.to_numpy(), "sap"), ["EUR"] * len(a), a.text.tolist(),
                a.vat.tolist()]
        files["FBL5N_asiakkaat.txt"] = write_sap_list(
            out / "FBL5N_asiakkaat.txt", hdr, cols, {5}, title="Asiakkaan rivierät",
            info=["Yritys          AURA", "Asettelu        /LASKUT"],
            criteria=["Asiakastili  0010000000 - 0019999999", "Kirjauspvm   "
                      f"{fmt_date(a.posting_date.min().to_datetime64()[None], 'sap')[0]} - "
                      f"{fmt_date(a.posting_date.max().to_datetime64()[None], 'sap')[0]}"],
            groups=a.posting_date.dt.to_period("M").astype(str).to_numpy(), total_col=5,
            total_cents=a.amount.to_numpy())["rows"]
    b = inv[inv.posting_date >= cut]
    limit = tl.month_end[-1] - np.timedelta64(60, "D")
    clear = [f"14{d % 100_000_000:08d}" if p <= limit else "" for d, p in
             zip(b.doc, b.posting_date.to_numpy(), strict=True)]
    hdr = ["Document Number", "Document Type", "Posting Date", "Customer", "Name 1",
           "Amount in doc. curr.", "Currency", "Text", "VAT Registration No.",
           "Clearing Document"]
    cols = [b.doc.astype(str).tolist(), b.type.tolist(),
            [dt.date.fromisoformat(str(d)[:10]) for d in b.posting_date.to_numpy()],
            [int(s) for s in b.sap], b.name.tolist(), (b.amount / 100).tolist(),
            ["EUR"] * len(b), b.text.tolist(), b.vat.tolist(), clear]
    files["laskut.xlsx"] = write_xlsx(out / "laskut.xlsx", "Data", hdr, cols, date_cols={2})
    return files


SERVICE_OF_TEXT = {s: i for i, s in enumerate(SERVICES)}
