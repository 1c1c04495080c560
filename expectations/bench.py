"""Cost of the checks: `python -m expectations.bench --landing DIR`.

Ingests DIR into a temporary raw store, then times the dbt build and the GX checks
(`run_checks`) on the new warehouse file, with the peak RSS of each step.
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
    """(seconds, peak RSS MB during the step, result): RSS sampled every 50 ms."""
    peak, done = [_rss_mb()], threading.Event()

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
    return time.perf_counter() - start, max(peak[0], _rss_mb()), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--landing", type=Path, required=True)
    args = parser.parse_args()

    from expectations import run_checks
    from ingest import ingest_landing
    from warehouse import stages
    from warehouse.config import settings

    with tempfile.TemporaryDirectory(prefix="asiakastieto-gx-bench-") as tmp:
        s = settings(Path(tmp) / "wh.duckdb", args.landing.resolve())
        t_ingest, _, _ = _timed(lambda: ingest_landing(s.landing, s))
        t_build, rss_build, _ = _timed(lambda: stages._build_into(s, s.warehouse, None, None))
        t_check, rss_check, report = _timed(lambda: run_checks(s, s.warehouse))
        rows = int(report.scores["records"].sum())
    print(f"records checked: {rows:,}")
    print(f"ingest {t_ingest:7.1f} s")
    print(f"dbt build {t_build:7.1f} s   peak RSS {rss_build:7.0f} MB")
    print(f"GX check  {t_check:7.1f} s   peak RSS {rss_check:7.0f} MB   "
          f"({100 * t_check / t_build:.0f} % of the build; "
          f"{100 * t_check / (t_ingest + t_build + t_check):.0f} % of ingest+build+check)")
    print(f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
