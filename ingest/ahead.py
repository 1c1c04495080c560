"""Read files ahead: the next file's bytes, sha256 and encoding sniff are worked out in a
background thread while DuckDB lands the current one.

Reading, hashing and sniffing a big extract is Python work of about 1.5 s per 500 MB that
would otherwise run between DuckDB statements with one core idle. File reads and hashlib
release the GIL and DuckDB releases it while it executes, so the two overlap. The sniff is
speculative (a file whose sha256 was loaded before is skipped and never needed it): it runs
beside the hash, so it costs CPU but no time. Only one file is held ahead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ingest.encoding import Sniffed
from ingest.readers import ReadError, text_sniff


@dataclass
class Prepared:
    """A file read ahead: its bytes (taken by the lander), sha256 and text sniff."""

    path: Path
    data: bytes | None
    sha256: str
    sniffed: Sniffed | ReadError | None


def prepare(path: Path) -> Prepared:
    """Bytes, sha256 and sniff of `path`; the hash runs beside the sniff (it releases the GIL)."""
    data = path.read_bytes()
    with ThreadPoolExecutor(max_workers=1) as pool:
        sha = pool.submit(lambda: hashlib.sha256(data).hexdigest())
        sniffed = text_sniff(data)
        return Prepared(path, data, sha.result(), sniffed)


def read_ahead(paths: list[Path]) -> Iterator[Prepared]:
    """`prepare` of each path in order, the next one running while the caller uses this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(prepare, paths[0]) if paths else None
        for i in range(len(paths)):
            current = future.result()
            future = pool.submit(prepare, paths[i + 1]) if i + 1 < len(paths) else None
            yield current
