"""What an ingest run did, per file: the IngestReport returned by ingest_landing."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich import box
from rich.console import Group
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

    def table(self) -> Group:
        """The report for a terminal or a log: one compact row per file (fits 80 columns),
        then the encoding, format, warnings and message (with the rows repeating keys of
        earlier loads) of each file, numbered, below it."""
        table = Table(title="Ingest", box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1))
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("source / file", overflow="fold", ratio=1)
        table.add_column("status", no_wrap=True)
        for col in ("read", "loaded", "quarant."):
            table.add_column(col, justify="right", no_wrap=True)
        styles = {LOADED: "green", REJECTED: "bold red", ALREADY_LOADED: "dim"}
        notes = []
        for number, f in enumerate(self.files, start=1):
            table.add_row(
                str(number), Text(f"{f.source}/{f.file_name}"),
                Text(f.status, style=styles[f.status]), f"{f.rows_read:,}",
                f"{f.rows_loaded:,}", f"{f.rows_quarantined:,}",
            )
            notes.append(_note(number, f))
        parts: list = [table, *[n for n in notes if n is not None]]
        if self.ignored:  # a file in the wrong place is easy to miss in a long log
            parts.append(Text(f"Ignored, not loaded ({len(self.ignored)}):",
                              style="bold yellow"))
            parts += [Text(f"  ! {note}", style="yellow") for note in self.ignored]
        return Group(*parts)

    def __rich__(self) -> Group:
        return self.table()


def _note(number: int, f: FileResult) -> Text | None:
    """`[n] encoding, format: warnings; message` for a file that has anything to say."""
    said = [*f.warnings, f.message] if f.message else list(f.warnings)
    if f.status == ALREADY_LOADED and not said:
        return None
    how = ", ".join(x for x in (f.encoding, f.file_format) if x)
    text = Text(f"[{number}] ", style="bold")
    text.append(how + (": " if how and said else ""))
    text.append("; ".join(said), style="yellow" if said else "")
    return text
