"""The sidebar's choices as query parameters (the widgets: `dashboard.widgets.filters`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Filters:
    """The chosen window (months ending at the as-of month) and customer filters; empty = all."""

    months: int = 12
    types: tuple[str, ...] = ()
    segments: tuple[int, ...] = ()
    managers: tuple[str, ...] = ()

    def params(self) -> dict[str, tuple]:
        """Named SQL parameters for `reader.FILTERED`."""
        return {"types": self.types, "segments": self.segments, "managers": self.managers}

    @property
    def active(self) -> bool:
        return bool(self.types or self.segments or self.managers)
