"""Load and validate a site folder: every error names the file, the row and the field."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ingest.sources import SOURCES, with_site_labels
from warehouse.site.files import SiteFileError, read_rows, read_toml, table_file
from warehouse.site.tables import (
    CATALOGUE_CODES,
    EXCLUDED_POOL,
    TABLES,
    CellError,
    Table,
    percent,
)

DEFAULTS = Path(__file__).resolve().parent / "defaults"
SETTINGS_FILE = "site.toml"


class SiteError(ValueError):
    """The site folder is missing or invalid; one line per problem, each naming where."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Site:
    """A validated site: its settings (defaults overlaid by the site's own) and its tables."""

    folder: Path
    settings: dict
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.settings["site"]["name"]

    @property
    def is_demo(self) -> bool:
        return bool(self.settings["site"].get("demo"))

    @property
    def required_sources(self) -> tuple[str, ...]:
        return tuple(self.settings["site"]["required_sources"])

    @property
    def unclassified_max_share(self) -> float:
        return float(self.settings["checks"]["unclassified_max_share"])

    @property
    def labels(self) -> dict[str, dict[str, list[str]]]:
        """source → field → the site's own header labels (for ingest)."""
        out: dict[str, dict[str, list[str]]] = {}
        for row in self.tables["labels"]:
            out.setdefault(row["source"], {}).setdefault(row["field"], []).append(row["label"])
        return out

    def dbt_vars(self) -> dict:
        """The policy as dbt vars: [policy] keys as they are, [budget] keys as `budget_<key>`."""
        out = dict(self.settings["policy"])
        out.update({f"budget_{k}": v for k, v in self.settings["budget"].items()})
        return out


def _merge_settings(defaults: dict, own: dict, where: Path) -> tuple[dict, list[str]]:
    problems, merged = [], {k: dict(v) for k, v in defaults.items()}
    for section, values in own.items():
        if section not in defaults or not isinstance(values, dict):
            problems.append(f"{where}: unknown section [{section}]; known: "
                            f"{', '.join(f'[{s}]' for s in defaults)}")
            continue
        for key, value in values.items():
            known = defaults[section]
            if key not in known and not (section == "site" and key == "demo"):
                close = difflib.get_close_matches(key, list(known), n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                problems.append(f"{where}: [{section}] {key} is not a setting{hint}")
                continue
            expected = known.get(key)
            if expected is not None and not _same_kind(expected, value):
                problems.append(f"{where}: [{section}] {key} = {value!r} should be "
                                f"{_kind(expected)}, like the default {expected!r}")
                continue
            merged[section][key] = value
    return merged, problems


def _same_kind(default: object, value: object) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))


def _kind(value: object) -> str:
    return {bool: "true or false", int: "a whole number", float: "a number", str: "text in "
            "quotes", list: "a list in [brackets]"}.get(type(value), type(value).__name__)


def _read_table(path: Path, table: Table) -> tuple[list[dict[str, str]], list[str]]:
    problems, rows, seen = [], [], {}
    numbered = read_rows(path)
    headers = set(numbered[0][1]) if numbered else set()
    missing = [c.name for c in table.columns if c.required and c.name not in headers]
    if missing:
        return [], [f"{path}: row 1 (header) lacks column(s) {', '.join(missing)}; the header "
                    f"is: {', '.join(table.column_names)}"]
    for number, values in numbered[1:]:
        row = {}
        for column in table.columns:
            value = values.get(column.name, "")
            where = f"{path}: row {number}, field {column.name}"
            if not value:
                if column.required:
                    problems.append(f"{where}: empty; {column.help or 'a value is needed'}")
                row[column.name] = ""
                continue
            try:
                row[column.name] = column.parse(value)
            except CellError as exc:
                problems.append(f"{where}: {exc}")
                row[column.name] = value
        key = tuple(row[k] for k in table.key)
        if key in seen:
            problems.append(f"{path}: row {number}: {', '.join(table.key)} {'/'.join(key)} "
                            f"is already on row {seen[key]}; keep one")
        seen.setdefault(key, number)
        row["_row"] = str(number)
        rows.append(row)
    return rows, problems


def _cross_checks(folder: Path, tables: dict[str, list[dict]], settings: dict) -> list[str]:
    problems = []
    codes = {r["activity_type"] for r in tables["service_catalogue"]}
    for name in CATALOGUE_CODES:
        for row in tables[name]:
            if row["activity_type"] not in codes:
                problems.append(f"{folder / name}: row {row['_row']}, field activity_type: "
                                f"{row['activity_type']} is not in service_catalogue")
    problems += _cost_model_checks(folder, tables)
    for row in tables["labels"]:
        source = SOURCES.get(row["source"])
        if source is None:
            problems.append(f"{folder / 'labels'}: row {row['_row']}, field source: "
                            f"{row['source']!r} is not a source ({', '.join(SOURCES)})")
        elif row["field"] not in {f.name for f in source.fields}:
            problems.append(f"{folder / 'labels'}: row {row['_row']}, field field: "
                            f"{row['field']!r} is not a field of {source.name} "
                            f"({', '.join(f.name for f in source.fields)})")
        else:
            try:
                with_site_labels(SOURCES, {row["source"]: {row["field"]: [row["label"]]}})
            except ValueError as exc:
                problems.append(f"{folder / 'labels'}: row {row['_row']}, field label: {exc}")
    for name in settings["site"]["required_sources"]:
        if name not in SOURCES:
            problems.append(f"{folder / SETTINGS_FILE}: [site] required_sources names "
                            f"{name!r}, not a source ({', '.join(SOURCES)})")
    for key in ("project_activity_type", "replacement_activity_type"):
        value = settings["budget"][key]
        if value and value not in codes:
            problems.append(f"{folder / SETTINGS_FILE}: [budget] {key} = {value!r} is not in "
                            "service_catalogue")
    return problems


def _cost_model_checks(folder: Path, tables: dict[str, list[dict]]) -> list[str]:
    """Pools shared among services that no rule fills, the excluded pool shared, shares of a
    pool over 100 %."""
    problems, where = [], folder / "pool_services"
    pools = {r["pool"] for r in tables["cost_pools"]}
    totals: dict[str, list] = {}
    for row in tables["pool_services"]:
        pool = row["pool"]
        if pool == EXCLUDED_POOL:
            problems.append(f"{where}: row {row['_row']}, field pool: {EXCLUDED_POOL} holds the "
                            "lines that are not the centre's cost; it is never shared")
        elif pool not in pools:
            problems.append(f"{where}: row {row['_row']}, field pool: no row of cost_pools puts "
                            f"costs in {pool!r} (pools: {', '.join(sorted(pools)) or 'none'})")
        try:
            share = float(percent(row["share_pct"]))
        except CellError:
            continue  # already named by the cell check
        totals.setdefault(pool, [0.0, []])
        totals[pool][0] += share
        totals[pool][1].append(row["_row"])
    for pool, (total, rows) in totals.items():
        if total > 100 + 1e-9:
            problems.append(f"{where}: rows {', '.join(rows)}: the shares of pool {pool} add up "
                            f"to {total:g} %; at most 100 (what is left stays unallocated)")
    return problems


def load_site(folder: Path) -> Site:
    """The validated site in `folder`; SiteError lists every problem found, not just one."""
    folder = Path(folder)
    if not (folder / SETTINGS_FILE).is_file():
        raise SiteError([
            f"no site configuration at {folder} (no {SETTINGS_FILE}). Create it with "
            "`asiakastieto setup --landing DIR`, which also lists what your extracts need "
            "decided (docs/onboarding.md)."])
    problems: list[str] = []
    try:
        defaults = read_toml(DEFAULTS / SETTINGS_FILE)
        settings, problems = _merge_settings(defaults, read_toml(folder / SETTINGS_FILE),
                                             folder / SETTINGS_FILE)
    except SiteFileError as exc:
        raise SiteError([str(exc)]) from None
    tables: dict[str, list[dict]] = {}
    for name, table in TABLES.items():
        try:
            path = table_file(folder, table) or table_file(DEFAULTS, table)
            tables[name], found = _read_table(path, table)
        except SiteFileError as exc:
            tables[name], found = [], [str(exc)]
        problems += found
    problems += _cross_checks(folder, tables, settings)
    if problems:
        raise SiteError(problems)
    return Site(folder, settings, tables)
