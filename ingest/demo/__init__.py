"""Demo landing data for Asiakastieto: the fictional city of Aurajoki and its IT centre.

``generate(out, scale, seed, end_month)`` writes the eight landing folders of the landing
contract (docs/contracts.md) plus ``_faults.json`` (every injected fault) and
``_manifest.json`` (row counts and expected totals computed from the generator's ground truth).
Deterministic: same seed + scale + end_month -> byte-identical files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.site import SETTINGS_FILE, create_site, load_site

from . import (
    applications,
    chargefiles,
    charges,
    cost_truth,
    costs,
    devices,
    invoices,
    master,
    register,
)
from . import world as W
from .faults import FaultLog, write_broken_variants

__all__ = ["generate", "write_broken_variants", "SOURCES"]

SOURCES = ["sap_charges", "sap_invoices", "sap_cost_centres", "sap_headcount", "applications",
           "sccm", "register", "sap_costs"]
# The demo city's own site folder (its catalogue, senders, labels, policy): written beside
# the landing folder, as a real centre keeps its own (docs/site.md).
DEMO_SITE = Path(__file__).resolve().parent / "site"


def _catalogue() -> pd.DataFrame:
    return pd.read_csv(DEMO_SITE / "service_catalogue.csv", dtype={"activity_type": str})


def write_site(folder: Path) -> Path:
    """The demo city's site folder; refuses to overwrite a site that is not the demo's."""
    folder = Path(folder)
    if (folder / SETTINGS_FILE).exists():
        try:
            is_demo = load_site(folder).is_demo
        except ValueError:
            is_demo = False
        if not is_demo:
            raise ValueError(f"{folder} holds a site configuration that is not the demo "
                             "city's: choose another folder with --site")
        for path in DEMO_SITE.iterdir():
            if path.is_file():
                (folder / path.name).write_bytes(path.read_bytes())
        return folder
    return create_site(folder, overlay=DEMO_SITE)


def _eur(cents) -> float:
    return round(int(cents) / 100, 2)


def generate(out: Path, scale: float = 1.0, seed: int = 42, end_month: str = "2026-10",
             site: Path | None = None) -> dict:
    """Write a landing folder and the demo city's site folder (default: `site/` beside the
    landing folder). Existing files in the eight source folders are removed first.
    Returns {source: {"files": [...], "rows": N}}."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    out = Path(out)
    write_site(site or out.parent / "site")
    dirs = {s: out / s for s in SOURCES}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
        for f in d.iterdir():
            if f.is_file():
                f.unlink()
    rng = np.random.default_rng(seed)
    fl = FaultLog()
    tl = charges.Timeline(end_month, _catalogue())
    custs = W.build_customers(rng, fl)
    ccs = W.build_cost_centres(custs, scale, rng)
    clos = charges.closures(custs, ccs, rng, tl)
    ed, H, heads = master.headcounts(custs, ccs, tl, rng)
    # The cost world draws from generators of its own: the rest of the city stays as it was.
    old_fleet = _old_fleets(custs, np.random.default_rng([seed, 4]))
    dev = devices.build(custs, ccs, scale, tl.snapshot, rng, fl, old_fleet,
                        np.random.default_rng([seed, 5]))
    ent = devices.active_entities(dev)
    per_cc = ent.groupby("cc").size()
    active_cc = ccs.code.map(per_cc).fillna(0).to_numpy()
    dev_per_cust = ent.groupby("cust").size().to_dict()
    apps, apps_per_cust = applications.build(custs, ccs, scale, tl, rng, fl)
    lines = charges.build(custs, ccs, clos, heads, active_cc, apps_per_cust, tl, rng, fl)
    inv = invoices.build(custs, dev_per_cust, apps_per_cust, scale, tl, rng)

    files: dict[str, dict[str, int]] = {}
    ccnames = dict(zip(ccs.code, ccs.name, strict=True))
    ccnames.update({c.successor: ccnames[c.code] + " uusi" for c in clos.itertuples()})
    ccnames.update(W.IT_CCS)
    ccnames.update(W.UNMAPPED_CCS)
    files["sap_charges"] = chargefiles.write(dirs["sap_charges"], lines, tl, ccnames, fl)
    files["sap_invoices"] = invoices.write(dirs["sap_invoices"], custs, inv, tl, rng, fl)
    cm = master.cc_master(custs, ccs, clos, tl, rng)
    files["sap_cost_centres"] = master.write_cost_centres(dirs["sap_cost_centres"], cm, tl)
    files["sap_headcount"] = master.write_headcount(dirs["sap_headcount"], ccs, clos, ed, H,
                                                    scale, rng, fl)
    files["applications"] = applications.write(dirs["applications"], apps, tl, rng, fl)
    files["sccm"] = devices.write(dirs["sccm"], dev, tl.snapshot, rng, fl)
    files["register"] = register.write(dirs["register"], custs, ccs, clos, rng, fl)
    cost_lines = costs.build(costs.revenue(lines, inv, len(tl.months)), tl,
                             np.random.default_rng([seed, 13]), fl)
    files["sap_costs"] = costs.write(dirs["sap_costs"], cost_lines, tl, fl)
    for f, label in (("henkilostomaara.csv", "sap_headcount"),):
        assert f in files[label]
    _set_mtimes(dirs, tl)

    manifest = _manifest(scale, seed, end_month, tl, custs, files, lines, inv, ent, dev, ed, H,
                         ccs, clos, apps, apps_per_cust, fl)
    manifest["expected"]["costs"] = _cost_truth(manifest, tl, custs, lines, inv, dev, ent, apps,
                                                cost_lines, site or out.parent / "site")
    manifest["old_fleet_customers"] = sorted(custs[i].cid for i in old_fleet)
    (out / "_manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                        encoding="utf-8")
    fl.write(out / "_faults.json")
    return {s: {"files": sorted(files[s]), "rows": int(sum(files[s].values()))} for s in SOURCES}


def _old_fleets(custs, rng) -> frozenset[int]:
    """A few service centres and enterprises and some companies and foundations whose devices
    are mostly past their lifecycle (docs/demo-data.md)."""
    public = [c.idx for c in custs if c.ctype in ("palvelukeskus", "liikelaitos")]
    private = [c.idx for c in custs if c.ctype in ("yhtio", "saatio")]
    return frozenset([*rng.choice(public, 2, replace=False).tolist(),
                      *rng.choice(private, 6, replace=False).tolist()])


def _cost_truth(manifest, tl, custs, lines, inv, dev, ent, apps, cost_lines, site) -> dict:
    """Each customer's cost to serve and margin over the 12 months ending at end_month, each
    code's cost and charges, and per month the actual, allocated and unallocated cost."""
    policy = load_site(site).dbt_vars()
    nm = len(tl.months)
    quantities = cost_truth.drivers(custs, lines, inv, dev, ent, tl.snapshot, apps, policy, nm)
    result = cost_truth.allocate(cost_lines, quantities)
    window = range(nm - 12, nm)
    per_customer: dict[str, dict[str, int]] = {c.cid: {} for c in custs}
    for (cid, mi, code), cents in result["parts"].items():
        if mi in window:
            per_customer[cid][code] = per_customer[cid].get(code, 0) + cents
    charged = manifest["expected"]["customers"]
    customers = {}
    for c in custs:
        cost = sum(per_customer[c.cid].values())
        charges = round(charged[c.cid]["charges_last_12m_eur"] * 100)
        customers[c.cid] = {"cost_last_12m_eur": _eur(cost),
                            "margin_last_12m_eur": _eur(charges - cost),
                            "cost_by_code_last_12m_eur": {
                                k: _eur(v) for k, v in sorted(per_customer[c.cid].items())}}
    allocated = {}
    for (_, mi, _), cents in result["parts"].items():
        allocated[mi] = allocated.get(mi, 0) + cents
    monthly = [{"month": str(tl.months[mi]), "actual_eur": _eur(result["actual"].get(mi, 0)),
                "allocated_eur": _eur(allocated.get(mi, 0)),
                "unallocated_eur": _eur(result["unallocated"].get(mi, 0))} for mi in range(nm)]
    return {"customers": customers, "monthly": monthly,
            "lines": int(len(cost_lines))}


def _set_mtimes(dirs: dict[str, Path], tl) -> None:
    """Deterministic modification times: older snapshots older (for readers that look)."""
    snap = int((tl.snapshot - np.datetime64("1970-01-01")).astype(int)) * 86400 + 6 * 3600
    older = {"ADAURA_vanha.csv": 91, "saabe_vienti.csv": 365, "asiakasrekisteri_vanha.csv": 365,
             "kustannuspaikat_edellinen_vuosi.xls": 365, "KSB1_ICT_kulut.txt": 30}
    for d in dirs.values():
        for f in sorted(d.iterdir()):
            t = snap - older.get(f.name, 0) * 86400
            os.utime(f, (t, t))


def _manifest(scale, seed, end_month, tl, custs, files, lines, inv, ent, dev, ed, H, ccs, clos,
              apps, apps_per_cust, fl) -> dict:
    nm = len(tl.months)
    rec = lines[lines.receiver]
    alloc_m = rec.groupby("mi").amount.sum().reindex(range(nm), fill_value=0)
    mapped_m = rec[rec.cust >= 0].groupby("mi").amount.sum().reindex(range(nm), fill_value=0)
    inv_m = inv.groupby("mi").amount.sum().reindex(range(nm), fill_value=0)
    monthly = [{"month": str(tl.months[i]), "allocation_eur": _eur(alloc_m[i]),
                "allocation_mapped_eur": _eur(mapped_m[i]), "invoice_eur": _eur(inv_m[i]),
                "total_eur": _eur(alloc_m[i] + inv_m[i]),
                "total_mapped_eur": _eur(mapped_m[i] + inv_m[i])} for i in range(nm)]
    both = pd.concat([rec[rec.cust >= 0][["cust", "mi", "amount"]], inv[["cust", "mi", "amount"]]])
    cur = both[both.mi >= nm - 12].groupby("cust").amount.sum()
    prev = both[both.mi.between(nm - 24, nm - 13)].groupby("cust").amount.sum()
    act = ent[ent.cust >= 0].groupby("cust").size()
    nxt = tl.end_year + 1
    due = ent[(ent.cust >= 0) & ((ent.first_seen + pd.DateOffset(months=48)).dt.year == nxt)]
    due = due.groupby("cust").size()
    code_cust = dict(zip(ccs.code, ccs.cust, strict=True))
    staff = pd.Series(H[:, -1]).groupby(ccs.cust.to_numpy()).sum()
    per_customer = {}
    for c in custs:
        per_customer[c.cid] = {
            "name": c.name, "customer_type": c.ctype,
            "charges_last_12m_eur": _eur(cur.get(c.idx, 0)),
            "charges_previous_12m_eur": _eur(prev.get(c.idx, 0)),
            "active_devices": int(act.get(c.idx, 0)),
            "replacement_due_next_year": int(due.get(c.idx, 0)),
            "staff_latest": int(staff.get(c.idx, 0)),
            "applications_it_or_shared": int(apps_per_cust.get(c.idx, 0)),
        }
    by_type: dict[str, int] = {}
    for c in custs:
        by_type[c.ctype] = by_type.get(c.ctype, 0) + int(staff.get(c.idx, 0))
    unm = rec[rec.cust < 0].amount.sum()
    del code_cust
    return {
        "scale": scale, "seed": seed, "end_month": end_month,
        "months": [str(tl.months[0]), str(tl.months[-1])],
        "snapshot_date": str(tl.snapshot), "headcount_extract_dates": [str(x) for x in ed],
        "it_centre_prefix": W.IT_PREFIX,
        "unit_prices_eur": {str(y): dict(zip(charges.SERVICES, (p / 100).round(2).tolist(),
                                             strict=True)) for y, p in tl.prices.items()},
        "sources": {s: {"files": dict(sorted(files[s].items())),
                        "rows": int(sum(files[s].values()))} for s in SOURCES},
        "expected": {
            "monthly_charges": monthly,
            "total_eur": _eur(sum(m["total_eur"] * 100 for m in monthly)),
            "unmapped_allocation_eur": _eur(unm),
            "customers": per_customer,
            "customer_count": len(custs),
            "active_devices_total": int(len(ent)),
            "active_devices_unmapped": int((ent.cust < 0).sum()),
            "sccm_records_latest": int(len(dev)),
            "staff_latest_by_type": by_type,
            "applications": len(apps),
            "allocation_receiver_lines": int(len(rec)),
            "allocation_sender_lines": int((~lines.receiver).sum()),
            "invoice_documents": int((inv.type == "DR").sum()),
            "credit_notes": int((inv.type == "DG").sum()),
        },
        "fault_counts": fl.counts(),
    }
