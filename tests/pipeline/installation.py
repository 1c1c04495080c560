"""A copy of the session's demo installation (landing, warehouse, raw store, site) that a
test may change without touching the others'."""

import shutil


def copy_installation(demo, root):
    s = demo["settings"]
    landing, warehouse = root / "landing", root / "wh.duckdb"
    shutil.copytree(s.landing, landing)
    shutil.copy(s.warehouse, warehouse)
    shutil.copy(s.raw, root / "wh.raw.duckdb")
    shutil.copytree(s.site, root / "site")
    return landing, warehouse
