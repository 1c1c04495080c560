"""Shared constants and the fixture-warehouse builder of the access tests (a uniquely named
module: `from conftest import …` would be ambiguous next to the other tests' conftest)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
BUILDER = PROJECT / "tests" / "dashboard" / "fixture_warehouse.py"
APP = str(PROJECT / "dashboard" / "app.py")
PASSWORD = "correct horse battery"
SQL_HOSTILE = "'; DROP TABLE customers; --"
HTML_HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def builder():
    """The dashboard tests' builder, loaded by file path (tests dirs are not packages)."""
    module = sys.modules.get("fixture_warehouse")
    if module is None:
        if str(BUILDER.parent) not in sys.path:
            sys.path.append(str(BUILDER.parent))
        spec = importlib.util.spec_from_file_location("fixture_warehouse", BUILDER)
        module = importlib.util.module_from_spec(spec)
        sys.modules["fixture_warehouse"] = module
        spec.loader.exec_module(module)
    return module
