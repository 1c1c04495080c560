"""Which care-plan saves the warehouse being read shows (mart `careplan_info`)."""

from __future__ import annotations

from dashboard.data.reader import Reader


def shown_change(reader: Reader) -> int | None:
    """The care-plan store's last change number the warehouse was built from: a save with a
    number up to it shows in every figure. None for a warehouse built before the mart."""
    frame = reader.read_optional(
        "SELECT max(store_change) AS store_change FROM careplan_info", "careplan_info")
    if frame is None or frame.empty or frame["store_change"].isna().all():
        return None
    return int(frame["store_change"].iloc[0])
