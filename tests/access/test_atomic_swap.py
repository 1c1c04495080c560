"""Refresh while serving: readers going through `dashboard.data.engine` (threads and separate
processes) while `warehouse.publish` swaps whole new files in, over and over. Zero errors,
every read sees one whole version, and the next read after a swap sees the new data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
from access_helpers import PROJECT, builder

from dashboard.data import careplan, engine, overview, served
from warehouse import publish
from warehouse.config import settings
from warehouse.stores import edits_state
from warehouse.stores.refresh_state import version_of

DB = engine.cached()  # the pages' reader: the served, cached engine

VERSIONS = 4
SWAPS = 40
READERS = 6
PROCESS_READERS = 2

READER_SCRIPT = """
import os, sys
from dashboard.data import careplan, engine, overview
DB = engine.cached()
stop = sys.argv[1]
reads = errors = torn = 0
seen = set()
while not os.path.exists(stop):
    try:
        names = careplan.customer_list(DB)["customer_name"].tolist()
    except Exception as error:
        names = None
        errors += 1
        print("error", type(error).__name__, error, flush=True)
    if reads + errors == 1:
        print("ready", flush=True)  # a first read is done (or failed): the swaps may begin
    if names is None:
        continue
    versions = {n.rsplit("#", 1)[-1] for n in names}
    reads += 1
    seen |= versions
    if len(names) != 4 or len(versions) != 1:
        torn += 1
print("result", reads, errors, torn, len(seen), flush=True)
"""


def _until_ready(process: subprocess.Popen) -> str:
    """What a reader process printed up to the end of its first read (`ready`), or until
    it ended."""
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith("ready"):
            break
    return "".join(lines)


def _versions(base: Path, folder: Path) -> list[Path]:
    """Whole warehouses that differ in every customer's name suffix (#v0 … #v3)."""
    paths = []
    for k in range(VERSIONS):
        path = folder / f"v{k}.duckdb"
        shutil.copy(base, path)
        con = duckdb.connect(str(path))
        con.execute("UPDATE customers SET customer_name = customer_name || ?", [f" #v{k}"])
        con.execute("CHECKPOINT")
        con.close()
        paths.append(path)
    return paths


def _publish(version: Path, target: Path) -> None:
    """As a build does: a new file next to the warehouse, then an atomic rename."""
    staging = publish.staging_path(target)
    shutil.copy(version, staging)  # a fresh mtime each time: the cache key changes
    publish.publish(staging, target)


def test_readers_never_fail_nor_see_a_mix(tmp_path, monkeypatch):
    base = builder().build(tmp_path / "base.duckdb").path
    versions = _versions(base, tmp_path)
    target = tmp_path / "warehouse.duckdb"
    _publish(versions[0], target)
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(target))
    engine.clear_cache()

    stop = threading.Event()
    errors: list[str] = []
    torn: list[list[str]] = []
    reads = [0] * READERS
    seen: set[str] = set()
    progress = threading.Condition()

    def reader(index: int) -> None:
        while not stop.is_set():
            try:
                names = careplan.customer_list(DB)["customer_name"].tolist()
                kpis = overview.kpis(DB)
            except Exception as error:  # noqa: BLE001 - any failure is what we count
                with progress:
                    errors.append(f"{type(error).__name__}: {error}")
                    progress.notify_all()
                continue
            suffixes = {name.rsplit("#", 1)[-1] for name in names}
            seen.update(suffixes)
            if len(names) != 4 or len(suffixes) != 1 or kpis.empty:
                torn.append(names)
            with progress:
                reads[index] += 1
                progress.notify_all()

    def every_thread_read_again() -> None:
        """Wait until each reader thread has finished a read begun after the last swap."""
        with progress:
            before = list(reads)
            assert progress.wait_for(
                lambda: all(now >= then + 2 for now, then in zip(reads, before, strict=True))
                or bool(errors), timeout=60), ("a reader thread stalled", reads)

    stop_file = tmp_path / "stop-readers"
    env = {**os.environ, "ASIAKASTIETO_WAREHOUSE": str(target)}
    processes = [subprocess.Popen([sys.executable, "-c", READER_SCRIPT, str(stop_file)],
                                  cwd=PROJECT, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True)
                 for _ in range(PROCESS_READERS)]
    threads = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    started = [""] * PROCESS_READERS
    try:
        # the swaps begin once every reader process reads: they overlap all of them
        started = [_until_ready(p) for p in processes]
        for thread in threads:
            thread.start()
        for swap in range(SWAPS):
            _publish(versions[swap % VERSIONS], target)
            every_thread_read_again()
    finally:
        stop.set()
        stop_file.touch()
        for thread in threads:
            if thread.ident is not None:
                thread.join(timeout=60)
    outputs = [before + p.communicate(timeout=120)[0]
               for before, p in zip(started, processes, strict=True)]

    assert errors == [], errors[:5]
    assert torn == [], torn[:5]
    assert min(reads) > 0 and len(seen) >= 2, (reads, seen)
    for output in outputs:
        result = [line for line in output.splitlines() if line.startswith("result")]
        assert result, output
        _, n, failed, mixed, _versions_seen = result[0].split()
        assert int(n) > 0 and failed == "0" and mixed == "0", output
    assert not list(tmp_path.glob("warehouse.duckdb.building-*")), "no staging file left"


def test_the_next_read_after_a_swap_sees_the_new_data(tmp_path, monkeypatch):
    base = builder().build(tmp_path / "base.duckdb").path
    versions = _versions(base, tmp_path)
    target = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(target))
    engine.clear_cache()
    _publish(versions[0], target)
    assert careplan.customer_list(DB)["customer_name"].str.endswith("#v0").all()
    _publish(versions[1], target)  # within the same clock tick, maybe: a new file all the same
    # outside a server (CLI, report) the new file is read at once
    assert careplan.customer_list(DB)["customer_name"].str.endswith("#v1").all()


def test_a_server_warms_the_new_file_then_switches(tmp_path, monkeypatch):
    """In a server the first read after a publish still gets the old version (whole) and
    starts a warm-up; within WARM_SECONDS readers switch, and the queries asked before the
    publish are answered for the new version without touching DuckDB again."""
    base = builder().build(tmp_path / "base.duckdb").path
    versions = _versions(base, tmp_path)
    target = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(target))
    monkeypatch.setattr(served, "RETIRE_SECONDS", 0.0)
    monkeypatch.setattr(served.SERVED, "background", True)
    engine.clear_cache()
    _publish(versions[0], target)
    assert careplan.customer_list(DB)["customer_name"].str.endswith("#v0").all()
    old = served.SERVED.current(str(target))
    _publish(versions[1], target)
    first = careplan.customer_list(DB)["customer_name"]
    assert first.str.endswith("#v0").all()  # the old inode is still open and whole
    deadline = time.monotonic() + served.WARM_SECONDS + 5
    while not careplan.customer_list(DB)["customer_name"].str.endswith("#v1").all():
        assert time.monotonic() < deadline, "the new file was never switched to"
        time.sleep(0.05)
    new = served.SERVED.current(str(target))
    assert new != old and new.inode == target.stat().st_ino
    # the warm-up cached the answer for the new version: a read needs no open instance of it
    with monkeypatch.context() as patch:
        patch.setattr(served.SERVED, "cursor", _no_duckdb)
        assert careplan.customer_list(DB)["customer_name"].str.endswith("#v1").all()
    served.SERVED.current(str(target))  # retires (closes) the old version
    assert old not in served.SERVED._open
    engine.clear_cache()


def test_a_server_switches_to_a_care_plan_publish_at_once(tmp_path, monkeypatch):
    """A publish of care-plan saves (warehouse/edits/, named in its state file before the
    rename) is read by the very next query: its author waits for it, nothing is warmed."""
    base = builder().build(tmp_path / "base.duckdb").path
    versions = _versions(base, tmp_path)
    target = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(target))
    monkeypatch.setattr(served.SERVED, "background", True)
    engine.clear_cache()
    _publish(versions[0], target)
    assert careplan.customer_list(DB)["customer_name"].str.endswith("#v0").all()
    staged = publish.staging_path(target)
    shutil.copy(versions[1], staged)
    edits_state.record(settings().edits_state, edits_state.EditsState(
        edits_state.State.PUBLISHING, 1, "now", published_version=version_of(staged)))
    publish.publish(staged, target)
    assert careplan.customer_list(DB)["customer_name"].str.endswith("#v1").all()
    _publish(versions[2], target)  # a refresh's publish: warmed first, as before
    assert careplan.customer_list(DB)["customer_name"].str.endswith("#v1").all()
    served.SERVED.last_thread.join(timeout=served.WARM_SECONDS + 5)
    engine.clear_cache()


def _no_duckdb(version):
    raise AssertionError(f"a cached answer was expected, DuckDB was asked for {version}")


def test_a_failed_build_publishes_nothing(tmp_path):
    base = builder().build(tmp_path / "base.duckdb").path
    target = tmp_path / "warehouse.duckdb"
    shutil.copy(base, target)
    before = target.read_bytes()
    try:
        with publish.rebuilding(target) as new_file:
            new_file.write_bytes(b"half-built")
            raise RuntimeError("dbt failed")
    except RuntimeError:
        pass
    assert target.read_bytes() == before
    assert not list(tmp_path.glob("warehouse.duckdb.building-*"))
