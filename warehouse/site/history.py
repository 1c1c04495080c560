"""Who changed what in the site folder and when: `history.jsonl`, appended, never rewritten.

People edit the site's files with any tool, so a change is noticed when the product next
reads the folder (refresh, build, setup): the entry records who ran it, when, the file's own
modification time, and each row or setting that changed. Changes made by `asiakastieto setup
--accept` say so, with the person who accepted them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from warehouse.site.load import SETTINGS_FILE, Site
from warehouse.site.tables import TABLES

HISTORY_FILE = "history.jsonl"
SNAPSHOT_FILE = ".snapshot.json"


def _content(site: Site) -> dict:
    tables = {name: {"|".join(r[k] for k in TABLES[name].key):
                     {k: v for k, v in r.items() if k != "_row"} for r in rows}
              for name, rows in site.tables.items()}
    settings = {f"[{section}] {key}": value for section, values in site.settings.items()
                for key, value in values.items()}
    return {"tables": tables, "settings": settings}


def version(site: Site) -> str:
    """A short hash of everything the build reads from the site."""
    text = json.dumps(_content(site), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _modified(folder: Path, name: str) -> str | None:
    for candidate in (folder / name, folder / f"{name}.csv", folder / f"{name}.xlsx"):
        if candidate.exists():
            return dt.datetime.fromtimestamp(candidate.stat().st_mtime).isoformat(
                timespec="seconds")
    return None


def _diff(before: dict, after: dict) -> list[tuple[str, str, dict]]:
    changes = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        kind = "added" if old is None else "removed" if new is None else "changed"
        if isinstance(old, dict) and isinstance(new, dict):
            detail = {k: [old.get(k), new.get(k)] for k in sorted(set(old) | set(new))
                      if old.get(k) != new.get(k)}
        else:
            detail = {"before": old, "after": new}
        changes.append((kind, key, detail))
    return changes


def record_changes(site: Site, by: str, via: str = "file edit", note: str = "") -> int:
    """Append the changes since the last recorded state of the folder; returns how many."""
    snapshot_path = site.folder / SNAPSHOT_FILE
    previous = json.loads(snapshot_path.read_text(encoding="utf-8")) if (
        snapshot_path.exists()) else None
    current = _content(site)
    now = dt.datetime.now().isoformat(timespec="seconds")
    entries = []
    if previous is None:
        entries.append({"at": now, "by": by, "via": via, "file": SETTINGS_FILE,
                        "change": "created", "key": "", "detail": {
                            name: len(rows) for name, rows in current["tables"].items()},
                        "note": note or "first time this folder was read"})
    else:
        for name in current["tables"]:
            for kind, key, detail in _diff(previous["tables"].get(name, {}),
                                           current["tables"][name]):
                entries.append({"at": now, "by": by, "via": via, "file": name,
                                "file_modified": _modified(site.folder, name), "change": kind,
                                "key": key, "detail": detail, "note": note})
        for kind, key, detail in _diff(previous["settings"], current["settings"]):
            entries.append({"at": now, "by": by, "via": via, "file": SETTINGS_FILE,
                            "file_modified": _modified(site.folder, SETTINGS_FILE),
                            "change": kind, "key": key, "detail": detail, "note": note})
    if entries:
        with (site.folder / HISTORY_FILE).open("a", encoding="utf-8") as f:
            for entry in entries:
                f.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
        tmp = snapshot_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(current, ensure_ascii=False, default=str), encoding="utf-8")
        tmp.replace(snapshot_path)
    return len(entries)


def read_history(folder: Path) -> list[dict]:
    path = Path(folder) / HISTORY_FILE
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
