"""The dbt project as a targeted build of care-plan saves uses it: which models a save of a
section changes (dbt meta `careplan_sections`) and the parsed project, kept between builds."""

from __future__ import annotations

import json
from collections.abc import Callable

from warehouse import publish
from warehouse.build import parse
from warehouse.config import DBT_PROJECT_DIR, Settings

SECTIONS_META = "careplan_sections"  # a model's dbt meta: the sections whose saves it reads
PROJECT_SKIP = {"target", "logs", "dbt_packages"}


def selection(manifest, sections: set[str]) -> list[str]:
    """dbt's node selection for saves of `sections`: the models that read the store's copy
    directly (its staging model and `careplan_info`), and each model whose
    `careplan_sections` meta names a changed section, with everything downstream of it."""
    chosen = {"source:careplan+1"}
    for node in manifest.nodes.values():
        if str(node.resource_type) != "model":
            continue
        if set(node.config.meta.get(SECTIONS_META) or ()) & sections:
            chosen.add(f"{node.name}+")
    return sorted(chosen)


def fingerprint() -> tuple:
    """The dbt project's files as they are now (name, size, mtime): a change means parse again."""
    files = []
    for path in sorted(DBT_PROJECT_DIR.rglob("*")):
        relative = path.relative_to(DBT_PROJECT_DIR)
        if relative.parts[0] in PROJECT_SKIP or not path.is_file():
            continue
        info = path.stat()
        files.append((str(relative), info.st_size, info.st_mtime_ns))
    return tuple(files)


class Project:
    """dbt's parsed project for builds into the warehouse's new files, parsed again when the
    site's vars or the project's files change."""

    def __init__(self, settings: Settings, log: Callable[[str, str], None]) -> None:
        self.settings = settings
        self.log = log
        self._parsed: tuple[tuple, object] | None = None

    def manifest(self, dbt_vars: dict):
        """A manifest for one build (dbt's own copy of the parsed one)."""
        key = (json.dumps(dbt_vars, sort_keys=True, default=str), fingerprint())
        if self._parsed is None or self._parsed[0] != key:
            self.log("edits", "parsing the dbt project")
            # DuckDB names the database after the file: parse for a file named as the builds'.
            manifest = parse(self.settings, publish.staging_path(self.settings.warehouse),
                             dbt_vars)
            self._parsed = (key, manifest)
        # A run compiles into the manifest's nodes (an ephemeral model's CTE is injected
        # once): each run gets dbt's own copy, so the next one compiles afresh.
        return self._parsed[1].deepcopy()
