"""SAP master data: cost centres (CSKS/CSKT) and headcount per cost centre (HR query)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import world as W
from .writers import fmt_date, write_delimited, write_sap_list

SV = {"Konsernihallinto": "Koncernförvaltningen", "Hyvinvointi": "Välfärd",
      "Kasvatus- ja opetus": "Fostran och undervisning", "Vapaa-aika": "Fritid",
      "Ympäristö": "Miljö", "Kiinteistö": "Fastigheter", "hallinto": "förvaltning",
      "palvelut": "tjänster", "toimisto": "kansli", "yksikkö": "enhet", "tiimi": "team",
      "alue": "område", "tuki": "stöd"}
OPEN = np.datetime64("9999-12-31")


def extract_dates(tl) -> np.ndarray:
    ends = [m.end_time.date() for m in pd.period_range(tl.months[0] - 2, tl.months[-1], freq="M")
            if m.month % 3 == 0]
    if tl.months[-1].month % 3:
        ends.append(tl.months[-1].end_time.date())
    return np.array(ends, dtype="datetime64[D]")


def headcounts(custs, ccs: pd.DataFrame, tl, rng):
    """(extract dates, H[cc, extract], heads[cc, month]); the latest extract = target staff."""
    ed = extract_dates(tl)
    yrs = (ed - ed[-1]).astype(float) / 365.25
    g = np.array([custs[c].growth for c in ccs.cust])
    noise = 1 + rng.normal(0, 0.03, (len(ccs), len(ed)))
    noise[:, -1] = 1
    H = np.maximum(0, np.round(ccs.staff.to_numpy()[:, None] * (1 + g[:, None]) ** yrs * noise))
    e_of_m = np.maximum(0, np.searchsorted(ed, tl.month_end, side="right") - 1)
    return ed, H, H[:, e_of_m]


def write_headcount(out, ccs, clos, ed, H, scale, rng, fl) -> dict:
    codes = np.repeat(ccs.code.to_numpy()[:, None], len(ed), axis=1)
    for c in clos.itertuples():
        i = int(np.flatnonzero(ccs.code.to_numpy() == c.code)[0])
        codes[i, ed > c.closed_date] = c.successor
    it = np.array(list(W.IT_CCS))
    it_h = np.round(rng.uniform(5, 30, (len(it), len(ed))) * max(scale, 0.2))
    codes = np.vstack([codes, np.repeat(it[:, None], len(ed), axis=1)])
    H = np.vstack([H, it_h])
    df = pd.DataFrame({"e": np.repeat(np.arange(len(ed))[None, :], len(codes), 0).ravel(),
                       "code": codes.ravel(), "hc": H.ravel()}).sort_values(["e", "code"])
    df["fte"] = np.round(df.hc * rng.uniform(0.85, 1.0, len(df)), 1)
    df["orgeh"] = 50_000_000 + df.code % 1_000_000
    files = {}
    half = len(ed) // 2
    old = df[df.e < half]
    code_txt = old.code.astype(str).tolist()
    for k in rng.choice(len(old), min(5, len(old)), replace=False):
        code_txt[k] = code_txt[k] + ".0"
        fl.add("excel_mangled_code", "sap_headcount", "henkilostomaara.csv",
               row_number=k + 2, detail=f"cost centre written as {code_txt[k]}")
    files["henkilostomaara.csv"] = write_delimited(
        out / "henkilostomaara.csv",
        ["Poimintapäivä", "Kustannuspaikka", "Organisaatioyksikkö", "Henkilöstömäärä",
         "Henkilötyövuodet"],
        [fmt_date(ed[old.e], "fi"), code_txt, old.orgeh.astype(str).tolist(),
         old.hc.astype(int).astype(str).tolist(),
         [f"{v:.1f}".replace(".", ",") for v in old.fte]], sep=";", encoding="cp1252")
    new = df[df.e >= half]
    files["HR_headcount.xls"] = write_delimited(
        out / "HR_headcount.xls", ["Key date", "Cost Center", "ORGEH", "Headcount", "FTE"],
        [fmt_date(ed[new.e], "sap"), [f"{c:010d}" for c in new.code],
         new.orgeh.astype(str).tolist(), new.hc.astype(int).astype(str).tolist(),
         [f"{v:.1f}".replace(".", ",") for v in new.fte]], sep="\t", encoding="utf-16-le",
        bom=True, title=["Henkilöstö kustannuspaikoittain", ""])
    return files


def cc_master(custs, ccs, clos, tl, rng) -> pd.DataFrame:
    rows = []
    since = np.datetime64("2015-01-01")
    closed = dict(zip(clos.code, clos.itertuples(), strict=True))
    resp = {c.idx: W.person(rng) for c in custs}

    def add(code, vf, vt, name, node, dept, who, locked="", succ="", lang="FI"):
        sv = lang == "SV"
        if sv:
            for fi, s in SV.items():
                name = name.replace(fi, s)
        rows.append((code, vf, vt, name[:20], node, dept, who, locked, succ, lang, name[:40]))
    for r in ccs.itertuples():
        c = custs[r.cust]
        vt = OPEN
        if r.code in closed:
            cl = closed[r.code]
            vt = tl.month_end[cl.closed_mi]
            add(cl.successor, vt + 1, OPEN, r.name + " uusi", c.node, c.short, resp[c.idx])
        if rng.random() < 0.03:
            add(r.code, since, np.datetime64("2024-12-31"), r.name + " (vanha)", c.node, c.short,
                resp[c.idx])
            vf = np.datetime64("2025-01-01")
        else:
            vf = since
        add(r.code, vf, vt, r.name, c.node, c.short, resp[c.idx],
            "X" if vt != OPEN else "", closed[r.code].successor if vt != OPEN else "")
        if rng.random() < 0.1:
            add(r.code, vf, vt, r.name, c.node, c.short, resp[c.idx], lang="SV")
    for code, name in W.IT_CCS.items():
        add(code, since, OPEN, name, "ICT_PALVELUT", W.IT_CENTRE, "Ilkka Tietäväinen")
    for code, name in W.UNMAPPED_CCS.items():
        add(code, since, OPEN, name, "SELVITETTAVAT", "Talous", "Marja Kirjanpitäjä")
    return pd.DataFrame(rows, columns=["code", "vf", "vt", "name", "node", "dept", "resp",
                                       "locked", "succ", "lang", "desc"]).sort_values(
        ["code", "vf", "lang"], kind="stable", ignore_index=True)


def write_cost_centres(out, m: pd.DataFrame, tl) -> dict:
    files = {}
    snap = tl.snapshot
    snap_txt = fmt_date(np.array([snap]), "sap")[0]
    cols = [[f"{c:010d}" for c in m.code], fmt_date(m.vf.to_numpy(), "sap"),
            fmt_date(m.vt.to_numpy(), "sap"), m.name.tolist(), m.lang.tolist(),
            m.node.tolist(), m.dept.tolist(), m.resp.tolist(), m.locked.tolist(),
            [str(s) for s in m.succ], m.desc.tolist()]
    hdr = ["Kustannuspaikka", "Voimassa alkaen", "Voimassa asti", "Nimi", "Kieli",
           "Hierarkia-alue", "Osasto", "Vastuuhenkilö", "Lukitus prim.", "Seuraajakustp",
           "Kuvaus"]
    name = "CSKS_kustannuspaikat.txt"
    files[name] = write_sap_list(
        out / name, hdr, cols, set(), title="Kustannuspaikat: perustiedot",
        info=["Kustannuslaskentapiiri   AURA", f"Poimintapäivä            {snap_txt}"],
        criteria=["Kustannuspaikka  0001000000 - 0009999999", "Kieli            FI, SV"])["rows"]
    old = snap - np.timedelta64(365, "D")
    o = m[m.vf <= old].copy()
    o.loc[o.vt > old, "vt"] = OPEN
    o.loc[o.vt == OPEN, ["locked", "succ"]] = ""
    name = "kustannuspaikat_edellinen_vuosi.xls"
    files[name] = write_delimited(
        out / name, ["KOSTL", "DATAB", "DATBI", "SPRAS", "KTEXT", "LTEXT", "KHINR", "ABTEI",
                     "VERAK", "BKZKP", "NKOST"],
        [o.code.astype(str).tolist(), fmt_date(o.vf.to_numpy(), "compact"),
         fmt_date(o.vt.to_numpy(), "compact"), o.lang.tolist(), o.name.tolist(),
         o.desc.tolist(), o.node.tolist(), o.dept.tolist(), o.resp.tolist(), o.locked.tolist(),
         [str(s) for s in o.succ]], sep="\t", encoding="utf-16-le", bom=True)
    return files
