"""A site's decisions, kept outside the code: its codes, senders, prices, costs, labels,
thresholds and policy. One folder of CSV/xlsx tables and a `site.toml` (docs/site.md);
the repository ships only documented defaults (`defaults/`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from warehouse.site.export import export_to
from warehouse.site.history import read_history, record_changes, version
from warehouse.site.load import DEFAULTS, SETTINGS_FILE, Site, SiteError, load_site
from warehouse.site.tables import TABLES

__all__ = ["DEFAULTS", "SETTINGS_FILE", "TABLES", "Site", "SiteError", "create_site", "export_to",
           "load_site", "read_history", "record_changes", "version"]


def create_site(folder: Path, *, name: str | None = None, overlay: Path | None = None) -> Path:
    """A new site folder: the documented defaults, then `overlay`'s files on top (the demo
    city's), and the site's name. An existing site.toml is never overwritten."""
    folder = Path(folder)
    if (folder / SETTINGS_FILE).exists():
        raise SiteError([f"{folder / SETTINGS_FILE} exists already: edit it, or choose another "
                         "folder"])
    folder.mkdir(parents=True, exist_ok=True)
    for source in [DEFAULTS, *([overlay] if overlay else [])]:
        for path in sorted(Path(source).iterdir()):
            if path.is_file() and path.suffix in (".csv", ".toml"):
                shutil.copyfile(path, folder / path.name)
    if name and not overlay:
        text = (folder / SETTINGS_FILE).read_text(encoding="utf-8")
        (folder / SETTINGS_FILE).write_text(
            text.replace('name = "IT-palvelukeskus"', f'name = "{name}"', 1), encoding="utf-8")
    return folder
