"""The IT centre's own actual costs (sap_costs): KSB1 line items on its cost centres.

Each service's monthly cost is a share of what it charges that month (`RATIO`: cost recovery
differs by service, as in a real centre), loaded with the centre's administration, rents and
licences, which the demo site's cost model (`ingest/demo/site/cost_pools.csv`,
`pool_services.csv`) shares among the services; the centre's own development cost centre
has no pool (unallocated). Amounts are split into cost elements and posting lines to the cent.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from . import world as W
from .charges import SERVICES
from .writers import fmt_amount, fmt_date, write_delimited, write_sap_list

ELEMENTS = {40000000: "Palkat", 41000000: "Henkilösivukulut", 43000000: "Asiantuntijapalvelut",
            43400000: "Tietoliikennepalvelut", 43500000: "Ohjelmistolisenssit ja ylläpito",
            44000000: "Laitehankinnat", 45000000: "Varaosat ja tarvikkeet",
            46000000: "Toimitilavuokrat", 48000000: "Poistot ja leasing",
            49900000: "Sisäiset siirrot"}
# How each service's direct cost splits among cost elements (its cost centre: W.SENDER).
MIX = {
    "PROJPP": {40000000: .62, 41000000: .15, 43000000: .23},
    "ASIANT": {40000000: .58, 41000000: .14, 43000000: .28},
    "TYOAS": {40000000: .30, 41000000: .07, 43000000: .08, 44000000: .15, 45000000: .10,
              48000000: .30},
    "PUHEL": {40000000: .20, 41000000: .05, 43400000: .60, 44000000: .15},
    "SOVELL": {40000000: .45, 41000000: .11, 43000000: .19, 43500000: .25},
    "VERKKO": {40000000: .25, 41000000: .06, 43400000: .49, 48000000: .20},
    "TUKI": {40000000: .62, 41000000: .15, 43000000: .18, 45000000: .05},
}
# A service's cost as a multiple of its charges (1 / cost recovery).
RATIO = {"PROJPP": 0.95, "ASIANT": 0.90, "TYOAS": 0.95, "PUHEL": 0.85, "SOVELL": 1.35,
         "VERKKO": 0.85, "TUKI": 1.15}
# Shared costs as shares of all services' cost: administration (ICT hallinto, kumppanuus-
# hallinta), rents (posted on ICT hallinto), licences of the workstation and support teams,
# and the centre's own development (a cost centre without a pool: unallocated).
ADMIN, PREMISES, LICENCES, DEVELOPMENT = 0.06, 0.04, 0.03, 0.012
ADMIN_CCS = {1310100: 0.7, 1310110: 0.3}
LICENCE_CCS = {1310310: 0.75, 1310610: 0.25}
DEVELOPMENT_CC = 1310900
CC_NAMES = {**W.IT_CCS, DEVELOPMENT_CC: "ICT-kehitys"}
VENDORS = ["Tietoväylä Lounais Oy", "Kuntasofta Aurora Oy", "Virastoverkko Oy",
           "Järjestelmätalo Pohjanvirta Oy", "Laitetalo Aura Oy", "Operaattori Satama Oyj"]
PER_DOC = 40
SITE = Path(__file__).resolve().parent / "site"


def _csv(name: str) -> list[dict[str, str]]:
    with (SITE / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _shares(pool: str) -> dict[str, float]:
    return {r["activity_type"]: float(r["share_pct"]) / 100 for r in _csv("pool_services")
            if r["pool"] == pool}


def revenue(lines: pd.DataFrame, inv: pd.DataFrame, nm: int) -> np.ndarray:
    """rev[service, month] in cents: every receiver line (mapped or not) and invoice."""
    rev = np.zeros((len(SERVICES), nm), dtype=np.int64)
    rec = lines[lines.receiver]
    np.add.at(rev, (rec.svc.to_numpy(), rec.mi.to_numpy()), rec.amount.to_numpy())
    np.add.at(rev, (inv.svc.to_numpy(), inv.mi.to_numpy()), inv.amount.to_numpy())
    return rev


def _split(cents: int, k: int, rng) -> list[int]:
    """`cents` in k parts of random size that add up exactly."""
    if k <= 1 or abs(cents) < 100 * k:
        return [cents]
    w = rng.uniform(0.5, 1.5, k)
    parts = np.floor(w / w.sum() * cents).astype(np.int64).tolist()
    parts[-1] += cents - sum(parts)
    return parts


def build(rev: np.ndarray, tl, rng, fl) -> pd.DataFrame:
    """Every cost line: fiscal year, period, month index, cost centre, cost element, cents,
    day of the month, text; special periods, a reversed double posting and internal
    transfers included. Documents and rows are numbered here."""
    nm = len(tl.months)
    admin_s, premises_s, licences_s = (_shares(p) for p in ("administration", "premises",
                                                           "licences"))
    rows: list[tuple] = []
    for mi in range(nm):
        month = int(tl.month[mi])
        season = 1.08 if month == 6 else 0.9 if month == 7 else 1.0
        target = {s: RATIO[s] * rev[i, mi] * season * (1 + rng.normal(0, 0.02))
                  for i, s in enumerate(SERVICES)}
        total = sum(target.values())
        quarter = month in (1, 4, 7, 10)  # licences are invoiced quarterly
        for s in SERVICES:
            direct = (target[s] - total * (ADMIN * admin_s.get(s, 0)
                                           + PREMISES * premises_s.get(s, 0)
                                           + LICENCES * licences_s.get(s, 0)))
            for element, share in MIX[s].items():
                rows.append((mi, W.SENDER[s], element, round(direct * share)))
        for cc, share in ADMIN_CCS.items():
            for element, part in ((40000000, .6), (41000000, .15), (43000000, .25)):
                rows.append((mi, cc, element, round(total * ADMIN * share * part)))
        rows.append((mi, 1310100, 46000000, round(total * PREMISES)))
        if quarter:
            for cc, share in LICENCE_CCS.items():
                rows.append((mi, cc, 43500000, round(total * LICENCES * 3 * share)))
        for element, part in ((40000000, .7), (41000000, .17), (43000000, .13)):
            rows.append((mi, DEVELOPMENT_CC, element, round(total * DEVELOPMENT * part)))
        if month % 3 == 0:  # quarterly internal transfer: no cost of the centre (excluded)
            amount = round(total * 0.01)
            rows += [(mi, 1310100, 49900000, -amount), (mi, 1310410, 49900000, amount)]
    lines = []
    for mi, cc, element, cents in rows:
        personnel = element in (40000000, 41000000)
        k = 1 if personnel or element in (46000000, 48000000, 49900000) else int(
            rng.integers(1, 5))
        for part in _split(int(cents), k, rng):
            day = 15 if personnel else 28 if k == 1 else int(rng.integers(1, 29))
            lines.append((mi, int(tl.month[mi]), cc, element, part, day, _text(
                element, k, tl, mi, rng)))
    d = pd.DataFrame(lines, columns=["mi", "period", "cc", "element", "amount", "day", "text"])
    d["phase"] = 0
    d = pd.concat([d, *_year_end(d, tl, rng), *_reversal(d, tl, rng)], ignore_index=True)
    return _number(d, tl, fl)


def _text(element: int, k: int, tl, mi: int, rng) -> str:
    when = f"{int(tl.month[mi]):02d}/{int(tl.year[mi])}"
    if element in (40000000, 41000000, 46000000, 48000000, 49900000):
        return f"{ELEMENTS[element]} {when}"
    return f"{VENDORS[int(rng.integers(len(VENDORS)))]} lasku {when}"


def _year_end(d: pd.DataFrame, tl, rng) -> list[pd.DataFrame]:
    """Accruals of each closed fiscal year in special period 13 (they count in December)."""
    out = []
    for mi in np.flatnonzero((tl.month == 12) & (np.arange(len(tl.months)) < len(tl.months) - 1)):
        for cc, element in ((1310410, 43000000), (1310310, 44000000), (1310220, 43000000)):
            out.append(pd.DataFrame([(mi, 13, cc, element, int(rng.integers(2_000, 40_000)) * 100,
                                      31, f"Jaksotus {tl.year[mi]}", 0)], columns=d.columns))
    return out


def _reversal(d: pd.DataFrame, tl, rng) -> list[pd.DataFrame]:
    """One purchase invoice posted twice; the copy is reversed (nets to zero)."""
    cand = d[(d.element == 43000000) & (d.mi < len(tl.months) - 2)]
    row = cand.iloc[int(rng.integers(len(cand)))]
    copy = pd.DataFrame([row]).assign(phase=1)
    storno = copy.assign(amount=-copy.amount, phase=2, text="Storno " + copy.text)
    return [copy, storno]


def _number(d: pd.DataFrame, tl, fl) -> pd.DataFrame:
    """Documents of at most PER_DOC rows per fiscal year, period and phase (the reversed copy
    and its reversal are documents of their own, the reversal referring to the copy), the
    posting date, and the fault log's entries."""
    d = d.sort_values(["mi", "period", "phase", "cc", "element"], kind="stable",
                      ignore_index=True)
    d["fy"] = tl.year[d.mi.to_numpy()]
    grp = d.groupby(["fy", "period", "phase"], sort=False)
    d["row"] = grp.cumcount() % PER_DOC + 1
    block = (grp.cumcount() // PER_DOC).to_numpy()
    key = pd.Series(list(zip(d.fy, d.period, d.phase, block, strict=True)))
    first = key.groupby(d.fy.to_numpy()).transform(lambda k: pd.factorize(k)[0]).to_numpy()
    d["doc"] = 2_000_000_000 + (d.fy % 100) * 1_000_000 + first + 1
    copy = d[d.phase == 1]
    d["ref"] = ""
    d.loc[d.phase == 2, "ref"] = copy.doc.astype(str).to_numpy()
    month_end = tl.month_end[d.mi.to_numpy()]  # special periods: 31.12.
    d["posting_date"] = np.array([np.datetime64(f"{str(m)[:8]}{day:02d}") if day < 28 else m
                                  for m, day in zip(month_end, d.day, strict=True)],
                                 dtype="datetime64[D]")
    for r in d[d.period > 12].itertuples():
        fl.add("special_period", "sap_costs", "", key=f"{r.fy}/{r.doc}/{r.row}",
               detail=f"period {r.period} of {r.fy}: counts in December {r.fy}")
    for r in d[d.phase > 0].itertuples():
        fl.add("reversal", "sap_costs", "", key=f"{r.fy}/{r.doc}/{r.row}",
               detail="purchase invoice posted twice; the copy is reversed (nets to zero)")
    return d


def _fields(d: pd.DataFrame, *, amount: str, date: str) -> dict[str, list[str]]:
    return {
        "fy": d.fy.astype(str).tolist(), "period": d.period.astype(str).tolist(),
        "doc": d.doc.astype(str).tolist(), "row": d.row.astype(str).tolist(),
        "date": fmt_date(d.posting_date.to_numpy(), date),
        "cc": [f"{c:010d}" for c in d.cc.tolist()],
        "ccname": [CC_NAMES[c][:20] for c in d.cc.tolist()],
        "element": d.element.astype(str).tolist(),
        "element_name": [ELEMENTS[e] for e in d.element.tolist()],
        "amount": fmt_amount(d.amount.to_numpy(), amount), "text": d.text.tolist(),
        "ref": d.ref.tolist(),
    }


def write(out: Path, d: pd.DataFrame, tl, fl) -> dict:
    """Two extracts: the closed years as a SAP list (Finnish labels), the current year as
    UTF-16 tab text (English labels) that repeats the previous year's last two months."""
    files = {}
    ey = tl.end_year
    old = d[d.fy <= ey - 1]
    if len(old):
        f = _fields(old, amount="sap", date="sap")
        keys = ["fy", "period", "doc", "row", "date", "cc", "ccname", "element",
                "element_name", "amount", "text", "ref"]
        res = write_sap_list(
            out / "KSB1_ICT_kulut.txt",
            ["Tilikausi", "Kausi", "Tositenumero", "Tositerivi", "Kirjauspvm",
             "Kustannuspaikka", "Kustannuspaikan nimi", "Kustannuslaji", "Kustannuslajin nimi",
             "Arvo/KLP-valuutta", "Teksti", "Viitetositenro"], [f[k] for k in keys], {9},
            title="Kustannuspaikkojen toteutuneet rivierät", info=[
                "Asettelu        /KSB1_ICT", "Kustp.ryhmä     ICT_PALVELUT",
                "Valuutta        EUR"],
            criteria=["Kustannuspaikkaryhmä  ICT_PALVELUT", "Kustannuslajit        4*"],
            groups=(old.fy * 100 + old.period).to_numpy(), total_col=9,
            total_cents=old.amount.to_numpy())
        files["KSB1_ICT_kulut.txt"] = res["rows"]
    lo = len(tl.months) - int(tl.month[-1]) - 2  # the previous year's November and December
    new = d[(d.fy == ey) | ((d.mi >= lo) & (d.fy == ey - 1) & (d.period <= 12))]
    f = _fields(new, amount="ficomma", date="sap")
    keys = ["fy", "period", "doc", "row", "date", "cc", "element", "element_name", "amount",
            "text", "ref"]
    name = f"ICT_kulut_{ey}.xls"
    files[name] = write_delimited(
        out / name, ["Fiscal Year", "Period", "Document Number", "Posting row", "Posting Date",
                     "Cost Center", "Cost Element", "Cost element name", "Val/COArea Crcy",
                     "Name", "Ref. Document Number"], [f[k] for k in keys], sep="\t",
        encoding="utf-16-le", bom=True)
    overlap = int((new.fy == ey - 1).sum())
    fl.add("overlapping_extract", "sap_costs", name, key=f"{tl.months[lo]}..{tl.months[lo + 1]}",
           detail=f"{overlap} cost lines also in KSB1_ICT_kulut.txt; count once")
    for it in fl.items:
        if it["source"] == "sap_costs" and not it["file"]:
            it["file"] = name if int(it["key"][:4]) == ey else "KSB1_ICT_kulut.txt"
    return files
