"""Which warehouse file the dashboard serves, held open, and the switch to a newly published one.

A refresh publishes a whole new file under the same name (`warehouse.publish`: os.replace).
Opening the file per query cost ~40 ms at scale 10 and started every query on a cold buffer
pool; worse, DuckDB's per-process instance cache hands a new `connect(path)` the *old* database
while any connection to it is still open, so under steady load a new file could go unseen.

So each published file (a `Version`: path, mtime, inode) gets one in-memory DuckDB instance that
ATTACHes it read-only; queries run on cursors of that instance (cheap, thread-safe). When a
query notices a new file under the path, a background thread opens it, replays the queries
users asked for recently (`warm`, supplied by `dashboard.data.engine`) so their answers are cached
for the new version, and only then switches readers over. Meanwhile pages keep reading the old
file (its inode stays readable after the rename), so a page never mixes two versions and
nobody waits for a cold cache. The switch happens within `WARM_SECONDS` of the first query
after the publish ("notices the new data within a minute"); a publish of care-plan saves
(`at_once`) is switched to at the first query, as its author waits for it. A replaced version stays
open for `RETIRE_SECONDS` so that page runs that started on it can finish.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

WARM_SECONDS = 30.0
RETIRE_SECONDS = 60.0
MAX_PATHS = 4  # warehouse paths kept open (one in production; tests use many)
CATALOG = "wh"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Version:
    """One published warehouse file: the cache key of every answer read from it."""

    path: str
    mtime_ns: int
    inode: int


class Unavailable(Exception):
    """The file cannot be opened as a DuckDB database (message says why)."""


def stat(path: str) -> Version:
    """The version published under `path` now."""
    info = Path(path).stat()  # FileNotFoundError is the caller's "not built"
    return Version(path, info.st_mtime_ns, info.st_ino)


def attach(version: Version) -> duckdb.DuckDBPyConnection:
    """A private in-memory instance with the file attached read-only (not DuckDB's instance
    cache, which would return an instance of the replaced file)."""
    con = duckdb.connect(":memory:")
    try:
        escaped = version.path.replace("'", "''")
        con.execute(f"ATTACH '{escaped}' AS {CATALOG} (READ_ONLY)")
        con.execute(f"USE {CATALOG}")
        # Defence in depth: the dashboard's SQL reads tables only; no file reads or writes,
        # no other databases, and no query can switch that back on.
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except duckdb.Error as error:
        con.close()
        raise Unavailable(f"cannot open {version.path}: {error}") from None
    return con


class Served:
    """The open versions of every warehouse path this process has read, and which one each
    path serves. All state changes under one lock; queries run outside it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._serving: dict[str, Version] = {}
        self._open: dict[Version, duckdb.DuckDBPyConnection] = {}
        self._warming: dict[str, Version] = {}
        self._retired: list[tuple[float, Version]] = []
        self._used: dict[str, float] = {}
        self.warm: Callable[[Version], None] | None = None
        # Called in the background when a server opens a path for the first time (a restart):
        # warms the cache with the queries saved before it (dashboard/data/hot_queries.py).
        self.warm_first: Callable[[Version], None] | None = None
        # A version readers switch to without warming (a care-plan save's publish: a person
        # waits for it, and it changes a few relations; dashboard.data.engine).
        self.at_once: Callable[[Version], bool] | None = None
        self.last_thread: threading.Thread | None = None  # the newest warm-up (tests join it)
        # Warm-then-switch only in a running server (app.py turns it on through the engine);
        # a CLI or test reads the new file at once.
        self.background = False

    def current(self, path: str) -> Version:
        """The version to read `path` from now; starts warming a newer file if there is one."""
        seen = stat(path)
        with self._lock:
            self._close_retired()
            self._used[path] = time.monotonic()
            serving = self._serving.get(path)
            if serving == seen:
                return serving
            if serving is None:
                self._forget_least_used()
            if (serving is None or not self.background or self.warm is None
                    or (self.at_once is not None and self.at_once(seen))):
                self._open_version(seen)
                self._switch(path, seen)
                self._warming.pop(path, None)  # an older file still warming must not win
                if serving is None and self.background and self.warm_first is not None:
                    self._start(self._warm_first, seen, "warehouse-warm-first")
                return seen
            if self._warming.get(path) != seen:
                self._warming[path] = seen
                self._start(self._warm_then_switch, seen, "warehouse-warm")
            return serving

    def cursor(self, version: Version) -> duckdb.DuckDBPyConnection:
        """A cursor on `version`, or on what its path serves now if that version was closed
        (a page run older than RETIRE_SECONDS)."""
        with self._lock:
            con = self._open.get(version)
            if con is None:
                serving = self._serving.get(version.path)
                con = self._open.get(serving) if serving else None
            if con is None:
                con = self._open_version(version)
            cursor = con.cursor()
        cursor.execute(f"USE {CATALOG}")
        return cursor

    def close_all(self) -> None:
        """Forget every version (tests that rebuild a warehouse under the same path)."""
        with self._lock:
            for con in self._open.values():
                con.close()
            self._open.clear()
            self._serving.clear()
            self._warming.clear()
            self._retired.clear()
            self._used.clear()

    def _forget_least_used(self) -> None:
        """Close every version of the least recently read path once MAX_PATHS are open."""
        while len(self._serving) >= MAX_PATHS:
            path = min(self._serving, key=lambda p: self._used.get(p, 0.0))
            del self._serving[path]
            self._warming.pop(path, None)
            for version in [v for v in self._open if v.path == path]:
                self._open.pop(version).close()
            self._retired = [(d, v) for d, v in self._retired if v.path != path]

    def _open_version(self, version: Version) -> duckdb.DuckDBPyConnection:
        con = self._open.get(version)
        if con is None:
            con = self._open[version] = attach(version)
        return con

    def _switch(self, path: str, version: Version) -> None:
        old = self._serving.get(path)
        self._serving[path] = version
        if old is not None and old != version:
            self._retired.append((time.monotonic() + RETIRE_SECONDS, old))

    def _close_retired(self) -> None:
        now = time.monotonic()
        keep = []
        for deadline, version in self._retired:
            if deadline > now or version in self._serving.values():
                keep.append((deadline, version))
            elif (con := self._open.pop(version, None)) is not None:
                con.close()
        self._retired = keep

    def _start(self, target: Callable[[Version], None], version: Version, name: str) -> None:
        self.last_thread = threading.Thread(target=target, args=(version,), name=name,
                                            daemon=True)
        self.last_thread.start()

    def _warm_first(self, version: Version) -> None:
        try:
            if self.warm_first is not None:
                self.warm_first(version)
        except Exception:  # noqa: BLE001 - only the cache stays cold
            log.exception("warming %s after a start failed", version.path)

    def _warm_then_switch(self, version: Version) -> None:
        try:
            with self._lock:
                self._open_version(version)
            if self.warm is not None:
                self.warm(version)
        except Exception:  # noqa: BLE001 - a failed warm-up must not keep the new data away
            log.exception("warming %s failed; switching without a warm cache", version.path)
        finally:
            with self._lock:
                if self._warming.get(version.path) == version:
                    del self._warming[version.path]
                    if version in self._open:
                        self._switch(version.path, version)


SERVED = Served()
