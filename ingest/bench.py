"""Benchmark ingest of a landing folder against bare DuckDB read_csv and pandas.read_csv.

python -m ingest.bench --landing DIR  (e.g. after `asiakastieto demo-data --scale 10`)
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import duckdb
import pandas as pd

from ingest import ingest_landing
from ingest.encoding import decode
from warehouse.config import Settings

_DUCKDB_ENCODING = {"utf-16-le": "utf-16", "utf-16-be": "utf-16", "cp1252": "latin-1",
                    "iso-8859-15": "latin-1"}


def _encoding(path: Path) -> str:
    return decode(path.read_bytes()[:1 << 20].rsplit(b"\n", 1)[0])[1]


def bare_duckdb(files: list[Path]) -> float:
    """Seconds for DuckDB read_csv ('|'-delimited, all VARCHAR) into a table."""
    conn = duckdb.connect()
    conn.execute("SET enable_progress_bar = false")
    start = time.perf_counter()
    for n, path in enumerate(files):
        enc = _DUCKDB_ENCODING.get(_encoding(path), "utf-8")
        conn.execute(
            f"CREATE TABLE t{n} AS SELECT * FROM read_csv(?, delim = '|', header = false, "
            "all_varchar = true, null_padding = true, strict_mode = false, quote = '', "
            "auto_detect = false, encoding = ?, columns = {" + ", ".join(
                f"'c{i}': 'VARCHAR'" for i in range(_width(path))) + "})",
            [str(path), enc],
        )
    return time.perf_counter() - start


def _width(path: Path) -> int:
    with path.open("rb") as fh:
        head = fh.read(1 << 20).decode("latin-1").split("\n")
    return max(line.count("|") for line in head) + 1


def bare_pandas(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        enc = {"utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(_encoding(path), _encoding(path))
        pd.read_csv(path, sep="|", header=None, names=range(_width(path)), dtype=str,
                    encoding=enc, quoting=3, on_bad_lines="skip", engine="c")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--landing", type=Path, required=True)
    parser.add_argument("--skip-pandas", action="store_true")
    args = parser.parse_args(argv)
    landing = args.landing.resolve()
    with tempfile.TemporaryDirectory(prefix="asiakastieto-bench-") as tmp:
        data = Path(tmp)
        settings = Settings(data_dir=data, warehouse=data / "b.duckdb", raw=data / "b.raw.duckdb",
                            landing=landing, archive=data / "archive")
        seconds: dict[str, float] = defaultdict(float)
        rows: dict[str, int] = defaultdict(int)
        mark = [time.perf_counter()]

        def progress(done, total, result):
            now = time.perf_counter()
            seconds[result.source] += now - mark[0]
            rows[result.source] += result.rows_read
            mark[0] = now

        start = time.perf_counter()
        report = ingest_landing(landing, settings, progress)
        wall = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ingest of {landing}: {wall:.2f} s wall, peak RSS {peak_mb:,.0f} MB, ok={report.ok}")
    for source, secs in seconds.items():
        print(f"  {source:18} {rows[source]:>11,} rows {secs:8.2f} s "
              f"{rows[source] / secs if secs else 0:>12,.0f} rows/s")
    charges = sorted(p for p in (landing / "sap_charges").glob("*")
                     if p.is_file() and not p.name.startswith(("_", ".")))
    if charges:
        size = sum(p.stat().st_size for p in charges) / 1e6
        ours = seconds["sap_charges"]
        duck = bare_duckdb(charges)
        print(f"sap_charges {len(charges)} files, {size:,.1f} MB:")
        print(f"  ingest            {ours:8.2f} s  {size / ours:8.1f} MB/s")
        print(f"  duckdb read_csv   {duck:8.2f} s  {size / duck:8.1f} MB/s  "
              f"ingest/duckdb throughput {duck / ours:.2f}")
        if not args.skip_pandas:
            pand = bare_pandas(charges)
            print(f"  pandas.read_csv   {pand:8.2f} s  {size / pand:8.1f} MB/s  "
                  f"ingest/pandas throughput {pand / ours:.2f}")
    print(f"reproduce: {Path(sys.executable).name} -m ingest.bench --landing {landing}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
