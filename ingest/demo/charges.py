"""Ground truth of internal allocations (vyörytys): receiver and sender lines, with faults."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import world as W

SERVICES = ["PROJPP", "ASIANT", "TYOAS", "PUHEL", "SOVELL", "VERKKO", "TUKI"]
SVC = {s: i for i, s in enumerate(SERVICES)}
PER_DOC = 450  # receiver lines per allocation document (BUZEI stays within 3 digits)


class Timeline:
    """36 months ending at end_month; prices rise 2.5 % every January (catalogue = end year)."""

    def __init__(self, end_month: str, catalogue: pd.DataFrame, n_months: int = 36) -> None:
        end = pd.Period(end_month, "M")
        self.months = pd.period_range(end - (n_months - 1), end, freq="M")
        self.month_end = np.array([m.end_time.date() for m in self.months], dtype="datetime64[D]")
        self.year = np.array([m.year for m in self.months])
        self.month = np.array([m.month for m in self.months])
        self.end_year = end.year
        self.snapshot = self.month_end[-1] + np.timedelta64(3, "D")
        cat = catalogue.set_index("activity_type").loc[SERVICES]
        self.cat = cat
        self.years = list(range(self.year[0], self.end_year + 1))
        base = np.round(cat.unit_price_eur.to_numpy() * 100).astype(np.int64)
        # price_cents[year, svc]: catalogue price / 1.025 per year before end year, to the cent
        self.prices = {y: np.round(base / 1.025 ** (self.end_year - y)).astype(np.int64)
                       for y in self.years}

    def price(self, years: np.ndarray, svc: np.ndarray) -> np.ndarray:
        tab = np.stack([self.prices[y] for y in self.years])
        return tab[np.asarray(years) - self.years[0], np.asarray(svc)]


def amount_cents(qty: np.ndarray, price: np.ndarray) -> np.ndarray:
    """quantity x unit price, rounded half away from zero to the cent."""
    raw = np.asarray(qty, dtype=float) * price
    return (np.sign(raw) * np.floor(np.abs(raw) + 0.5 + 1e-9)).astype(np.int64)


def closures(custs, ccs: pd.DataFrame, rng, tl: Timeline) -> pd.DataFrame:
    """Closed cost centres with a successor; the old code is still posted for `lag` months."""
    ok = {c.idx for c in custs if c.mapping in ("node", "prefix") and c.pays == "alloc"}
    cand = ccs[ccs.cust.isin(ok)]
    k = max(2, round(len(ccs) * 0.005))
    pick = cand.iloc[np.sort(rng.choice(len(cand), k, replace=False))]
    rows = []
    for code, cust in zip(pick.code, pick.cust, strict=True):
        step = 1 if custs[cust].ctype == "palvelukeskus" else 10
        succ = int(ccs.code[ccs.cust == cust].max()) + step * (1 + len(rows))
        rows.append((code, succ, cust, int(rng.integers(12, 30)), int(rng.integers(1, 3))))
    df = pd.DataFrame(rows, columns=["code", "successor", "cust", "closed_mi", "lag"])
    df["closed_date"] = tl.month_end[df.closed_mi.to_numpy()]
    return df


def build(custs, ccs, clos, heads, active_cc, apps_per_cust, tl: Timeline, rng, fl
          ) -> pd.DataFrame:
    """All allocation lines (receiver and sender). heads: (n_cc, n_months) staff per month."""
    n, nm = len(ccs), len(tl.months)
    cust = ccs.cust.to_numpy()
    growth = np.array([custs[c].growth for c in cust])
    t = (np.arange(nm) - (nm - 1)) / 12
    dev = np.round(active_cc[:, None] * (1 + growth[:, None]) ** t[None, :])
    gap_custs = [c.idx for c in custs if c.pays == "alloc"][1::5][:3]
    for j, gc in enumerate(gap_custs):  # two under-billed (leakage), one over-billed
        sel = cust == gc
        f = 0.94 if j < 2 else 1.05
        dev[sel, nm - 12:] = np.round(dev[sel, nm - 12:] * f)
    q = {
        "TYOAS": dev, "TUKI": heads.astype(float),
        "PUHEL": np.round(heads * 0.55 + rng.integers(0, 2, (n, 1))),
        "VERKKO": np.ceil(heads / 12) + 1,
        "ASIANT": np.where(rng.random((n, nm)) < 0.12, rng.integers(8, 160, (n, nm)) / 2, 0),
        "PROJPP": np.where(rng.random((n, nm)) < 0.04, rng.integers(16, 300, (n, nm)) / 2, 0),
        "SOVELL": np.zeros((n, nm)),
    }
    first = ccs.groupby("cust").code.idxmin()
    for ci, row in first.items():
        q["SOVELL"][row, :] = apps_per_cust.get(ci, 0)
    codes = np.repeat(ccs.code.to_numpy()[:, None], nm, axis=1)
    for r in clos.itertuples():
        i = int(np.flatnonzero(ccs.code.to_numpy() == r.code)[0])
        codes[i, r.closed_mi + r.lag + 1:] = r.successor
    parts = []
    for s, mat in q.items():
        ii, mm = np.nonzero(mat)
        parts.append(pd.DataFrame({"mi": mm, "code": codes[ii, mm], "svc": SVC[s],
                                   "qty": mat[ii, mm], "period": tl.month[mm]}))
    # a couple of cost centres that map to no customer
    un = [(2990001, "VERKKO", mi, 1.0) for mi in range(nm - 12, nm)]
    un += [(2990002, "ASIANT", mi, 4.0) for mi in range(nm - 20, nm - 17)]
    parts.append(pd.DataFrame({"mi": [u[2] for u in un], "code": [u[0] for u in un],
                               "svc": [SVC[u[1]] for u in un], "qty": [u[3] for u in un],
                               "period": tl.month[[u[2] for u in un]]}))
    # special periods 13-16 for closed fiscal years (December before end_month)
    for mi in np.flatnonzero((tl.month == 12) & (np.arange(nm) < nm - 1)):
        for per, svc, share, lo, hi, sign in ((13, "ASIANT", 0.03, 4, 80, 1),
                                              (14, "PROJPP", 0.01, 8, 60, 1),
                                              (16, "ASIANT", 0.005, 2, 20, -1)):
            k = max(1, round(n * share))
            ii = rng.choice(n, k, replace=False)
            parts.append(pd.DataFrame({"mi": mi, "code": codes[ii, mi], "svc": SVC[svc],
                                       "qty": sign * rng.integers(lo, hi, k) / 2,
                                       "period": per}))
    r = pd.concat(parts, ignore_index=True)
    r["fy"] = tl.year[r.mi]
    r["phase"] = 2
    r["src_phase"] = -1
    # re-run allocations: first run (wrong quantities), its reversal, then the final run
    normal = r[r.period <= 12]
    combos = normal[normal.svc.isin([SVC["TYOAS"], SVC["TUKI"]]) & (normal.mi.between(1, nm - 3))]
    combos = combos[["fy", "period", "svc", "mi"]].drop_duplicates().sort_values(
        ["fy", "period", "svc"])
    extra = []
    for k, key in enumerate(combos.iloc[rng.choice(len(combos), 2, replace=False)].itertuples()):
        sel = r[(r.fy == key.fy) & (r.period == key.period) & (r.svc == key.svc)]
        wrong = sel.assign(qty=np.ceil(sel.qty * 1.08 + 1), phase=0)
        extra += [wrong, wrong.assign(qty=-wrong.qty, phase=1, src_phase=0)]
        fl.add("rerun_allocation", "sap_charges", "", key=f"{key.fy}/{key.period}/"
               f"{SERVICES[key.svc]}", detail=f"run {k + 1}: posted, reversed, posted again; "
               "only the final run counts")
    # erroneous double postings of one document, reversed (net zero)
    for key in combos.iloc[rng.choice(len(combos), 3, replace=False)].itertuples():
        sel = r[(r.fy == key.fy) & (r.period == key.period) & (r.svc == key.svc)]
        sel = sel.sort_values("code").iloc[:PER_DOC]
        extra += [sel.assign(phase=3), sel.assign(qty=-sel.qty, phase=4, src_phase=3)]
        fl.add("reversal", "sap_charges", "", key=f"{key.fy}/{key.period}/{SERVICES[key.svc]}",
               detail="document posted twice; the copy is reversed by a document with "
                      "reference_document = the copy (nets to zero)")
    r = pd.concat([r, *extra], ignore_index=True)
    r["price"] = tl.price(r.fy.to_numpy(), r.svc.to_numpy())
    r["amount"] = amount_cents(r.qty.to_numpy(), r.price.to_numpy())
    r = r.sort_values(["fy", "period", "svc", "phase", "code"], kind="stable", ignore_index=True)
    grp = ["fy", "period", "svc", "phase"]
    r["chunk"] = r.groupby(grp).cumcount() // PER_DOC
    r["j"] = r.groupby(grp + ["chunk"]).cumcount()
    blk = r.groupby(grp + ["chunk"], sort=False).ngroup()
    first_blk = blk.groupby(r.fy).transform("min")
    r["doc"] = 1_000_000_000 + (r.fy % 100) * 1_000_000 + (blk - first_blk) * 3 + 1
    docs = r.drop_duplicates(grp + ["chunk"])[grp + ["chunk", "doc"]]
    ref = r[["fy", "period", "svc", "src_phase", "chunk"]].merge(
        docs.rename(columns={"phase": "src_phase", "doc": "ref"}), how="left")
    r["ref"] = ref.ref.fillna(0).astype(np.int64).to_numpy()
    r["row"] = r.j * 2 + 2
    r["receiver"] = True
    code2cust = dict(zip(ccs.code, ccs.cust, strict=True))
    code2cust.update(dict(zip(clos.successor, clos.cust, strict=True)))
    r["cust"] = r.code.map(code2cust).fillna(-1).astype(int)
    # faults: closed cost centres still posted; unmapped cost centres
    for c in clos.itertuples():
        hit = r[(r.code == c.code) & (r.mi > c.closed_mi) & (r.phase == 2)]
        for h in hit.itertuples():
            fl.add("closed_cost_centre_posted", "sap_charges", "", key=f"{h.fy}/{h.doc}/{h.row}",
                   detail=f"cost centre {c.code} closed {tl.month_end[c.closed_mi]}, successor "
                          f"{c.successor}")
    for h in r[r.code.isin(list(W.UNMAPPED_CCS))].itertuples():
        fl.add("unmapped_cost_centre", "sap_charges", "", key=f"{h.fy}/{h.doc}/{h.row}",
               detail=f"cost centre {h.code} maps to no customer")
    for h in r[r.period > 12].itertuples():
        fl.add("special_period", "sap_charges", "", key=f"{h.fy}/{h.doc}/{h.row}",
               detail=f"period {h.period} of {h.fy}: counts in December {h.fy}")
    snd = r.copy()
    snd["partner"] = snd.code
    snd["code"] = np.array([W.SENDER[s] for s in SERVICES])[snd.svc]
    snd["qty"] = -snd.qty
    snd["amount"] = -snd.amount
    snd["row"] = snd.j * 2 + 1
    snd["receiver"] = False
    snd["cust"] = -1
    r["partner"] = np.array([W.SENDER[s] for s in SERVICES])[r.svc]
    out = pd.concat([r, snd], ignore_index=True).sort_values(["fy", "period", "doc", "row"],
                                                             ignore_index=True)
    out["posting_date"] = tl.month_end[out.mi]  # special periods: 31.12. of the year
    return out.drop(columns=["j", "src_phase", "price"])
