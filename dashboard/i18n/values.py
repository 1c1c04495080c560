"""Display names of coded values that are the dashboard's own (data-quality check severities).

Services and customer types are named by the site and come from the warehouse
(`dashboard.data.names`).
"""

from __future__ import annotations

VALUES = {
    "fi": {"critical": "kriittinen", "warning": "varoitus"},
    "en": {"critical": "critical", "warning": "warning"},
}
