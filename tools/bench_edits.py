"""Save-to-visible latency of care-plan saves: `python -m tools.bench_edits --warehouse FILE`.

On a copy of a built installation (the warehouse FILE, its raw store beside it and its site
folder) it starts the follower as the dashboard server does (`asiakastieto apply-edits
--follow`, a process of its own), then saves, round after round, a potential score, a budget
override, a price proposal for the budget and a care-plan project through the care-plan
store, and times each from the save until the dashboard's own query engine (serving in the
background, as in the server) answers the figure with the saved value: lifetime value and
score on `customers`, the override and project lines of `budget_proposal_lines`, the price
in `budget_price_list_next_year`. The baseline, measured in the same run, is what a save
waited for before: one rebuild of the whole warehouse (`asiakastieto build`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

POLL_SECONDS = 0.05
VISIBLE_SECONDS = 120.0
KINDS = ("potential", "override", "price", "project")


class _Bench:
    """Every write by the bench user is allowed (the bench is no person)."""

    def authorize(self, user, customer_id: str, what: str) -> str:
        return user

    def written(self, user, customer_id: str, what: str) -> None:
        pass


def _copy(warehouse: Path, site: Path, work: Path) -> Path:
    target = work / "wh.duckdb"
    shutil.copy2(warehouse, target)
    shutil.copy2(warehouse.with_name(f"{warehouse.stem}.raw{warehouse.suffix}"),
                 work / "wh.raw.duckdb")
    shutil.copytree(site, work / "site")
    return target


def _wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not within {seconds:.0f} s")
        time.sleep(POLL_SECONDS)


def _targets(warehouse: Path) -> dict:
    """The largest customer and its largest run-rate line of the proposal (to override, and
    whose activity type gets the price proposals)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        customer = con.execute("select customer_id from customers order by current_value_eur "
                               "desc, customer_id limit 1").fetchone()[0]
        line = con.execute(
            "select activity_type, line_key, budget_year from budget_proposal_lines "
            "where customer_id = ? and adjustment = 'run_rate' order by amount_eur desc "
            "limit 1", [customer]).fetchone()
    return {"customer": customer, "activity_type": line[0], "line_key": line[1],
            "budget_year": int(line[2]), "price_activity": line[0]}


def _visible(reader, change: int, sql: str, relation: str, params: dict, want) -> bool:
    """The engine serves a warehouse with the save `change` and answers `want`."""
    from dashboard.data.edits import shown_change

    shown = shown_change(reader)
    if shown is None or shown < change:
        return False
    value = reader.read(sql, relation, **params)["v"].iloc[0]
    return value is not None and round(float(value), 2) == round(float(want), 2)


def _rounds(store, reader, t: dict, kind: str, n: int, state_file: Path, pause: float
            ) -> tuple[list[float], list[float]]:
    """Save `n` times and time each save until the engine answers with it; also until the
    follower recorded the publish (wall clock, from its state file)."""
    from warehouse.stores import edits_state

    times, published = [], []
    for i in range(n):
        time.sleep(pause)  # a person reads the page before saving again
        wall = time.time()
        started = time.monotonic()
        if kind == "potential":
            score = 1 + (i % 10)
            entry = store.single(t["customer"])
            store.save_single(t["customer"], "potential",
                              {"score": score, "justification": f"bench {i}"},
                              expected_version=entry.version if entry else 0, user="bench")
            sql, relation, want = ("SELECT potential_score AS v FROM customers WHERE "
                                   "customer_id = $c", "customers", score)
            params = {"c": t["customer"]}
        elif kind == "override":
            amount = 100_000 + i
            store.add(t["customer"], "budget_override", {
                "budget_year": t["budget_year"], "activity_type": t["activity_type"],
                "line_key": t["line_key"], "amount_eur": amount, "justification": "bench"},
                user="bench")
            sql, relation, want = (
                "SELECT sum(amount_eur) AS v FROM budget_proposal_lines WHERE customer_id = $c"
                " AND activity_type = $a AND (line_key = $k OR line_key = 'override:' || $k)",
                "budget_proposal_lines", amount)
            params = {"c": t["customer"], "a": t["activity_type"], "k": t["line_key"]}
        elif kind == "price":
            price = round(50 + i + 0.25, 2)
            store.add("*", "price_proposal", {
                "name": f"bench {i}", "activity_type": t["price_activity"],
                "unit_price_eur": price, "cost_driver": None, "use_for_budget": True,
                "note": None}, user="bench")
            sql, relation, want = ("SELECT unit_price_eur AS v FROM budget_price_list_next_year"
                                   " WHERE activity_type = $a", "budget_price_list_next_year",
                                   price)
            params = {"a": t["price_activity"]}
        else:
            start = dt.date(t["budget_year"], 1, 1)
            entry = store.add(t["customer"], "projects", {
                "name": f"bench {i}", "start_date": start.isoformat(),
                "end_date": start.replace(month=6, day=30).isoformat(),
                "budget_eur": 12_000 + i, "priority": 1}, user="bench")
            sql, relation, want = ("SELECT count(*) AS v FROM budget_proposal_lines WHERE "
                                   "line_key = $k", "budget_proposal_lines", 1)
            params = {"k": f"projects:{entry.entry_id}"}
        visible = functools.partial(_visible, reader, store.last_change(), sql, relation,
                                    params, want)
        _wait_for(visible, VISIBLE_SECONDS, f"{kind} save {i}")
        times.append(time.monotonic() - started)
        state = edits_state.read(state_file)
        if state is not None and state.state == "published":
            published.append(dt.datetime.fromisoformat(state.at).timestamp() - wall)
    return times, published


def _peak_mib(pid: int) -> float:
    """A running process's peak resident memory (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", required=True, type=Path,
                        help="a built warehouse; its raw store NAME.raw.duckdb beside it")
    parser.add_argument("--site", type=Path, default=None,
                        help="its site folder [default: site/ beside the warehouse]")
    parser.add_argument("--rounds", type=int, default=20, help="saves per kind")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--pause", type=float, default=2.0,
                        help="seconds between a save showing and the next save (0: back to "
                        "back, when each save also waits for the follower's spare copy)")
    args = parser.parse_args(argv)
    print("command: python -m tools.bench_edits", " ".join(argv or sys.argv[1:]))
    warehouse = args.warehouse.resolve()
    site = (args.site or warehouse.parent / "site").resolve()
    with tempfile.TemporaryDirectory(prefix="bench_edits_") as tmp:
        work = Path(tmp)
        copy = _copy(warehouse, site, work)
        os.environ.update({"ASIAKASTIETO_WAREHOUSE": str(copy),
                           "ASIAKASTIETO_SITE": str(work / "site"),
                           "ASIAKASTIETO_CAREPLANS": str(work / "careplans.sqlite")})
        os.environ.pop("ASIAKASTIETO_DATA_DIR", None)
        from dashboard.data import engine
        from warehouse.config import settings
        from warehouse.stores import edits_state
        from warehouse.stores.careplans import CarePlanStore

        s = settings()
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "warehouse", "build"], check=True,
                       stdout=subprocess.DEVNULL)
        baseline = time.monotonic() - started
        print(f"baseline: asiakastieto build (the whole warehouse) {baseline:.1f} s")
        log = (work / "follower.log").open("w")
        follower = subprocess.Popen([sys.executable, "-m", "warehouse", "apply-edits",
                                     "--follow"], stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for(lambda: "following" in (work / "follower.log").read_text(), 120,
                      "the follower's start")
            reader = engine.cached()
            reader.serve_in_background(True)  # as the server: warm-then-switch, edits at once
            store = CarePlanStore(s.careplan_store, _Bench())
            targets = _targets(copy)
            print(f"{'kind':<10}{'rounds':>7}{'p50 s':>8}{'p95 s':>8}{'max s':>8}"
                  f"{'p95/baseline':>14}{'published p50':>15}   the last save's phases in the "
                  "follower (s)")
            for kind in args.kinds.split(","):
                times, published = _rounds(store, reader, targets, kind, args.rounds,
                                           s.edits_state, args.pause)
                state = edits_state.read(s.edits_state)
                said = ", ".join(f"{k} {v:.2f}" for k, v in (state.seconds if state else {}
                                                             ).items())
                print(f"{kind:<10}{len(times):>7}{statistics.median(times):>8.2f}"
                      f"{_p95(times):>8.2f}{max(times):>8.2f}{_p95(times) / baseline:>14.3f}"
                      f"{statistics.median(published) if published else float('nan'):>15.2f}"
                      f"   {said}")
            print(f"follower peak RSS: {_peak_mib(follower.pid):.0f} MiB (dbt and its parsed "
                  "project, kept between saves)")
        finally:
            follower.terminate()
            follower.wait(timeout=30)
            log.close()


if __name__ == "__main__":
    main()
