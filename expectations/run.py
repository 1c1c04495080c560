"""Validate every landed source and record the results in the warehouse being published."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
from rich.table import Table

from expectations import batches, suites
from ingest.parsing import load_macros
from warehouse.config import Settings

RESULT_COLUMNS = [
    "run_id", "run_at", "source", "expectation", "column_name", "severity", "success",
    "observed_value", "element_count", "unexpected_count", "failing_examples", "description",
]


@dataclass
class CheckReport:
    """One row per expectation evaluated in this run."""

    results: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RESULT_COLUMNS))

    @property
    def critical_failures(self) -> list[dict]:
        failed = self.results[(~self.results["success"]) & (self.results["severity"] == "critical")]
        return failed.to_dict("records")

    @property
    def warnings(self) -> list[dict]:
        failed = self.results[(~self.results["success"]) & (self.results["severity"] == "warning")]
        return failed.to_dict("records")

    def to_table(self) -> Table:
        table = Table(title="Data quality")
        for col in ("source", "checks", "passed", "critical failed", "warnings"):
            table.add_column(col, justify="left" if col == "source" else "right")
        for source, grp in self.results.groupby("source", sort=True):
            crit = int(((~grp["success"]) & (grp["severity"] == "critical")).sum())
            warn = int(((~grp["success"]) & (grp["severity"] == "warning")).sum())
            table.add_row(source, str(len(grp)), str(int(grp["success"].sum())),
                          f"[red]{crit}[/]" if crit else "0", f"[yellow]{warn}[/]" if warn else "0")
        for row in self.critical_failures + self.warnings:
            table.caption = (table.caption or "") + (
                f"\n{row['severity'].upper()} {row['source']}: {row['expectation']}"
                f"({row['column_name'] or ''}) failed: {row['unexpected_count']} of "
                f"{row['element_count']} rows, e.g. {row['failing_examples']}"
            )
        return table


def _suites_for(con: duckdb.DuckDBPyConnection) -> dict:
    return {
        "sap_charges": suites.sap_charges(batches.master_cost_centres(con)),
        "sap_invoices": suites.sap_invoices(),
        "sap_cost_centres": suites.sap_cost_centres(),
        "sap_headcount": suites.sap_headcount(),
        "applications": suites.applications(),
        "sccm": suites.sccm(),
        "register": suites.register(),
    }


def _rows(source: str, validation, run_id: str, run_at: datetime) -> list[dict]:
    rows = []
    for r in validation.results:
        cfg = r.expectation_config
        kwargs = cfg.kwargs
        column = kwargs.get("column") or ",".join(
            kwargs.get("column_list") or [kwargs.get("column_A", ""), kwargs.get("column_B", "")]
        ).strip(",")
        result = r.result or {}
        exception = (r.exception_info or {}).get("exception_message")
        rows.append({
            "run_id": run_id,
            "run_at": run_at,
            "source": source,
            "expectation": cfg.type,
            "column_name": column or None,
            "severity": str(getattr(cfg.severity, "value", cfg.severity) or "critical"),
            "success": bool(r.success),
            "observed_value": None if result.get("observed_value") is None
            else str(result["observed_value"]),
            "element_count": result.get("element_count"),
            "unexpected_count": result.get("unexpected_count"),
            "failing_examples": exception or json.dumps(
                result.get("partial_unexpected_list", [])[:10], default=str, ensure_ascii=False),
            "description": cfg.description,
        })
    return rows


def _context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def run_checks(settings: Settings, warehouse_file: Path) -> CheckReport:
    """Validate the raw store; write `data_quality_results` into `warehouse_file`."""
    run_id, run_at = uuid.uuid4().hex[:12], datetime.now()
    context = _context()
    datasource = context.data_sources.add_pandas("landed")
    rows: list[dict] = []
    with duckdb.connect(str(settings.raw), read_only=True) as con:
        load_macros(con)
        for source, suite in _suites_for(con).items():
            frame = batches.load_batch(con, source)
            asset = datasource.add_dataframe_asset(name=source)
            batch = asset.add_batch_definition_whole_dataframe(source).get_batch(
                batch_parameters={"dataframe": frame})
            rows += _rows(source, batch.validate(suite), run_id, run_at)
            del frame, batch
    report = CheckReport(pd.DataFrame(rows, columns=RESULT_COLUMNS))
    write_results(warehouse_file, report)
    return report


def write_results(warehouse_file: Path, report: CheckReport) -> None:
    with duckdb.connect(str(warehouse_file)) as con:
        con.register("new_results", report.results)
        con.execute("create or replace table data_quality_results as select * from new_results")
