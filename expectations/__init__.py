"""Great Expectations suites over the landed extracts; results land in the warehouse."""

import os

# No analytics calls home: the city's servers have no internet and staff are not tracked.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

from expectations.run import CheckReport, run_checks  # noqa: E402

__all__ = ["CheckReport", "run_checks"]
