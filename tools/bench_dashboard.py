"""Page render times with AppTest: `python -m tools.bench_dashboard --warehouse FILE`.

Cold = the first render after clearing the query cache (every select runs on DuckDB); warm =
the median of the next renders (the cache answers). Times are the script run in AppTest, not
the browser's drawing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.data import engine

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
PAGES = ["overview", "segmentation", "profitability", "partnership", "billing", "pricing",
         "customer", "annual_clock", "budget", "data"]


def _render(page: str, cold: bool) -> float:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    if cold:
        engine.clear_cache()
    started = time.perf_counter()
    at.switch_page(f"app_pages/{page}.py").run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    return elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", required=True, type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="warm renders per page")
    args = parser.parse_args(argv)
    os.environ["ASIAKASTIETO_WAREHOUSE"] = str(args.warehouse.resolve())
    print("command:", "python -m tools.bench_dashboard", " ".join(argv or sys.argv[1:]))
    print(f"{'page':<15}{'cold s':>9}{'warm s':>9}")
    for page in PAGES:
        cold = _render(page, cold=True)
        warm = statistics.median(_render(page, cold=False) for _ in range(args.repeat))
        print(f"{page:<15}{cold:>9.3f}{warm:>9.3f}")


if __name__ == "__main__":
    main()
