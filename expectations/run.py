"""Validate the extracts, the landed data and key marts; record results, scores and Data Docs."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from expectations import batches, store, suites
from expectations.docs import DocsWriter
from expectations.results import (
    RESULT_COLUMNS,
    RESULT_FORMAT,
    ROW_ID,
    CheckReport,
    combine_chunks,
    validation_rows,
)
from ingest.parsing import load_macros
from warehouse.config import Settings

LANDED = ("sap_charges", "sap_invoices", "sap_cost_centres", "sap_headcount", "applications",
          "sccm", "register")


def _context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

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
        self.meta = {"run_id": run_id, "run_at": run_at}
        self.rows: list[dict] = []
        self.failing: list[pd.DataFrame] = []

    def __call__(self, suite, frame: pd.DataFrame, source: str, *, load_id=None,
                 file_name=None, label: str | None = None) -> None:
        if suite.name not in self.assets:
            asset = self.datasource.add_dataframe_asset(name=suite.name)
            self.assets[suite.name] = asset.add_batch_definition_whole_dataframe(suite.name)
        batch = self.assets[suite.name].get_batch(batch_parameters={"dataframe": frame})
        validation = batch.validate(suite, result_format=RESULT_FORMAT)
        rows, failing = validation_rows(validation, frame, {
            **self.meta, "source": source, "load_id": load_id, "file_name": file_name})
        self.rows += rows
        if failing and set(ROW_ID) <= set(frame.columns):
            ids = frame.loc[sorted(set(failing)), ROW_ID].assign(source=source)
            self.failing.append(ids.drop_duplicates())
        self.docs.store(suite, validation, label or source)


def _landed(validate: _Validator, con, checked: dict[str, int]) -> None:
    per_source = {
        "sap_charges": suites.sap_charges(),
        "sap_invoices": suites.sap_invoices(), "sap_cost_centres": suites.sap_cost_centres(),
        "sap_headcount": suites.sap_headcount(), "applications": suites.applications(),
        "sccm": suites.sccm(), "register": suites.register(),
    }
    for source, suite in per_source.items():
        checked[source] = 0
        for load_id, file_name, frame in batches.iter_batches(con, source):
            checked[source] += len(frame)
            validate(suite, frame, source, load_id=load_id, file_name=file_name,
                     label=f"{file_name}-{load_id}-{checked[source]}")
            del frame


def _extracts(validate: _Validator, con) -> int:
    """Ingest's audit of each file and the row-count/freshness of each stream."""
    audit = batches.load_audit_batch(con, store.checked_loads(con))
    audit_suite = suites.load_audit()
    for source in sorted(set(audit["source"])):
        frame = audit[audit["source"] == source].reset_index(drop=True)
        for load_id, file_name in zip(frame["load_id"], frame["file_name"], strict=True):
            one = frame[frame["load_id"] == load_id].reset_index(drop=True)
            validate(audit_suite, one, source, load_id=load_id, file_name=file_name,
                     label=f"audit-{file_name}-{load_id}")
    streams = batches.streams_batch(con)
    validate(suites.streams(), streams, "freshness_and_volume", label="streams")
    return con.execute("select count(distinct upper(trim(customer_id))) from (select * from "
                       "raw_register qualify extract_date = max(extract_date) over ())"
                       ).fetchall()[0][0]


def _marts(validate: _Validator, warehouse_file: Path, register_customers: int) -> list[str]:
    with duckdb.connect(str(warehouse_file), read_only=True) as con:
        present = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main'"
        ).fetchall()}
        if not {"customers", "billing_reconciliation"} <= present:
            return ["marts not checked: the warehouse has no marts yet (run a build)"]
        frames = batches.marts_batches(con)
    for name, suite in suites.marts(register_customers).items():
        validate(suite, frames[name], name)
    return []


def run_checks(settings: Settings, warehouse_file: Path) -> CheckReport:
    """Validate; write results and scores into `warehouse_file`, history into the raw store."""
    run_id, run_at = uuid.uuid4().hex[:12], datetime.now()
    validate = _Validator(run_id, run_at)
    checked: dict[str, int] = defaultdict(int)
    with duckdb.connect(str(settings.raw), read_only=True) as con:
        con.execute("set enable_progress_bar = false")
        load_macros(con)
        _landed(validate, con, checked)
        register_customers = _extracts(validate, con)
        quarantined = batches.record_counts(con)
    notes = _marts(validate, warehouse_file, register_customers)
    results = pd.DataFrame(combine_chunks(validate.rows), columns=RESULT_COLUMNS)
    history, note = store.append_history(settings.raw, results)
    notes += [note] if note else []
    failing = (pd.concat(validate.failing, ignore_index=True) if validate.failing
               else pd.DataFrame(columns=[*ROW_ID, "source"]))
    scores = store.write_warehouse(warehouse_file, history, run_id, run_at, failing,
                                   quarantined, dict(checked))
    report = CheckReport(results, scores=scores, notes=notes)
    try:
        report.data_docs = str(validate.docs.build(settings.data_docs))
    except Exception as exc:  # the HTML is a view of the results, never a reason to fail
        report.notes.append(f"Data Docs not written: {type(exc).__name__}: {exc}")
    return report
