"""Validate the extracts, the landed data and key marts; record results, scores and Data Docs."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import duckdb
import great_expectations as gx
import pandas as pd
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.execution_engine import pandas_execution_engine

from expectations import batches, reuse, store, suites
from expectations.docs import DocsWriter
from expectations.results import (
    FAILING_COLUMNS,
    RESULT_COLUMNS,
    RESULT_FORMAT,
    ROW_ID,
    CheckReport,
    combine_chunks,
    rows_per_record,
    validation_rows,
)
from ingest import ensure_raw_tables
from ingest.parsing import load_macros
from warehouse.config import Settings

# Landed sources, each validated per load by the suite function of the same name.
LANDED = ("sap_charges", "sap_invoices", "sap_cost_centres", "sap_headcount", "applications",
          "sccm", "register", "sap_costs")


def _context():
    # GX hashes every batch under 1 GB for a fingerprint nothing here reads (3 s at scale 10).
    pandas_execution_engine.HASH_THRESHOLD = 0
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


class _Validator:
    """One ephemeral GX context per run; one pandas asset per checked batch kind."""

    def __init__(self, run_id: str, run_at: datetime) -> None:
        self.context = _context()
        self.datasource = self.context.data_sources.add_pandas("asiakastieto")
        self.assets: dict[str, object] = {}
        self.docs = DocsWriter(self.context, run_id, run_at)
        self.meta = {"run_id": run_id, "run_at": run_at, "validated_run_id": run_id}
        self.rows: list[dict] = []
        self.failing: list[pd.DataFrame] = []
        self.validated: list[dict] = []  # landed loads validated by this run
        self.pages: list[dict] = []  # their validation results for later Data Docs
        self.carried: list[pd.DataFrame] = []  # stored results of loads not validated again
        self.carried_failing: list[pd.DataFrame] = []

    def __call__(self, suite, frame: pd.DataFrame, source: str | None, *, load_id=None,
                 file_name=None, label: str | None = None, version: str | None = None,
                 per_record: list[str] | None = None, observed: str | None = None) -> None:
        if suite.name not in self.assets:
            asset = self.datasource.add_dataframe_asset(name=suite.name)
            self.assets[suite.name] = asset.add_batch_definition_whole_dataframe(suite.name)
        batch = self.assets[suite.name].get_batch(batch_parameters={"dataframe": frame})
        validation = batch.validate(suite, result_format=RESULT_FORMAT)
        meta = {**self.meta, "source": source, "load_id": load_id, "file_name": file_name,
                "suite_version": version}
        if per_record:
            self.rows += rows_per_record(validation, frame, meta, per_record, observed)
            failing = []
        else:
            rows, failing = validation_rows(validation, frame, meta)  # drops the index lists
            self.rows += rows
        if failing and set(ROW_ID) <= set(frame.columns):
            ids = frame.loc[sorted(set(failing)), ROW_ID].astype({"file_name": str})
            self.failing.append(ids.assign(source=source, load_id=load_id).drop_duplicates())
        self.docs.store(suite, validation, label or source, source=source, load_id=load_id)
        if version is not None:
            self.pages.append({"source": source, "load_id": load_id, "label": label,
                               "validation": self.docs.serialize(validation)})

    def per_load(self) -> dict[str, pd.DataFrame]:
        """This run's validations of landed loads, for the raw store (`store.PER_LOAD`)."""
        return {
            "data_quality_loads": pd.DataFrame(self.validated, columns=[
                "source", "load_id", "suite_version", "records", "validated_run_id",
                "validated_at"]),
            "data_quality_failing_rows": _concat(self.failing, FAILING_COLUMNS),
            "data_quality_validations": pd.DataFrame(self.pages, columns=[
                "source", "load_id", "label", "validation"]),
        }


def _landed(validate: _Validator, con, checked: dict[str, int]) -> None:
    """Validate the loads with no stored result for this suite version; carry the rest over."""
    per_source = suites.landed(con)
    stored = reuse.validated_loads(con)
    todo, reusable = [], []
    for source, suite in per_source.items():
        version = reuse.suite_version(con, source, suite)
        checked[source] = 0
        for load_id, file_name, rows in batches.loads(con, source):
            checked[source] += rows
            before = stored.get((source, load_id))
            if before is not None and before[:2] == (version, rows):
                reusable.append((source, load_id, version, before[2]))
            todo.append((source, suite, version, load_id, file_name, rows))
    results, failing, pages = reuse.stored_results(con, reusable, **validate.meta)
    validate.carried.append(results)
    validate.carried_failing.append(failing)
    for source, load_id, label, page in zip(pages["source"], pages["load_id"], pages["label"],
                                            pages["validation"], strict=True):
        validate.docs.store(per_source[source], page, label, source=source, load_id=load_id)
    carried = set(zip(results["source"], results["load_id"], strict=True))
    for source, suite, version, load_id, file_name, rows in todo:
        if (source, load_id) in carried:
            continue
        for i, frame in enumerate(batches.load_frames(con, source, load_id, file_name, rows)):
            validate(suite, frame, source, load_id=load_id, file_name=file_name,
                     label=f"{file_name}-{load_id}-{i}", version=version)
            del frame
        validate.validated.append({"source": source, "load_id": load_id,
                                   "suite_version": version, "records": rows,
                                   "validated_run_id": validate.meta["run_id"],
                                   "validated_at": validate.meta["run_at"]})


def _extracts(validate: _Validator, con, required: tuple[str, ...], landing: Path) -> int:
    """Ingest's audit of each file, every source's volume and the row-count/freshness of
    each stream."""
    audit = batches.load_audit_batch(con, store.checked_loads(con))
    if len(audit):  # one GX validation, one result row per file (under its source)
        validate(suites.load_audit(), audit, None, label="load_audit",
                 per_record=["source", "load_id", "file_name"])
    volume = batches.volume_batch(con, LANDED, required, landing)
    validate(suites.volume(), volume, None, label="volume", per_record=["source"],
             observed="rows")
    streams = batches.streams_batch(con)
    validate(suites.streams(), streams, "freshness_and_volume", label="streams")
    return con.execute("select count(distinct upper(trim(customer_id))) from (select * from "
                       "raw_register qualify extract_date = max(extract_date) over ())"
                       ).fetchall()[0][0]


def _marts(validate: _Validator, warehouse_file: Path, register_customers: int,
           max_unclassified: float) -> list[str]:
    with duckdb.connect(str(warehouse_file), read_only=True) as con:
        present = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main'"
        ).fetchall()}
        if not {"customers", "billing_reconciliation"} <= present:
            return ["marts not checked: the warehouse has no marts yet (run a build)"]
        frames = batches.marts_batches(con)
    for name, suite in suites.marts(register_customers).items():
        validate(suite, frames[name], name)
    found = frames["unclassified_charges"]
    validate(suites.unclassified(found, max_unclassified),
             pd.DataFrame({"share_total": [float(found["share"].sum()) if len(found) else 0.0]}),
             "unclassified_charges")
    return []


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def run_checks(settings: Settings, warehouse_file: Path, *,
               max_unclassified: float = 0.005,
               required_sources: tuple[str, ...] = ()) -> CheckReport:
    """Validate; write results and scores into `warehouse_file`, history into the raw store.

    The site's settings: `max_unclassified` is the highest share of charged euros without a
    known code; `required_sources` must have rows (the volume check fails critically while one
    has none; a source that had rows before must have them too).
    """
    unknown = sorted(set(required_sources) - set(LANDED))
    if unknown:
        raise ValueError(f"unknown required source(s) {', '.join(unknown)}; "
                         f"known: {', '.join(LANDED)}")
    run_id, run_at = uuid.uuid4().hex[:12], datetime.now()
    validate = _Validator(run_id, run_at)
    checked: dict[str, int] = defaultdict(int)
    with duckdb.connect(str(settings.raw)) as con:
        ensure_raw_tables(con)  # a source added since the raw store was written
    with duckdb.connect(str(settings.raw), read_only=True) as con:
        con.execute("set enable_progress_bar = false")
        load_macros(con)
        _landed(validate, con, checked)
        register_customers = _extracts(validate, con, tuple(required_sources),
                                       settings.landing)
        quarantined = batches.record_counts(con)
    notes = _marts(validate, warehouse_file, register_customers, max_unclassified)
    fresh = pd.DataFrame(combine_chunks(validate.rows), columns=RESULT_COLUMNS)
    results = _concat([fresh, *validate.carried], RESULT_COLUMNS)
    failing = _concat([*validate.failing, *validate.carried_failing], FAILING_COLUMNS)
    history, note = store.append_history(settings.raw, results, validate.per_load())
    notes += [note] if note else []
    scores = store.write_warehouse(warehouse_file, history, run_id, run_at, failing,
                                   quarantined, dict(checked))
    report = CheckReport(results, scores=scores, notes=notes)
    try:
        report.data_docs = str(validate.docs.build(settings.data_docs))
    except Exception as exc:  # the HTML is a view of the results, never a reason to fail
        report.notes.append(f"Data Docs not written: {type(exc).__name__}: {exc}")
    return report
