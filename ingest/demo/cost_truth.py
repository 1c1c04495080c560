"""Ground truth of the cost to serve on actual costs, computed here from the generator's own
numbers (not from the files): the demo site's cost model applied in Python to the cost lines,
the billed quantities, the devices and the applications the generator made
(docs/definitions.md "Cost to serve on actual costs"). The pipeline tests compare the
warehouse with it to the cent."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from .charges import SERVICES
from .costs import _csv


def largest_remainder(total: int, weights: dict) -> dict:
    """`total` cents in proportion to integer `weights`, whole cents adding up exactly: the
    cents below each exact share, the rest one each to the largest remainders (ties: the
    smaller key, None last)."""
    sign, cents = (-1 if total < 0 else 1), abs(total)
    whole = sum(weights.values())
    parts = {k: divmod(cents * w, whole) for k, w in weights.items()}
    left = cents - sum(base for base, _ in parts.values())
    order = sorted(weights, key=lambda k: (-parts[k][1], k is None, k or ""))
    return {k: sign * (parts[k][0] + (1 if i < left else 0)) for i, k in enumerate(order)}


def _rules() -> list[tuple]:
    """(cost element rank, cost centre rank, pool, element pattern, centre pattern)."""
    def side(value: str) -> tuple[int, str, bool]:
        if value.endswith("*"):
            body = value[:-1].lstrip("0")
            return len(body), body, True
        return 100, value.lstrip("0"), False
    return [(*side(r["cost_element"]), *side(r["cost_centre"]), r["pool"])
            for r in _csv("cost_pools")]


def pool_of(cc: int, element: int, rules: list[tuple]) -> str | None:
    best = None
    for e_rank, e_pat, e_pre, c_rank, c_pat, c_pre, pool in rules:
        if (str(element).startswith(e_pat) if e_pre else str(element) == e_pat) and (
                str(cc).startswith(c_pat) if c_pre else str(cc) == c_pat):
            key = (-e_rank, -c_rank, pool)
            if best is None or key < best[0]:
                best = (key, pool)
    return best[1] if best else None


def _quantity(value) -> int:
    """A driver quantity in thousandths (the warehouse's DECIMAL(18,3))."""
    return int((Decimal(str(value)) * 1000).quantize(Decimal(1), ROUND_HALF_UP))


def drivers(custs, lines, inv, dev, ent, snapshot, apps, policy: dict, months: int) -> dict:
    """{(month idx, code): {customer id: thousandths}} of each code's allocation driver, for
    the customers whose driver is above zero."""
    billed, charged = defaultdict(float), defaultdict(int)
    rec = lines[lines.receiver & (lines.cust >= 0)]
    sign = (inv.type == "DR").to_numpy() * 2 - 1  # a credit note's quantity counts negative
    for frame, signs in ((rec, [1] * len(rec)), (inv, sign)):
        for c, mi, svc, qty, amount, s in zip(frame.cust, frame.mi, frame.svc, frame.qty,
                                              frame.amount, signs, strict=True):
            key = (int(c), int(mi), SERVICES[svc])
            billed[key] += float(qty) * int(s)
            charged[key] += int(amount)
    due = ent.first_seen.dt.normalize() + pd.DateOffset(months=int(policy["lifecycle_months"]))
    aged_flag = due <= pd.Timestamp(str(snapshot))
    active = ent[ent.cust >= 0].groupby("cust").size()
    aged = ent[(ent.cust >= 0) & aged_flag].groupby("cust").size()
    weight = Decimal(str(policy["aged_device_weight"]))
    with_devices = set(dev[dev.cust >= 0].cust)
    effort, named = defaultdict(int), set()
    for app in apps:
        named |= set(app["_cust"])
        milli = _quantity(app["Resurssit IT:stä"].split()[0].replace(",", "."))
        n = len(app["_cust"])
        if app["Ylläpitovastuu"] in ("IT-palvelut", "Jaettu"):
            for ci in app["_cust"]:
                effort[ci] += (2 * milli + n) // (2 * n)
    catalogue = {r["activity_type"]: r["allocation_driver"] or r["cost_driver"]
                 for r in _csv("service_catalogue")}
    out: dict = defaultdict(dict)
    for c in custs:
        devices = (int(active.get(c.idx, 0)), int(aged.get(c.idx, 0)))
        for mi in range(months):
            for code, driver in catalogue.items():
                fallback = _quantity(max(billed.get((c.idx, mi, code), 0.0), 0))
                measured = {
                    "billed_quantity": fallback,
                    "customers": 1000 if charged.get((c.idx, mi, code), 0) > 0 else 0,
                    "active_devices": devices[0] * 1000 if c.idx in with_devices else fallback,
                    "aged_devices": _quantity(devices[0] + (weight - 1) * devices[1])
                    if c.idx in with_devices else fallback,
                    "application_effort": effort.get(c.idx, 0) if c.idx in named else fallback,
                }[driver]
                if measured > 0:
                    out[(mi, code)][c.cid] = measured
    return out


def allocate(cost_lines: pd.DataFrame, quantities: dict) -> dict:
    """Per month: the actual cost, each customer's part by code, and what stayed unallocated."""
    rules = _rules()
    shares = defaultdict(dict)
    for r in _csv("pool_services"):
        shares[r["pool"]][r["activity_type"]] = int(Decimal(r["share_pct"]) * 1000)
    pools, actual = defaultdict(int), defaultdict(int)
    unallocated = defaultdict(int)
    for mi, cc, element, amount in zip(cost_lines.mi, cost_lines.cc, cost_lines.element,
                                       cost_lines.amount, strict=True):
        pool = pool_of(int(cc), int(element), rules)
        if pool == "excluded":
            continue
        actual[int(mi)] += int(amount)
        if pool is None:
            unallocated[int(mi)] += int(amount)
        else:
            pools[(int(mi), pool)] += int(amount)
    service = defaultdict(int)
    for (mi, pool), cents in pools.items():
        weights = dict(shares[pool])
        rest = 100_000 - sum(weights.values())
        if rest > 0:
            weights[None] = rest
        for code, part in largest_remainder(cents, weights).items():
            if code is None:
                unallocated[mi] += part
            else:
                service[(mi, code)] += part
    parts = defaultdict(int)
    for (mi, code), cents in service.items():
        weights = quantities.get((mi, code))
        if not weights:
            unallocated[mi] += cents
            continue
        for customer, part in largest_remainder(cents, weights).items():
            parts[(customer, mi, code)] += part
    return {"actual": actual, "unallocated": unallocated, "parts": parts}
