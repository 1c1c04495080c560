"""The query engine of the running dashboard: the served warehouse version, the answer cache,
the recent queries and the warm-up of a newly published file.

Queries run on the warehouse version `dashboard.data.served` serves (one open read-only
instance per published file, switched to a newly published file after the recent queries were
replayed on it). Answers are cached per (version, query, parameters): a new version is a new
key, so no time-to-live is needed, and a page run reads one version throughout. Pages pass
`cached()` to the page queries of `dashboard.data`.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.data import hot_queries
from dashboard.data.reader import Query, Reader, WarehouseMissing, WarehouseUnavailable, run
from dashboard.data.served import SERVED, WARM_SECONDS, Served, Unavailable, Version
from warehouse.config import settings
from warehouse.stores import edits_state

CACHE_ENTRIES = 512
HOT_QUERIES = 256  # the most recent distinct queries, replayed on a newly published file


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def _fetch(
    path: str, mtime_ns: int, inode: int, sql: str, params: tuple, relation: str,
    optional: bool, named: bool = False,
) -> pd.DataFrame | None:
    """Run one select on a cursor of the served version; None when an optional relation is
    absent. `params` is hashable for the cache: (name, value) pairs, tuples bound as lists."""
    try:
        con = SERVED.cursor(Version(path, mtime_ns, inode))
    except Unavailable as error:
        raise WarehouseMissing(str(error)) from None
    try:
        return run(con, (sql, params, relation, optional, named))
    finally:
        con.close()


class Engine(Reader):
    """Answers the page queries from the cache, on the version `served` serves now, and
    remembers them for the next warm-up. The constructor hands `served` its warm-up."""

    def __init__(self, served: Served, recent: hot_queries.Recent) -> None:
        self.served = served
        self.recent = recent
        served.warm = self.warm
        served.warm_first = self.warm_after_start
        served.at_once = self.publishes_edits

    def serve_in_background(self, background: bool) -> None:
        """A running server warms a newly published file before switching to it (app.py);
        a CLI or test reads the new file at once."""
        self.served.background = background

    def version(self, path: Path) -> Version:
        """The version of the warehouse at `path` to read now."""
        try:
            return self.served.current(str(path))
        except FileNotFoundError:
            raise WarehouseMissing(f"warehouse file not found: {path}") from None
        except Unavailable as error:
            raise WarehouseMissing(str(error)) from None

    def answer(self, query: Query) -> pd.DataFrame | None:
        self.recent.remember(query)
        s = settings()  # once per query: it resolves every configured path
        version = self.version(s.warehouse)
        frame = _fetch(version.path, version.mtime_ns, version.inode, *query)
        self.recent.save_if_due(s.recent_queries)
        return frame

    @staticmethod
    def publishes_edits(version: Version) -> bool:
        """Whether `version` is a publish of care-plan saves (warehouse/edits/): readers
        switch to it at once, without warming; it changes a few relations and a person
        waits for it, and a page reads a cold file in well under a second at scale 10
        (docs/benchmarks.md)."""
        state = edits_state.read(settings().edits_state)
        return (state is not None
                and state.published_version == f"{version.mtime_ns}-{version.inode}")

    def warm(self, version: Version) -> None:
        """Replay the recent queries (newest first) on `version` so their answers are cached
        before readers switch to it; stop at WARM_SECONDS."""
        deadline = time.monotonic() + WARM_SECONDS
        for query in self.recent.newest_first():
            if time.monotonic() > deadline:
                return
            try:
                _fetch(version.path, version.mtime_ns, version.inode, *query)
            except WarehouseUnavailable:
                continue  # a relation the new build lacks: the page will say so itself

    def warm_after_start(self, version: Version) -> None:
        """A server's first look at the warehouse: warm the queries saved before the restart."""
        if self.recent.load(settings().recent_queries):
            self.warm(version)

    def clear(self) -> None:
        """Drop every cached answer and open version (tests, benchmarks of cold pages)."""
        _fetch.clear()
        self.recent.clear()
        self.served.close_all()


ENGINE = Engine(SERVED, hot_queries.Recent(HOT_QUERIES))


def cached() -> Engine:
    """The reader pages pass to the page queries."""
    return ENGINE


def clear_cache() -> None:
    ENGINE.clear()
