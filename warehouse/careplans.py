"""The care-plan store as the dashboard and the CLI write it: `warehouse.stores.careplans`
with access control's guard, so every write is authorised (and audited) inside the store."""

from __future__ import annotations

from pathlib import Path

from warehouse.access import CAREPLAN_GUARD
from warehouse.stores import careplans as store
from warehouse.stores.careplan_export import RAW_COLUMNS, RAW_TABLE, export_to
from warehouse.stores.careplan_layout import ALL_CUSTOMERS, SECTIONS, SINGLE_SECTIONS
from warehouse.stores.careplans import Entry, StaleEdit

__all__ = ["ALL_CUSTOMERS", "RAW_COLUMNS", "RAW_TABLE", "SECTIONS", "SINGLE_SECTIONS",
           "CarePlanStore", "Entry", "StaleEdit", "export_to"]


class CarePlanStore(store.CarePlanStore):
    """A care-plan store at `path` whose writes `warehouse.access` authorises."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, CAREPLAN_GUARD)
