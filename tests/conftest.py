"""Settings shared by every test directory, the `slow` marker of every dbt build, and the
installations that tests share read-only (each built once a session)."""

import functools
import os
import sys
from pathlib import Path

import pytest

# A swapped warehouse is read at once (no warm-up in the background), so a test that publishes
# a file and reads it sees the new data; tests/access/test_atomic_swap.py tests the warm-up.
os.environ.setdefault("ASIAKASTIETO_WARM_SWITCH", "0")
# A test's server runs no follower of care-plan saves (each would parse the dbt project):
# tests/e2e/test_edits_browser.py turns it on for its own server.
os.environ.setdefault("ASIAKASTIETO_FOLLOW_EDITS", "off")

TESTS = Path(__file__).resolve().parent
# `slow` tests are left out of `make test-fast` (-m "not slow and not e2e"); `make test` runs
# them. Every test in these folders builds a warehouse with dbt (directly or in a session
# fixture) or runs Great Expectations end to end:
SLOW_DIRS = ("dbt", "pipeline", "budget", "expectations")
# ...and these render the budget-meeting pack through Chromium (kaleido draws its charts),
# stress concurrency, sweep every input shape or generate the demo city again (node ids, or
# their beginnings):
SLOW_TESTS = (
    "tests/dashboard/test_report.py::",
    "tests/dashboard/test_needs_classification.py::test_pack_",
    "tests/access/test_hostile_input.py::test_pack_",
    "tests/access/test_atomic_swap.py::test_readers_never_fail_nor_see_a_mix",
    "tests/ingest/test_readers.py::test_line_numbers_stay_true_in_a_file_read_in_parallel",
    "tests/ingest/test_fast_paths.py::test_fast_shapes_always_parse",
    "tests/demo/test_generator.py::test_determinism",
    "tests/demo/test_generator.py::test_scale_proportional",
)


def pytest_ignore_collect(collection_path, config):
    """A run that deselects slow (or e2e) tests does not even import the folders that hold
    only such tests: their imports (dbt, Great Expectations, Playwright) cost seconds."""
    expr = config.option.markexpr or ""
    try:
        top = Path(collection_path).resolve().relative_to(TESTS).parts[:1]
    except ValueError:
        return None
    if ("not slow" in expr and top and top[0] in SLOW_DIRS) or (
            "not e2e" in expr and top == ("e2e",)):
        return True
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath)).resolve().relative_to(TESTS)
        nodeid = f"tests/{path.as_posix()}::{item.name}"
        if path.parts[0] in SLOW_DIRS or nodeid.startswith(SLOW_TESTS):
            item.add_marker(pytest.mark.slow)


class DbtInAFastTest(AssertionError):
    """A test not marked slow tried to build with dbt."""


def _refuse_dbt(monkeypatch: pytest.MonkeyPatch, who: str) -> None:
    from warehouse import build, stages

    def refuse(*args, **kwargs):
        raise DbtInAFastTest(f"{who} runs dbt: mark it @pytest.mark.slow")

    monkeypatch.setattr(build, "run_dbt", refuse)
    monkeypatch.setattr(stages, "run_dbt", refuse)
    monkeypatch.setattr(stages, "dbt_build", refuse)


@pytest.fixture(scope="session", autouse=True)
def _no_dbt_in_a_fast_run(request):
    """When slow tests are deselected (`-m "not slow ..."`), dbt is unavailable for the whole
    run, fixtures of any scope included: a build that sneaks in fails instead of slowing the
    fast loop."""
    if "not slow" not in (request.config.option.markexpr or ""):
        yield
        return
    with pytest.MonkeyPatch.context() as monkeypatch:
        _refuse_dbt(monkeypatch, "a test or fixture of this fast run")
        yield


@pytest.fixture(autouse=True)
def _no_dbt_unless_slow(request, monkeypatch):
    """In any run, a test not marked `slow` may not run dbt itself."""
    if not (request.node.get_closest_marker("slow") or request.node.get_closest_marker("e2e")):
        _refuse_dbt(monkeypatch, request.node.nodeid)


@pytest.fixture(scope="session", autouse=True)
def _streamlit_components_scanned_once():
    """Every new AppTest scans all installed distributions for Streamlit components (0.1-0.2 s,
    and a run makes well over a hundred AppTests); a real server scans once when it starts.
    The installed packages do not change during a run, so the run scans once too. (Only when
    a collected test imported Streamlit.)"""
    if "streamlit" not in sys.modules:
        yield
        return
    from streamlit.components.v2 import manifest_scanner

    scan = functools.cache(manifest_scanner.scan_component_manifests)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(manifest_scanner, "scan_component_manifests",
                            lambda *args, **kwargs: list(scan(*args, **kwargs)))
        yield


@pytest.fixture(scope="session")
def incomplete_setup(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """`asiakastieto setup` run once on the demo city's extracts with an incomplete site:
    {base, landing, site, warehouse, raw, output}. Read-only: a test that changes the site or
    a store works on a copy."""
    from tests.warehouse.setup_demo import set_up

    return set_up(tmp_path_factory.mktemp("incomplete-setup"))


@pytest.fixture(scope="session")
def demo_city(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The demo city through the real CLI (demo-data, then refresh: one dbt build a session)
    for every test that reads what a refresh builds: the pipeline, care-plan and page tests
    (tests/installations.py). Read-only: a test that refreshes or edits works on
    `copy_installation(demo_city, folder)`."""
    from tests.installations import build_demo_city

    return build_demo_city(tmp_path_factory.mktemp("demo-city"))


@pytest.fixture(scope="session")
def fixture_raw_build(tmp_path_factory: pytest.TempPathFactory):
    """The hand-made raw store of tests/dbt/fixture_raw.py built with dbt, once a session
    (its Settings). Read-only: a test that builds again works on `copy_build(...)`."""
    from tests.installations import build_fixture_raw

    return build_fixture_raw(tmp_path_factory.mktemp("dbt"))
