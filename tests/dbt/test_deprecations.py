"""The dbt project parses without a single deprecation warning, and every model is documented
and every intermediate and mart model has a key test.

dbt reports each kind of deprecation once per run unless told otherwise, and only when it
really parses (no partial parse), so the test asks for all of them on a full parse; the same
parse writes the manifest the documentation rules are read from.
"""

import json

import pytest

from warehouse.config import DBT_PROJECT_DIR
from warehouse.site import DEFAULTS, load_site

# Generic tests that prove a model's grain: one row per key.
KEY_TESTS = {"unique", "unique_combination"}


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


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    """One full parse: (success, deprecations, manifest)."""
    folder = tmp_path_factory.mktemp("parse")
    with pytest.MonkeyPatch.context() as monkeypatch:
        success, deprecations = _parse_events(folder, monkeypatch)
    manifest = json.loads((folder / "target" / "manifest.json").read_text()) if success else {}
    return success, deprecations, manifest


def test_project_parses_without_deprecation_warnings(parsed):
    success, deprecations, _ = parsed
    assert success
    assert deprecations == [], "\n".join(deprecations)


def test_every_model_is_documented_and_keyed(parsed):
    """Each model says what one row is; each intermediate and mart model has a key test.
    Ephemeral models are never queried on their own and are documented, not tested."""
    _, _, manifest = parsed
    models = {uid: node for uid, node in manifest["nodes"].items()
              if node["resource_type"] == "model"}
    keyed = {dep for node in manifest["nodes"].values() if node["resource_type"] == "test"
             and (node.get("test_metadata") or {}).get("name") in KEY_TESTS
             for dep in node["depends_on"]["nodes"]}
    undocumented = sorted(n["name"] for n in models.values() if not n["description"].strip())
    unkeyed = sorted(n["name"] for uid, n in models.items()
                     if n["fqn"][1] in ("intermediate", "marts") and uid not in keyed
                     and n["config"]["materialized"] != "ephemeral")
    assert undocumented == [], f"models without a description: {undocumented}"
    assert unkeyed == [], f"intermediate/mart models without a key test: {unkeyed}"


def test_every_model_reading_the_care_plans_says_which_sections(parsed):
    """A care-plan save rebuilds the models whose `careplan_sections` meta names its section,
    and everything downstream (warehouse/edits/): a model that reads the store's copy without
    saying so would keep showing the old figures after a save."""
    _, _, manifest = parsed
    nodes = manifest["nodes"]
    staging = "model.asiakastieto.stg_careplan__entries"
    readers = sorted(nodes[child]["name"] for child in manifest["child_map"][staging]
                     if nodes[child]["resource_type"] == "model")
    untagged = [name for name in readers
                if not nodes[f"model.asiakastieto.{name}"]["config"]["meta"].get(
                    "careplan_sections")]
    assert readers, "no model reads the care plans"
    assert untagged == [], f"models reading stg_careplan__entries without careplan_sections: " \
                           f"{untagged}"
    sections = {s for name in readers for s in
                nodes[f"model.asiakastieto.{name}"]["config"]["meta"]["careplan_sections"]}
    assert sections == {"potential", "budget_override", "price_proposal", "projects"}
