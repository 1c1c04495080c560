"""A file's bytes, sha256 and encoding sniff, the hash computed beside the sniff.

hashlib releases the GIL, so hashing a big extract (about 0.5 s per 500 MB) runs on the other
core while Python sniffs the encoding (0.3 s); the sniff is wasted on a file whose sha256 was
loaded before, which costs CPU but no time. Reading the next file ahead while DuckDB lands
the current one was tried as well and not kept: on the shared two cores it did not measurably
shorten the ingest (docs/ingest.md, Performance) and it holds a second file in memory.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ingest.encoding import Sniffed
from ingest.readers import ReadError, text_sniff


@dataclass
class Prepared:
    """A file read for landing: its bytes, sha256 and text sniff (or the error it gives)."""

    data: bytes
    sha256: str
    sniffed: Sniffed | ReadError | None


def prepare(path: Path) -> Prepared:
    data = path.read_bytes()
    with ThreadPoolExecutor(max_workers=1) as pool:
        sha = pool.submit(lambda: hashlib.sha256(data).hexdigest())
        sniffed = text_sniff(data)
        return Prepared(data, sha.result(), sniffed)
