"""The layers of `.importlinter` hold: every import points down, and every module is placed."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("tools", "warehouse", "ingest", "expectations", "dashboard")


def _layer_modules() -> set[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    layers = config["importlinter:contract:layers"]["layers"]
    return {name.strip("() ") for line in layers.splitlines() if line.strip()
            for name in re.split(r"[|:]", line)}


def _modules() -> set[str]:
    found = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_every_module_has_a_layer():
    layers = _layer_modules()
    # A package's own __init__ contains its layers and cannot be one.
    unplaced = {m for m in _modules() - {"warehouse", "ingest"}
                if not any(m == layer or m.startswith(layer + ".") for layer in layers)}
    assert not unplaced, f"add these modules to a layer of .importlinter: {sorted(unplaced)}"


def test_imports_point_down(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(no_cache=True) == 0, "an import points up a layer: see the output above"
