"""The small JSON state files beside the warehouse (the last refresh, the last care-plan
build), written whole or not at all: a new file renamed over the old one, so a reader never
sees half of one."""

from __future__ import annotations

import json
import os
from pathlib import Path


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    new = path.with_name(f"{path.name}.{os.getpid()}.new")
    new.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(new, path)
