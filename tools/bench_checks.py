"""Cost of the checks: `python -m tools.bench_checks --landing DIR`.

First full load: ingests DIR into a temporary raw store, then times the dbt build and the GX
checks (`run_checks`) on the new warehouse file. Incremental refresh: lands one more month of
charges (`tools.bench_warehouse.write_next_month`), ingests it, times the incremental dbt build and
the checks again (which validate only the new load). Peak RSS is sampled during each step; the
ratios compare steps of the same run (the machine is shared).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import threading
import time
from pathlib import Path


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _timed(step):
    """(seconds, (peak RSS MB during the step, RSS at its start), result): sampled every 50 ms.

    The start is what earlier steps left in the process; peak - start is the step's own growth.
    """
    start_rss = _rss_mb()
    peak, done = [start_rss], threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], _rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    try:
        result = step()
    finally:
        done.set()
        sampler.join()
    return time.perf_counter() - start, (max(peak[0], _rss_mb()), start_rss), result


def _loads(report, fresh: bool) -> int:
    r = report.results.dropna(subset=["suite_version"])
    return r[(r["validated_run_id"] == r["run_id"]) == fresh]["load_id"].nunique()


def _line(step: str, seconds: float, rss: tuple[float, float],
          build: float | None = None, refresh: float | None = None) -> str:
    share = f"   {100 * seconds / build:3.0f} % of the dbt build" if build else ""
    if refresh:
        share += f", {100 * seconds / refresh:3.0f} % of the refresh (ingest + build + check)"
    peak, start = rss
    return (f"  {step:<10} {seconds:7.1f} s   peak RSS {peak:6.0f} MB "
            f"(+{peak - start:4.0f} MB){share}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--landing", type=Path, required=True)
    args = parser.parse_args()

    from expectations import run_checks
    from ingest import ingest_landing
    from tools.bench_warehouse import write_next_month
    from warehouse import stages
    from warehouse.config import settings

    with tempfile.TemporaryDirectory(prefix="asiakastieto-gx-bench-") as tmp:
        s = settings(Path(tmp) / "wh.duckdb", args.landing.resolve())
        t_ingest, rss_ingest, _ = _timed(lambda: ingest_landing(s.landing, s))
        t_build, rss_build, _ = _timed(lambda: stages._build_into(s, s.warehouse, None, None))
        t_check, rss_check, report = _timed(lambda: run_checks(s, s.warehouse))
        rows = int(report.scores["records"].sum())
        print(f"first full load: {rows:,} records checked")
        print(_line("ingest", t_ingest, rss_ingest))
        print(_line("dbt build", t_build, rss_build))
        print(_line("GX check", t_check, rss_check, t_build, t_ingest + t_build + t_check))

        _, n = write_next_month(s.raw, Path(tmp) / "landing_next" / "sap_charges")
        s2 = settings(s.warehouse, Path(tmp) / "landing_next")
        t_ingest2, rss_ingest2, _ = _timed(lambda: ingest_landing(s2.landing, s2))
        t_build2, rss_build2, _ = _timed(lambda: stages._build_into(s2, s2.warehouse, None, None))
        t_check2, rss_check2, report2 = _timed(lambda: run_checks(s2, s2.warehouse))
        print(f"incremental refresh: one more month of charges ({n:,} lines); "
              f"{_loads(report2, fresh=True)} loads validated, {_loads(report2, fresh=False)} "
              "reused")
        print(_line("ingest", t_ingest2, rss_ingest2))
        print(_line("dbt build", t_build2, rss_build2))
        print(_line("GX check", t_check2, rss_check2, t_build2,
                    t_ingest2 + t_build2 + t_check2))
    print(f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
