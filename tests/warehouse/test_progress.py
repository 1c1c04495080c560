"""What long commands print when no terminal watches: a line per file landed, a build line at
most every few seconds, each stage's time at the end; the libraries' INFO stays out."""

from __future__ import annotations

import logging

import pytest

from warehouse.cli import progress


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_plain_progress_says_each_file_and_throttles_the_build(monkeypatch):
    said: list[tuple[str, str]] = []
    clock = Clock()
    monkeypatch.setattr(progress.time, "monotonic", clock)
    plain = progress.PlainProgress(lambda stage, text: said.append((stage, text)))
    landing = plain.add_task("Ingest", total=None)
    build = plain.add_task("dbt build", total=None)  # at 0 s
    plain.update(landing, completed=1, total=2, description="Ingest KSB1 (2).txt")
    plain.update(landing, completed=2, total=2, description="Ingest laskut.xlsx")
    for at, model in ((3.0, "stg_sap__charges"), (12.5, "customers"), (13.0, "charge_lines"),
                      (24.0, "budget_backtest")):
        clock.now = at
        plain.update(build, advance=1, description=f"dbt {model}")
    assert said == [("landing", "1/2 KSB1 (2).txt done"), ("landing", "2/2 laskut.xlsx done"),
                    ("build", "2 node(s) done, now customers"),
                    ("build", "4 node(s) done, now budget_backtest")]


def test_stage_clock_times_each_stage_until_the_next(monkeypatch):
    said: list[tuple[str, str]] = []
    clock = Clock()
    clock.now = 100.0
    monkeypatch.setattr(progress.time, "monotonic", clock)
    stages = progress.StageClock(lambda stage, text: said.append((stage, text)))
    for at, stage in ((100.0, "landing"), (104.0, "landing"), (104.5, "build"),
                      (150.0, "build"), (159.3, "checks"), (160.0, "publish")):
        clock.now = at
        stages(stage, "…")
    clock.now = 160.2
    assert [s for s, _ in said] == ["landing", "landing", "build", "build", "checks",
                                    "publish"]
    assert stages.summary() == ("landing 4.5 s · build 54.8 s · checks 0.7 s · publish 0.2 s; "
                                "60.2 s in all")


@pytest.fixture
def root_level():
    root = logging.getLogger()
    level = root.level
    yield
    progress.libraries_log(verbose=True)  # removes the filter again
    root.setLevel(level)


def test_the_libraries_say_only_warnings_unless_verbose(caplog, root_level):
    chatty = logging.getLogger("great_expectations.data_context.types.base")
    chatty.setLevel(logging.INFO)  # as the library does for its own loggers
    ours = logging.getLogger("warehouse.test")
    progress.libraries_log(verbose=False)
    with caplog.at_level(logging.INFO):
        chatty.info("Created temporary directory '/tmp/x' for ephemeral docs site")
        chatty.warning("a real warning")
        ours.info("our own line")
    shown = [r.getMessage() for r in caplog.records
             if all(f.filter(r) for h in logging.getLogger().handlers for f in h.filters)]
    assert shown == ["a real warning", "our own line"]
    progress.libraries_log(verbose=True)
    assert not [f for h in logging.getLogger().handlers for f in h.filters
                if isinstance(f, progress._QuietLibraries)]
