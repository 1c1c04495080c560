"""Ingest: read every extract of a landing folder and land it as text in the raw store."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import duckdb

from ingest.landing import create_tables, ensure_raw_tables, land_file
from ingest.parsing import load_macros
from ingest.readers import peek_source
from ingest.report import ALREADY_LOADED, LOADED, REJECTED, FileResult, IngestReport
from ingest.sources import RAW_TABLES, SOURCES, Source, with_site_labels
from warehouse.config import Settings

__all__ = [
    "ALREADY_LOADED", "LOADED", "RAW_TABLES", "REJECTED", "FileResult", "IngestReport",
    "ensure_raw_tables", "ingest_landing", "raw_tables",
]

Progress = Callable[[int, int, FileResult], None]
SiteLabels = Mapping[str, Mapping[str, Sequence[str]]]


def raw_tables() -> tuple[str, ...]:
    """The raw tables of the raw store, one per landing folder."""
    return RAW_TABLES


def _skip(path: Path) -> bool:
    return path.name.startswith(("_", "."))


def landing_files(landing: Path, sources: Mapping[str, Source] | None = None
                  ) -> tuple[list[tuple[str, Path]], list[str]]:
    """(source, file) pairs to land, oldest first per source, and notes on ignored files (a
    file directly in the landing folder is named with the folder its header belongs to)."""
    files, ignored = [], []
    for entry in sorted(landing.iterdir()) if landing.is_dir() else []:
        if _skip(entry):
            continue
        if entry.is_file():
            where = peek_source(entry, sources or SOURCES)
            ignored.append(f"{entry.name}: file directly in the landing folder, not in a "
                           "source folder" + (f"; {where}" if where else ""))
        elif entry.name not in SOURCES:
            ignored.append(f"{entry.name}/: unknown folder (known: {', '.join(SOURCES)})")
    for name in SOURCES:
        folder = landing / name
        if not folder.is_dir():
            continue
        found = [p for p in folder.rglob("*") if p.is_file() and not any(
            part.startswith(("_", ".")) for part in p.relative_to(folder).parts)]
        found.sort(key=lambda p: (p.stat().st_mtime, p.name))
        files += [(name, p) for p in found]
    return files, ignored


def ingest_landing(
    landing: Path, settings: Settings, progress: Progress | None = None,
    site_labels: SiteLabels | None = None,
) -> IngestReport:
    """Land every file of `landing` into settings.raw; progress(done, total, result) per file.
    `site_labels` (source → field → extra header labels, a site's labels.csv) are accepted
    beside the built-in ones; an unknown source or field raises ValueError naming it."""
    sources = with_site_labels(SOURCES, site_labels)
    report = IngestReport()
    if not Path(landing).is_dir():
        report.ignored.append(f"{landing}: landing folder does not exist")
        return report
    files, report.ignored = landing_files(Path(landing), sources)
    settings.raw.parent.mkdir(parents=True, exist_ok=True)
    conn = duckdb.connect(str(settings.raw))
    try:
        conn.execute("SET enable_progress_bar = false")
        load_macros(conn)
        create_tables(conn)
        with tempfile.TemporaryDirectory(prefix="asiakastieto-ingest-") as tmp:
            for done, (name, path) in enumerate(files, start=1):
                result = land_file(conn, path, sources[name], settings.archive, Path(tmp),
                                   sources)
                report.files.append(result)
                if progress:
                    progress(done, len(files), result)
    finally:
        conn.close()
    return report
