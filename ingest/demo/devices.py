"""SCCM device inventory: one snapshot per network domain (+ an older ADAURA snapshot)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import world as W
from .writers import write_delimited

PLACEHOLDERS = ["To be filled by O.E.M.", "Default string", "0123456789"]
MODELS = [  # manufacturer, model, product version, chassis, serial prefix
    ("LENOVO", "11DT0030MX", "ThinkCentre M70q Gen 2", "35", "PF"),
    ("LENOVO", "20XW00GCMX", "ThinkPad T14 Gen 2", "10", "PF"),
    ("HP", "5Z6E4EA#AK8", "HP EliteBook 840 G8", "10", "5CG"),
    ("HP", "1D2F6EA#AK8", "HP ProDesk 400 G7", "3", "CZC"),
    ("Dell Inc.", "Latitude 5420", "Latitude 5420", "9", ""),
    ("System manufacturer", "System Product Name", "System Version", "3", ""),
]
COLS = ["Name0", "Hardware_ID0", "LastHWScan", "System_OU_Name0", "SerialNumber0", "ResourceID",
        "Resource_Domain_OR_Workgr0", "Manufacturer0", "Model0", "ProductVersion0",
        "ChassisTypes0", "Caption0", "Version0", "Client0", "Active0", "Obsolete0",
        "Decommissioned0", "Creation_Date0", "BIOSReleaseDate0", "User_Name0"]


def _ts(base: np.datetime64, sec: np.ndarray) -> np.ndarray:
    return base.astype("datetime64[s]") - sec.astype("timedelta64[s]")


def build(custs, ccs: pd.DataFrame, scale: float, snap: np.datetime64, rng, fl,
          old_fleet: frozenset[int] = frozenset(), fleet_rng=None) -> pd.DataFrame:
    """One row per SCCM record of the latest snapshot; `entity` is the physical device. The
    customers of `old_fleet` keep most devices years past their lifecycle (drawn from
    `fleet_rng`, so the rest of the city stays as it was)."""
    parts = []
    for c in custs:
        sel = ccs[ccs.cust == c.idx]
        if len(sel):
            ratio = np.where(sel.edu, 1.1, np.clip(rng.normal(0.62, 0.08, len(sel)), 0.4, 0.9))
            n = np.maximum(0, np.round(sel.staff.to_numpy() * ratio)).astype(int)
            for code, k, edu in zip(sel.code, n, sel.edu, strict=True):
                root = c.ou_paths[-1] if edu else c.ou_paths[0]
                unit = f"KOULU{code % 1000:03d}" if edu else f"KP{code}"
                parts.append((k, c.idx, code, f"{root}/{unit}/TYOASEMAT",
                              W.EDU_DOMAIN if edu else W.ADMIN_DOMAIN))
        elif c.pays == "invoice":
            k = max(1, round(c.staff * 0.55 * scale))
            parts.append((k, c.idx, -1, f"{c.ou_paths[0]}/TYOASEMAT", W.ADMIN_DOMAIN))
    total = sum(p[0] for p in parts)
    k_un = max(3, round(total * 0.006))
    parts.append((k_un - k_un // 3, -1, -1, f"{W.ADMIN_ROOT}/VANHAT KONEET/TYOASEMAT",
                  W.ADMIN_DOMAIN))
    parts.append((k_un // 3, -1, -1, "OPETUS.LOCAL/TESTILABRA/TYOASEMAT", W.EDU_DOMAIN))
    cnt = np.array([p[0] for p in parts])
    d = pd.DataFrame({
        "cust": np.repeat([p[1] for p in parts], cnt),
        "cc": np.repeat([p[2] for p in parts], cnt),
        "ou": np.repeat([p[3] for p in parts], cnt),
        "domain": np.repeat([p[4] for p in parts], cnt),
    })
    n = len(d)
    d["entity"] = np.arange(n)
    d["resource_id"] = 16_777_300 + rng.permutation(n * 3)[:n]
    prefix = np.where(d.domain == W.EDU_DOMAIN, "OPE", "AURA")
    d["name"] = [f"{p}-{x:06d}" for p, x in zip(prefix, rng.permutation(900_000)[:n] + 100_000,
                                                 strict=True)]
    hexes = rng.integers(0, 16, (n, 32))
    d["hardware_id"] = ["2:" + "".join("0123456789ABCDEF"[v] for v in row) for row in
                        hexes.tolist()]
    m = rng.choice(len(MODELS), n, p=[0.3, 0.22, 0.2, 0.13, 0.13, 0.02])
    d["model_i"] = m
    alnum = np.array(list("ABCDEFGHJKLMNPRSTUVWXYZ0123456789"))
    ser = ["".join(r) for r in alnum[rng.integers(0, len(alnum), (n, 8))].tolist()]
    d["serial"] = [MODELS[i][4] + s[: 8 - len(MODELS[i][4]) + 2] for i, s in zip(m, ser,
                                                                                strict=True)]
    ph = np.flatnonzero(m == 5)
    d.loc[ph, "serial"] = [PLACEHOLDERS[i % 3] for i in range(len(ph))]
    age = np.where(rng.random(n) < 0.08, rng.uniform(1461, 2100, n), rng.uniform(5, 1460, n))
    if old_fleet:
        old = d.cust.isin(list(old_fleet)).to_numpy() & (fleet_rng.random(n) < 0.75)
        age = np.where(old, age + fleet_rng.uniform(700, 1500, n), age)
    d["created"] = _ts(snap, (age * 86400).astype(np.int64))
    bios = d.created.to_numpy() - (rng.uniform(30, 240, n) * 86400).astype("timedelta64[s]")
    d["bios"] = bios.astype("datetime64[D]")
    d.loc[rng.random(n) < 0.05, "bios"] = pd.NaT
    state = rng.choice(5, n, p=[0.93, 0.04, 0.01, 0.007, 0.013])  # ok stale obs decom noclient
    d["client"] = (state != 4).astype(int)
    d["obsolete"] = (state == 2).astype(int)
    d["decom"] = (state == 3).astype(int)
    d["active_flag"] = (state != 3).astype(int)
    sec = np.where(state == 0, rng.uniform(0, 30 * 86400, n), rng.uniform(95, 500, n) * 86400)
    d["last_scan"] = _ts(snap + np.timedelta64(1, "D"), sec.astype(np.int64) + 3600)
    d.loc[state == 4, "last_scan"] = pd.NaT
    d["state"] = state
    for dom in (W.ADMIN_DOMAIN, W.EDU_DOMAIN):  # newest scan = extract date, per file
        first = np.flatnonzero((d.domain == dom).to_numpy() & (state == 0))[0]
        d.loc[first, "last_scan"] = snap.astype("datetime64[s]") + np.timedelta64(26_000, "s")
    users = rng.integers(0, len(W.FIRST) * len(W.LAST), n)
    fn = [W.FIRST[u % len(W.FIRST)][:3].lower() for u in users]
    ln = [W.LAST[u // len(W.FIRST)][:3].lower() for u in users]
    d["user"] = [f"{dom}\\{a}{b}".replace("ä", "a").replace("ö", "o")
                 for dom, a, b in zip(d.domain, fn, ln, strict=True)]
    d.loc[rng.random(n) < 0.1, "user"] = None
    d["dup_of"] = -1
    for i in np.flatnonzero(state == 1):
        fl.add("stale_device", "sccm", "", key=str(d.resource_id[i]),
               detail=f"last hardware scan {str(d.last_scan[i])[:10]}, >90 days before snapshot")
    for i in ph:
        fl.add("placeholder_serial", "sccm", "", key=str(d.resource_id[i]),
               detail=f"serial '{d.serial[i]}' must never match another device")
    for i in np.flatnonzero(d.cust.to_numpy() == -1):
        fl.add("unmapped_ou", "sccm", "", key=str(d.resource_id[i]), detail=d.ou[i])
    # re-imaged devices: the old record stays, a fresh record appears
    cand = np.flatnonzero((state == 0) & (d.cust.to_numpy() >= 0))
    pick = rng.choice(cand, max(2, round(n * 0.012)), replace=False)
    new = d.loc[pick].copy()
    same_hw = rng.random(len(pick)) < 0.6
    same_hw[np.isin(pick, ph)] = True
    new["resource_id"] = 16_777_300 + n * 3 + np.arange(len(pick)) * 7
    new["name"] = [x + "R" for x in new.name]
    new["hardware_id"] = np.where(same_hw, new.hardware_id,
                                  [h[:-6] + "F00D01" for h in new.hardware_id])
    new["created"] = _ts(snap, (rng.uniform(1, 60, len(pick)) * 86400).astype(np.int64))
    new["bios"] = new.bios.fillna(pd.Timestamp(str(snap)) - pd.Timedelta(days=900))
    new["last_scan"] = _ts(snap + np.timedelta64(1, "D"),
                           (rng.uniform(0, 2, len(pick)) * 86400).astype(np.int64) + 3600)
    new["dup_of"] = d.resource_id.to_numpy()[pick]
    old_sec = np.where(rng.random(len(pick)) < 0.5, rng.uniform(95, 200, len(pick)),
                       rng.uniform(31, 80, len(pick))) * 86400
    d.loc[pick, "last_scan"] = _ts(snap, old_sec.astype(np.int64))
    d.loc[pick, "bios"] = new.bios.to_numpy()
    for (_, r), hw in zip(new.iterrows(), same_hw, strict=True):
        fl.add("duplicate_device", "sccm", "", key=str(r.resource_id),
               detail=f"re-imaged copy of ResourceID {r.dup_of}: same "
                      f"{'hardware id' if hw else 'serial'}, different name/resource id")
    d = pd.concat([d, new], ignore_index=True)
    d["is_active"] = ((d.client == 1) & (d.obsolete == 0) & (d.decom == 0) & (d.active_flag == 1)
                      & (d.last_scan >= pd.Timestamp(str(snap)) - pd.Timedelta(days=90)))
    return d


def active_entities(d: pd.DataFrame) -> pd.DataFrame:
    """Ground truth: one row per physical device that is active at the snapshot (kept record =
    newest scan)."""
    k = d.sort_values("last_scan", ascending=False).drop_duplicates("entity")
    k = k[k.is_active]
    first = k[["created", "bios"]].min(axis=1)
    return k.assign(first_seen=first)


def _fmt_frame(d: pd.DataFrame, null: str) -> dict[str, list[str]]:
    def ts(s, full=True):
        f = "%Y-%m-%d %H:%M:%S.000" if full else "%Y-%m-%d"
        return [null if pd.isna(v) else v.strftime(f) for v in s]
    mi = d.model_i.to_numpy()
    return {
        "Name0": d.name.tolist(), "Hardware_ID0": d.hardware_id.tolist(),
        "LastHWScan": ts(pd.to_datetime(d.last_scan)), "System_OU_Name0": d.ou.tolist(),
        "SerialNumber0": d.serial.tolist(), "ResourceID": [str(x) for x in d.resource_id],
        "Resource_Domain_OR_Workgr0": d.domain.tolist(),
        "Manufacturer0": [MODELS[i][0] for i in mi], "Model0": [MODELS[i][1] for i in mi],
        "ProductVersion0": [MODELS[i][2] for i in mi], "ChassisTypes0": [MODELS[i][3] for i in mi],
        "Caption0": ["Microsoft Windows 11 Enterprise" if x % 3 else
                     "Microsoft Windows 10 Enterprise" for x in d.resource_id],
        "Version0": ["10.0.22631" if x % 3 else "10.0.19045" for x in d.resource_id],
        "Client0": [str(x) for x in d.client], "Active0": [str(x) for x in d.active_flag],
        "Obsolete0": [str(x) for x in d.obsolete], "Decommissioned0": [str(x) for x in d.decom],
        "Creation_Date0": ts(pd.to_datetime(d.created)),
        "BIOSReleaseDate0": ts(pd.to_datetime(d.bios), full=False),
        "User_Name0": [null if pd.isna(v) else v for v in d.user],
    }


def write(out, d: pd.DataFrame, snap: np.datetime64, rng, fl) -> dict:
    files = {}
    adm = d[d.domain == W.ADMIN_DOMAIN].sort_values("name")
    f = _fmt_frame(adm, "")
    order = COLS[:4] + ["User_Name0"] + COLS[4:19]
    cols = [f[c] for c in order] + [["" for _ in range(len(adm))]]
    hdr = ["Details_Table0_" + c for c in order] + ["Details_Table0_Textbox12"]
    name = f"ADAURA_tyoasemat_{str(snap)}.csv"
    files[name] = write_delimited(out / name, hdr, cols, sep=",", encoding="utf-8", bom=True,
                                  quote=True)
    edu = d[d.domain == W.EDU_DOMAIN].sort_values("resource_id")
    f = _fmt_frame(edu, "NULL")
    order = ["ResourceID"] + [c for c in COLS if c != "ResourceID"]
    name = "OPETUS devices.csv"
    files[name] = write_delimited(out / name, order, [f[c] for c in order], sep=",",
                                  encoding="utf-8")
    # older ADAURA snapshot, three months earlier (SSMS export with English labels)
    old_snap = snap - np.timedelta64(91, "D")
    o = adm[(adm.created <= pd.Timestamp(str(old_snap))) & (adm.dup_of < 0)].copy()
    ls = pd.to_datetime(o.last_scan)
    late = ls > pd.Timestamp(str(old_snap))
    o.loc[late, "last_scan"] = (pd.Timestamp(str(old_snap)) + pd.Timedelta(hours=7)
                                - pd.to_timedelta(rng.uniform(0, 20, late.sum()), unit="D")
                                .round("s"))
    o.iloc[0, o.columns.get_loc("last_scan")] = pd.Timestamp(str(old_snap)) + pd.Timedelta(
        hours=9)
    f = _fmt_frame(o, "NULL")
    hdr = ["Name", "Hardware_ID0", "Last Hardware Scan", "OU"] + COLS[4:]
    name = "ADAURA_vanha.csv"
    files[name] = write_delimited(out / name, hdr, [f[c] for c in COLS], sep=",",
                                  encoding="utf-8")
    dom_of = dict(zip(d.resource_id.astype(str), d.domain, strict=True))
    for it in fl.items:
        if it["source"] == "sccm" and not it["file"]:
            it["file"] = (f"ADAURA_tyoasemat_{str(snap)}.csv"
                          if dom_of[it["key"]] == W.ADMIN_DOMAIN else "OPETUS devices.csv")
    return files
