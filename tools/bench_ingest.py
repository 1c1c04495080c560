"""Benchmark ingest of a landing folder against bare DuckDB read_csv and pandas.read_csv.

python -m tools.bench_ingest --landing DIR  (e.g. after `asiakastieto demo-data --scale 10`)

Every measurement runs in a fresh child process, so that each has its own peak RSS and CPU
time. The baselines read the same charge files, but made as easy as possible for them:
transcoded to UTF-8 beforehand (not timed), cut at the file's own delimiter, every column text
(DuckDB `read_csv(all_varchar, null_padding)`, pandas `read_csv(dtype=str, engine='c')`). They
run before and after the ingest and the better of the two counts, so a busy machine cannot
flatter the ingest. Ratios are throughput ratios: baseline seconds / ingest seconds.

A second pair of baselines reads the original files as the ingest does (DuckDB with the
encoding it reads natively, latin-1 or UTF-16; pandas with the file's codec). The UTF-8 copies
stay the stricter comparison and are always reported first.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

_DELIMS = ("|", "\t", ";", ",")


def _usage() -> dict:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu": r.ru_utime + r.ru_stime, "peak_mb": r.ru_maxrss / 1024}


def _charge_files(landing: Path) -> list[Path]:
    return sorted(p for p in (landing / "sap_charges").glob("*")
                  if p.is_file() and not p.name.startswith(("_", ".")))


def _delim_and_width(path: Path) -> tuple[str, int]:
    """The file's delimiter (a `|`-framed SAP list or the most frequent of tab ; ,) and the
    widest line's field count in its first MB."""
    with path.open("rb") as fh:
        head = fh.read(1 << 20).decode("utf-8", errors="replace").split("\n")[:-1]
    if any(line.startswith("|") for line in head):
        delim = "|"
    else:
        delim = max(_DELIMS[1:], key=lambda d: sum(line.count(d) for line in head))
    return delim, max(line.count(delim) for line in head) + 1


def prepare(files: list[Path], target: Path) -> dict[str, list[dict]]:
    """Per baseline variant, the files to read: UTF-8 copies of the charge files (decoded as
    ingest decodes them) and the originals with the encodings DuckDB and Python read them with
    (a file DuckDB cannot read as it is, e.g. Windows-1252 with € as 0x80, is read from its
    copy there too)."""
    from ingest.encoding import decode, sniff

    copies, originals = [], []
    for n, path in enumerate(files):
        data = path.read_bytes()
        text, encoding = decode(data)
        copy = target / f"{n}.txt"
        copy.write_bytes(text.encode("utf-8"))
        delim, width = _delim_and_width(copy)
        base = {"delim": delim, "width": width}
        copies.append(base | {"path": str(copy), "duckdb": "utf-8", "python": "utf-8"})
        direct = sniff(data).direct or ("utf-16" if encoding.startswith("utf-16") else None)
        originals.append(base | ({"path": str(path), "duckdb": direct, "python": encoding}
                                 if direct else copies[-1]))
    return {"copies": copies, "originals": originals}


def child_duckdb(files: list[dict]) -> dict:
    import duckdb

    conn = duckdb.connect()
    conn.execute("SET enable_progress_bar = false")
    start, before = time.perf_counter(), _usage()
    rows = 0
    for n, f in enumerate(files):
        columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(f["width"])) + "}"
        conn.execute(
            f"CREATE TABLE t{n} AS SELECT * FROM read_csv(?, delim = ?, header = false, "
            "all_varchar = true, null_padding = true, strict_mode = false, quote = '', "
            f"escape = '', auto_detect = false, encoding = ?, columns = {columns})",
            [f["path"], f["delim"], f["duckdb"]],
        )
        rows += conn.execute(f"SELECT count(*) FROM t{n}").fetchall()[0][0]
    return {"seconds": time.perf_counter() - start, "rows": rows,
            "cpu": _usage()["cpu"] - before["cpu"], "peak_mb": _usage()["peak_mb"]}


def child_pandas(files: list[dict]) -> dict:
    import pandas as pd

    start, before = time.perf_counter(), _usage()
    rows, frames = 0, []
    for f in files:
        frame = pd.read_csv(f["path"], sep=f["delim"], header=None, names=range(f["width"]),
                            dtype=str, encoding=f["python"], quoting=3, on_bad_lines="skip",
                            engine="c", skip_blank_lines=False)
        rows += len(frame)
        frames.append(frame)  # kept, as DuckDB keeps its tables
    return {"seconds": time.perf_counter() - start, "rows": rows,
            "cpu": _usage()["cpu"] - before["cpu"], "peak_mb": _usage()["peak_mb"]}


def child_ingest(landing: Path, data: Path) -> dict:
    from ingest import ingest_landing
    from warehouse.config import Settings

    settings = Settings(data_dir=data, warehouse=data / "b.duckdb", raw=data / "b.raw.duckdb",
                        landing=landing, archive=data / "archive")
    seconds: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    rows: dict[str, int] = defaultdict(int)
    mark = [time.perf_counter(), _usage()["cpu"]]

    def progress(done, total, result):
        now, used = time.perf_counter(), _usage()["cpu"]
        seconds[result.source] += now - mark[0]
        cpu[result.source] += used - mark[1]
        rows[result.source] += result.rows_read
        mark[:] = [now, used]

    start, before = time.perf_counter(), _usage()
    report = ingest_landing(landing, settings, progress)
    return {"seconds": time.perf_counter() - start, "ok": report.ok,
            "cpu": _usage()["cpu"] - before["cpu"], "peak_mb": _usage()["peak_mb"],
            "per_source": {s: [seconds[s], rows[s], cpu[s]] for s in seconds},
            "rejected": [r.message for r in report.files if r.status == "rejected"]}


# The children run `-m tools.bench_ingest` from the caller's folder: the repository root
# (where `tools` lives; it is not installed) goes on their path.
_CHILD_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(
    [str(Path(__file__).resolve().parents[1]), *filter(None, [os.environ.get("PYTHONPATH")])])}


def _run_child(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "tools.bench_ingest", "--child", *args],
                         capture_output=True, text=True, cwd=os.getcwd(), env=_CHILD_ENV)
    if out.returncode:
        raise SystemExit(f"bench child {args[0]} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--landing", type=Path)
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        result = (child_ingest(Path(rest[0]), Path(rest[1])) if kind == "ingest" else
                  {"duckdb": child_duckdb, "pandas": child_pandas}[kind](json.loads(rest[0])))
        print(json.dumps(result))
        return 0
    if args.landing is None:
        parser.error("--landing is required")
    landing = args.landing.resolve()
    charges = _charge_files(landing)
    size = sum(p.stat().st_size for p in charges) / 1e6
    kinds = ["duckdb"] + ([] if args.skip_pandas else ["pandas"])
    with tempfile.TemporaryDirectory(prefix="asiakastieto-bench-") as tmp:
        inputs = prepare(charges, Path(tmp)) if charges else {}
        base: dict[tuple[str, str], list[dict]] = defaultdict(list)

        def baselines() -> None:
            for variant, files in inputs.items():
                for kind in kinds:
                    base[kind, variant].append(_run_child(kind, json.dumps(files)))

        baselines()
        (Path(tmp) / "data").mkdir()
        ours = _run_child("ingest", str(landing), str(Path(tmp) / "data"))
        baselines()
    print(f"ingest of {landing}: {ours['seconds']:.2f} s wall, {ours['cpu']:.2f} s CPU, "
          f"peak RSS {ours['peak_mb']:,.0f} MB, ok={ours['ok']}")
    for message in ours["rejected"]:
        print(f"  rejected: {message}")
    for source, (secs, rows, cpu) in ours["per_source"].items():
        print(f"  {source:18} {rows:>11,} rows {secs:8.2f} s ({cpu:6.2f} s CPU) "
              f"{rows / secs if secs else 0:>12,.0f} rows/s")
    if charges:
        secs, rows, cpu = ours["per_source"].get("sap_charges", [0.0, 0, 0.0])
        print(f"sap_charges: {len(charges)} files, {size:,.1f} MB, {rows:,} data rows")
        print(f"  {'ingest':28} {secs:8.2f} s {size / secs:8.1f} MB/s "
              f"(CPU {cpu:.2f} s) {rows / secs:>11,.0f} rows/s")
        for (kind, variant), runs in base.items():
            best = min(runs, key=lambda r: r["seconds"])
            label = {"duckdb": "duckdb read_csv", "pandas": "pandas.read_csv"}[kind]
            label += {"copies": " (UTF-8 copies)", "originals": " (original files)"}[variant]
            times = ", ".join(f"{r['seconds']:.2f}" for r in runs)
            print(f"  {label:28} {best['seconds']:8.2f} s {size / best['seconds']:8.1f} MB/s "
                  f"(runs {times} s; CPU "
                  f"{best['cpu']:.2f} s, peak RSS {best['peak_mb']:,.0f} MB)  "
                  f"ingest/{kind} throughput {best['seconds'] / secs:.2f}")
    print(f"reproduce: {Path(sys.executable).name} -m tools.bench_ingest --landing {landing}")
    return 0 if ours["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
