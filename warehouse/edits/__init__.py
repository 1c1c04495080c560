"""Care-plan saves that feed a figure show at once: a targeted rebuild, published atomically.

A partnership manager's potential score, a budget override, a price proposal for the budget
and a care-plan project change figures (lifetime and potential value, the value quadrant, the
budget proposal). The care-plan store numbers every saved change; the mart `careplan_info`
holds the last change number a warehouse was built from. When the store has newer changes,
`Applier.apply` copies the store into the raw store, copies the published warehouse, runs
`dbt build` on the models that read the changed sections (a model's `careplan_sections` meta:
it and everything downstream, with their data tests) and publishes the copy with the atomic
rename a refresh uses. Everything else in the warehouse, the data-quality results of the last
refresh among it, is carried over: no landed extract has changed.

`follow` runs the applier in a long-lived process, which the dashboard server starts beside
itself: dbt's project is parsed once and reused, and the next build's copy of the warehouse
is made ahead in idle time (`Spare`), so a save shows within seconds
(docs/benchmarks.md, "Edits show at once"). One run at a time holds the warehouse's lock; a
refresh waits for an edits build to finish, and saves made during a refresh are applied
after it.
"""

from warehouse.edits.applier import COMMAND, Applier
from warehouse.edits.follow import follow
from warehouse.edits.project import selection

__all__ = ["COMMAND", "Applier", "follow", "selection"]
