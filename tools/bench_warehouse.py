"""Benchmark: full vs incremental warehouse builds when one month of charges arrives.

    python -m tools.bench_warehouse --landing DIR [--work DIR]

Ingests DIR into a scratch raw store, times a full build, then lands one new month of
charges (the newest month's postings under new document numbers, as a Finnish-Excel CSV)
and times the incremental build, and a full rebuild of the same data as the baseline.
Each build runs in its own process so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

from warehouse.config import settings

_PHASE = """
import json, resource, sys, time
from pathlib import Path
from warehouse import stages
from warehouse.config import settings
s = settings(Path(sys.argv[1]), Path(sys.argv[2]), site=Path(sys.argv[4]))
t = time.perf_counter()
if sys.argv[3] == "ingest":
    stages.ingest(s)
else:
    stages.build(s, full_refresh=sys.argv[3] == "full")
print(json.dumps({"seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _phase(warehouse: Path, landing: Path, what: str, site: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _PHASE, str(warehouse), str(landing), what,
                          str(site)], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"the {what} phase failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def write_next_month(raw: Path, out_dir: Path, marker: str = "9") -> tuple[Path, int]:
    """A charge file for the month after the newest one, in Finnish-Excel CSV."""
    with duckdb.connect(str(raw), read_only=True) as con:
        rows = con.sql("""
            with typed as (
                select *, try_cast(fiscal_year as integer) * 100
                          + least(try_cast(period as integer), 12) as ym
                from raw_sap_charges
            )
            select fiscal_year, period, ? || document_number as document_number, posting_row,
                   cost_centre, amount, posting_date, activity_type, quantity,
                   partner_cost_centre
            from typed where ym = (select max(ym) from typed)
        """, params=[marker]).fetchall()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "seuraava_kuukausi.csv"
    header = ("Tilikausi;Kausi;Tositenumero;Tositerivi;Kustannuspaikka;Summa;Kirjauspvm;"
              "Suoritelaji;Määrä;Kumppanikustp")
    lines = [header] + [";".join("" if v is None else str(v) for v in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path, len(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--landing", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--site", type=Path, default=None,
                        help="The site folder (default: site/ beside the landing folder, where "
                             "demo-data writes the demo city's).")
    args = parser.parse_args(argv)
    site = args.site or args.landing.parent / "site"
    work = args.work or Path(tempfile.mkdtemp(prefix="asiakastieto-bench-"))
    inc, full = work / "inc.duckdb", work / "full.duckdb"
    s = settings(inc, args.landing)
    print(f"ingest {args.landing}: {_phase(inc, args.landing, 'ingest', site)}")
    first = _phase(inc, args.landing, "full", site)
    new_landing = work / "landing_next"
    path, n = write_next_month(s.raw, new_landing / "sap_charges")
    _phase(inc, new_landing, "ingest", site)
    shutil.copy(s.raw, settings(full).raw)
    incremental = _phase(inc, new_landing, "incremental", site)
    rebuild = _phase(full, new_landing, "full", site)
    print(f"first full build:         {first['seconds']:7.1f} s  peak {first['peak_mb']:6.0f} MB")
    print(f"one more month ({n:,} lines) incremental: {incremental['seconds']:7.1f} s  "
          f"peak {incremental['peak_mb']:6.0f} MB")
    print(f"same data, full rebuild:  {rebuild['seconds']:7.1f} s  "
          f"peak {rebuild['peak_mb']:6.0f} MB")
    print(f"incremental / full: {incremental['seconds'] / rebuild['seconds']:.2f} (time), "
          f"{incremental['peak_mb'] / rebuild['peak_mb']:.2f} (peak memory)")
    print(f"reproduce: python -m tools.bench_warehouse --landing {args.landing} --site {site}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
