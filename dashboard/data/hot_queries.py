"""The queries people asked for most recently: replayed to warm a newly published warehouse
(dashboard/data/served.py) and, after a server restart, the file the server opens first.

Kept in memory (newest last, bounded) and saved at most once a minute as JSON beside the
warehouse (`Settings.recent_queries`), so a restarted server does not meet its first users
with a cold cache. The file holds SQL text and parameters, no results. It is replayed on the
dashboard's own DuckDB instance, which has file access switched off (served.py), so a
tampered file can at most read the warehouse — which the dashboard shows anyway.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
import time
from collections import OrderedDict
from decimal import Decimal
from pathlib import Path

LIMIT = 256
SAVE_EVERY_SECONDS = 60.0

log = logging.getLogger(__name__)

Query = tuple  # (sql, params, relation, optional, named); params hold tuples, never lists


def hashable(item: object) -> object:
    """Lists (bound as SQL lists) as tuples, so that a query can be a dictionary key."""
    if isinstance(item, list | tuple):
        return tuple(hashable(value) for value in item)
    return item


def _encode(item: object) -> object:
    if isinstance(item, tuple | list):
        return [_encode(value) for value in item]
    if isinstance(item, dt.datetime):
        return {"datetime": item.isoformat()}
    if isinstance(item, dt.date):
        return {"date": item.isoformat()}
    if isinstance(item, Decimal):
        return {"decimal": str(item)}
    return item


def _decode(item: object) -> object:
    if isinstance(item, list):
        return tuple(_decode(value) for value in item)
    if isinstance(item, dict):
        kind, text = next(iter(item.items()))
        return {"datetime": dt.datetime.fromisoformat, "date": dt.date.fromisoformat,
                "decimal": Decimal}[kind](text)
    return item


class Recent:
    """A bounded, thread-safe list of distinct queries, most recently asked last."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._queries: OrderedDict[Query, None] = OrderedDict()
        self._lock = threading.Lock()
        # The first save waits a minute: a restarted server loads the saved list first.
        self._saved_at = time.monotonic()
        self._dirty = False

    def remember(self, query: Query) -> None:
        with self._lock:
            self._queries[query] = None
            self._queries.move_to_end(query)
            while len(self._queries) > self.limit:
                self._queries.popitem(last=False)
            self._dirty = True

    def newest_first(self) -> list[Query]:
        with self._lock:
            return list(reversed(self._queries))

    def clear(self) -> None:
        with self._lock:
            self._queries.clear()
            self._dirty = False

    def save_if_due(self, path: Path, *, force: bool = False) -> None:
        """Write the list to `path` (temp file + rename) if it changed and the last write is
        SAVE_EVERY_SECONDS old; never raises (a read-only data folder only costs the warm-up
        after a restart)."""
        with self._lock:
            due = self._dirty and (force or time.monotonic() - self._saved_at
                                   >= SAVE_EVERY_SECONDS)
            if not due:
                return
            payload = [_encode(query) for query in self._queries]
            self._saved_at, self._dirty = time.monotonic(), False
        try:
            temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            temp.write_text(json.dumps(payload), encoding="utf-8")
            os.replace(temp, path)
        except OSError as error:
            log.warning("could not save the recent queries to %s: %s", path, error)

    def load(self, path: Path) -> int:
        """Add the queries saved in `path` (older than anything asked in this process);
        returns how many. A missing or unreadable file adds none."""
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            queries = [_decode(item) for item in saved]
        except (OSError, ValueError, KeyError, TypeError, StopIteration) as error:
            if not isinstance(error, FileNotFoundError):
                log.warning("ignoring the recent queries in %s: %s", path, error)
            return 0
        queries = [q for q in queries if isinstance(q, tuple) and len(q) == 5
                   and isinstance(q[0], str)]
        with self._lock:
            current = list(self._queries)
            self._queries.clear()
            for query in queries[-self.limit:] + current:
                self._queries[query] = None
                self._queries.move_to_end(query)
            while len(self._queries) > self.limit:
                self._queries.popitem(last=False)
        return len(queries)
