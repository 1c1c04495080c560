"""Load test: simulated users clicking through the pages of a real `streamlit run`
server on loopback, while `asiakastieto refresh` rebuilds and swaps the warehouse.

    python -m tools.loadtest --warehouse FILE --users 20 --minutes 3 [--refresh-landing DIR]

Each simulated user is a websocket client speaking Streamlit's own protocol (the BackMsg /
ForwardMsg protobufs the browser sends and receives): it opens a session, then repeatedly asks
for a page (`rerun_script` with the page's script hash and query string, as a click in the
sidebar does), waits until the server reports the script run finished, and reads it 10-30 s
(`--think MIN MAX`).
Page time = request sent → `script_finished` received: the server-side work of a page view
(every query and chart) plus the transfer of all its elements, but not the browser's drawing
(headless Chromium pages cost ~0.3-0.5 GB and a core each; 20 of them do not fit this machine).

An error is: an exception element (`st.exception`, a page crash), an error alert (e.g. the
"warehouse not built"/"relation missing" message), "page not found", a run that does not
finish within the timeout, or a broken connection. The server is started on 127.0.0.1 only,
in demo mode (loopback), and stopped at the end; `--url` may point at a running server, but
only on a loopback address.

The refresh starts with the load and the load lasts `--minutes` or until the refresh has
finished, whichever is later, so the atomic swap always happens under load.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.streamlit_client import PROJECT, Session, require_loopback, start_server

THINK_SECONDS = (10.0, 30.0)  # people read a page before the next click


FIRST_MINUTE = 60.0  # the server's cold start: reported apart as well as in the totals


@dataclass
class Results:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    swaps_seen: int = 0
    started: float = field(default_factory=time.monotonic)
    views: list[tuple[float, float]] = field(default_factory=list)  # (finished at, seconds)
    swapped_at: float | None = None
    refresh_done_at: float | None = None

    def add(self, page: str, seconds: float) -> None:
        self.times.setdefault(page, []).append(seconds)
        self.views.append((time.monotonic() - self.started, seconds))

    def phases(self) -> dict[str, dict]:
        """p50/p95 of the views in the server's first minute, after it, and in the minute
        after the swap (when a new file is warmed and switched to)."""
        swap = self.swapped_at
        spans = {"first_minute": lambda t: t < FIRST_MINUTE,
                 "after_first_minute": lambda t: t >= FIRST_MINUTE}
        if swap is not None:
            spans["minute_after_swap"] = lambda t: swap <= t < swap + 60.0
        out = {}
        for name, keep in spans.items():
            values = [s for t, s in self.views if keep(t)]
            out[name] = {"views": len(values), "p50_s": round(percentile(values, 50), 3),
                         "p95_s": round(percentile(values, 95), 3)}
        return out

    def all_times(self) -> list[float]:
        return [t for values in self.times.values() for t in values]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def customer_ids(warehouse: Path, limit: int = 200) -> list[str]:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("SELECT customer_id FROM customers ORDER BY current_value_eur DESC"
                           " NULLS LAST LIMIT ?", [limit]).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]


async def user(number: int, url: str, pages: list[tuple[str, str]], stop_at,
               results: Results, seed: int, think: tuple[float, float]) -> None:
    rng = random.Random(seed + number)
    session = Session(url)
    try:
        await asyncio.sleep(rng.uniform(0, 10))  # users arrive over 10 s, not in one burst
        await session.open()
        await session.view("")  # the landing page; learns the page hashes
        while not stop_at():
            path, query = rng.choice(pages)
            try:
                seconds, problems = await session.view(path, query)
            except TimeoutError:
                results.errors.append(f"user {number}: {path or 'overview'} timed out")
                await session.close()
                session = Session(url)
                await session.open()
                await session.view("")
                continue
            results.add(path or "overview", seconds)
            results.errors.extend(problems)
            await asyncio.sleep(rng.uniform(*think))
    except Exception as error:  # a broken connection is an error, not a crash of the test
        results.errors.append(f"user {number}: {type(error).__name__}: {error}")
    finally:
        with contextlib.suppress(Exception):
            await session.close()


async def run(url: str, users: int, minutes: float, pages: list[tuple[str, str]],
              refresh: subprocess.Popen | None, warehouse: Path, results: Results,
              seed: int, think: tuple[float, float] = THINK_SECONDS) -> float:
    started = time.monotonic()
    end = started + minutes * 60

    def stop_at() -> bool:
        refreshing = refresh is not None and refresh.poll() is None
        return time.monotonic() >= end and not refreshing

    async def watch_swaps() -> None:
        last = warehouse.stat().st_ino
        while not stop_at():
            await asyncio.sleep(0.5)
            if refresh is not None and results.refresh_done_at is None \
                    and refresh.poll() is not None:
                results.refresh_done_at = time.monotonic() - results.started
            with contextlib.suppress(FileNotFoundError):
                inode = warehouse.stat().st_ino
                if inode != last:
                    results.swaps_seen += 1
                    results.swapped_at = time.monotonic() - results.started
                    last = inode

    tasks = [asyncio.create_task(user(i, url, pages, stop_at, results, seed, think))
             for i in range(users)]
    watcher = asyncio.create_task(watch_swaps())
    await asyncio.gather(*tasks)
    await watcher
    return time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--refresh-landing", type=Path, default=None,
                        help="run `asiakastieto refresh --landing DIR` during the load")
    parser.add_argument("--url", default=None, help="a running server (loopback only)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--think", type=float, nargs=2, default=THINK_SECONDS,
                        metavar=("MIN", "MAX"), help="seconds between a user's clicks")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 50 or not 0 < args.minutes <= 30:
        raise SystemExit("bounded: 1-50 users, at most 30 minutes")
    warehouse = args.warehouse.expanduser().resolve()
    ids = customer_ids(warehouse)
    pages = [("", ""), ("segmentation", ""), ("profitability", ""), ("partnership", ""),
             ("billing", ""), ("pricing", ""), ("data", ""), ("annual-clock", "")]
    pages += [("customer", f"customer={cid}") for cid in ids[:8]]
    log = warehouse.parent / "loadtest-streamlit.log"
    server = None
    if args.url:
        require_loopback(args.url)
        url = args.url.rstrip("/")
    else:
        server, url = start_server(warehouse, log)
    refresh = None
    refresh_log = warehouse.parent / "loadtest-refresh.log"
    results = Results()
    try:
        if args.refresh_landing:
            with refresh_log.open("wb") as out:
                refresh = subprocess.Popen(
                    [str(Path(sys.executable).with_name("asiakastieto")), "refresh",
                     "--landing", str(args.refresh_landing), "--warehouse", str(warehouse)],
                    stdout=out, stderr=subprocess.STDOUT, cwd=PROJECT)
        elapsed = asyncio.run(run(url, args.users, args.minutes, pages, refresh, warehouse,
                                  results, args.seed, tuple(args.think)))
        refresh_rc = refresh.wait() if refresh else None
    finally:
        if refresh is not None and refresh.poll() is None:
            refresh.terminate()
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    times = results.all_times()
    summary = {
        "users": args.users, "minutes_requested": args.minutes, "think_s": args.think,
        "seconds_run": round(elapsed, 1), "page_views": len(times),
        "p50_s": round(percentile(times, 50), 3), "p95_s": round(percentile(times, 95), 3),
        "max_s": round(max(times), 3) if times else None,
        "errors": len(results.errors), "swaps_seen": results.swaps_seen,
        "refresh_exit_code": refresh_rc,
        "refresh_seconds": (round(results.refresh_done_at, 1)
                            if results.refresh_done_at is not None else None),
        "swap_at_s": round(results.swapped_at, 1) if results.swapped_at is not None else None,
        "phases": results.phases(),
        "per_page": {page: {"views": len(v), "p50_s": round(statistics.median(v), 3),
                            "p95_s": round(percentile(v, 95), 3)}
                     for page, v in sorted(results.times.items())},
        "first_errors": results.errors[:20],
    }
    text = json.dumps(summary, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    # The refresh publishes with 0 (new extracts) or 3 (nothing new: the same landing again,
    # rebuilt and published all the same).
    return 0 if not results.errors and (refresh_rc in (None, 0, 3)) else 1


if __name__ == "__main__":
    sys.exit(main())
