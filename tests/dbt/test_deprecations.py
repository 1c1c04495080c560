"""The dbt project parses without a single deprecation warning.

dbt reports each kind of deprecation once per run unless told otherwise, and only when it
really parses (no partial parse), so the test asks for all of them on a full parse.
"""

import json

from warehouse.config import DBT_PROJECT_DIR
from warehouse.site import DEFAULTS, load_site


def _parse_events(tmp_path, monkeypatch) -> tuple[bool, list[str]]:
    from dbt.cli.main import dbtRunner

    # The profile names the build and raw files by environment; parse opens neither.
    monkeypatch.setenv("ASIAKASTIETO_BUILD_PATH", str(tmp_path / "parse.duckdb"))
    monkeypatch.setenv("ASIAKASTIETO_RAW", str(tmp_path / "parse.raw.duckdb"))
    found: list[str] = []

    def _callback(event) -> None:
        if event.info.name.endswith("Deprecation"):
            found.append(f"{event.info.name}: {event.info.msg}")

    res = dbtRunner(callbacks=[_callback]).invoke([
        "parse", "--no-partial-parse", "--show-all-deprecations",
        "--vars", json.dumps(load_site(DEFAULTS).dbt_vars()),
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(tmp_path / "target"),
        "--log-path", str(tmp_path / "logs"),
        "--quiet",
    ])
    return res.success, found


def test_project_parses_without_deprecation_warnings(tmp_path, monkeypatch):
    success, deprecations = _parse_events(tmp_path, monkeypatch)
    assert success
    assert deprecations == [], "\n".join(deprecations)
