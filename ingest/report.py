"""What an ingest run did, per file: the IngestReport returned by ingest_landing."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.table import Table
from rich.text import Text

LOADED, REJECTED, ALREADY_LOADED = "loaded", "rejected", "already loaded"


@dataclass
class FileResult:
    """One file of the landing folder and what happened to it."""

    source: str
    file_name: str
    status: str
    encoding: str | None = None
    file_format: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_duplicate: int = 0
    warnings: list[str] = field(default_factory=list)
    message: str = ""
    load_id: str | None = None
    sha256: str | None = None


@dataclass
class IngestReport:
    """Per-file results of one run, plus files that were ignored (wrong place)."""

    files: list[FileResult] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.status == REJECTED for f in self.files)

    @property
    def rejected(self) -> list[FileResult]:
        return [f for f in self.files if f.status == REJECTED]

    def rows_loaded(self, source: str | None = None) -> int:
        return sum(f.rows_loaded for f in self.files if source in (None, f.source))

    def table(self) -> Table:
        """The report as a rich Table, one row per file."""
        table = Table(title="Ingest", show_lines=False)
        for col in ("source", "file", "status", "encoding", "format"):
            table.add_column(col)
        for col in ("read", "loaded", "quarantined", "duplicate"):
            table.add_column(col, justify="right")
        table.add_column("warnings / message")
        styles = {LOADED: "green", REJECTED: "bold red", ALREADY_LOADED: "dim"}
        for f in self.files:
            note = "; ".join([*f.warnings, f.message] if f.message else f.warnings)
            table.add_row(
                f.source, Text(f.file_name), Text(f.status, style=styles[f.status]),
                f.encoding or "", f.file_format or "", f"{f.rows_read:,}", f"{f.rows_loaded:,}",
                f"{f.rows_quarantined:,}", f"{f.rows_duplicate:,}",
                Text(note, style="yellow" if f.warnings or f.status == REJECTED else ""),
            )
        if self.ignored:
            table.caption = "ignored: " + "; ".join(self.ignored)
        return table

    def __rich__(self) -> Table:
        return self.table()
