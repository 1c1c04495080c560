"""Turn GX validation results into rows of `data_quality_results` and a readable summary."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd
from rich.table import Table

RESULT_COLUMNS = [
    "run_id", "run_at", "source", "load_id", "file_name", "expectation", "column_name",
    "severity", "success", "observed_value", "element_count", "unexpected_count",
    "failing_examples", "description", "suite_version", "validated_run_id", "description_fi",
]
# GX's COMPLETE format lists every failing row's index: the rows feed the quality scores and
# the examples; the index query (a string naming every row) is left out.
RESULT_FORMAT = {"result_format": "COMPLETE", "return_unexpected_index_query": False}
MAX_EXAMPLES = 10
ROW_ID = ["file_name", "row_number"]
# Rows failing a row-level expectation: they feed the scores and are kept per load for reuse.
FAILING_COLUMNS = ["source", "load_id", *ROW_ID]


def column_of(kwargs: dict) -> str | None:
    """The column (or columns, comma-separated) an expectation checks."""
    column = kwargs.get("column") or ",".join(
        kwargs.get("column_list") or [kwargs.get("column_A", ""), kwargs.get("column_B", "")]
    ).strip(",")
    return column or None


def _examples(frame: pd.DataFrame, index: list, show: str | None) -> list:
    """The offending values (with file and row where the batch has them)."""
    rows = frame.loc[index[:MAX_EXAMPLES]]
    if not show or show not in rows:
        return []
    if "row_number" not in rows:
        return [None if pd.isna(v) else v for v in rows[show]]
    return [{"file": f, "row": None if pd.isna(r) else int(r),
             "value": None if pd.isna(v) else v}
            for f, r, v in zip(rows["file_name"], rows["row_number"], rows[show], strict=True)]


def _expectation(cfg) -> dict:
    return {
        "expectation": cfg.type,
        "column_name": column_of(cfg.kwargs),
        "severity": str(getattr(cfg.severity, "value", cfg.severity) or "critical"),
        "description": cfg.description,
        "description_fi": (cfg.meta or {}).get("description_fi"),
    }


def validation_rows(validation, frame: pd.DataFrame, meta: dict) -> tuple[list[dict], list]:
    """Result rows of one batch, and the pandas index of every row failing an expectation."""
    rows, failing = [], []
    for r in validation.results:
        cfg = r.expectation_config
        result = r.result or {}
        index = result.pop("unexpected_index_list", None) or []
        result.pop("unexpected_list", None)  # the partial lists stay for the Data Docs
        failing += index
        exception = (r.exception_info or {}).get("exception_message")
        show = (cfg.meta or {}).get("show") or cfg.kwargs.get("column")
        examples = _examples(frame, index, show) if index else []
        if not examples and not r.success and not index:
            examples = result.get("partial_unexpected_list", [])[:MAX_EXAMPLES]
        observed = result.get("observed_value")
        rows.append({
            **meta,
            **_expectation(cfg),
            "success": bool(r.success),
            "observed_value": None if observed is None else str(observed),
            "element_count": result.get("element_count", len(frame)),
            "unexpected_count": result.get("unexpected_count"),
            "failing_examples": exception or json.dumps(examples, default=str,
                                                        ensure_ascii=False),
        })
    return rows, failing


def rows_per_record(validation, frame: pd.DataFrame, meta: dict, keys: list[str],
                    observed: str | None = None) -> list[dict]:
    """Result rows as if each record (e.g. a file's audit row) had been its own batch.

    For column-map expectations without `mostly`: one GX validation of all records instead of
    one per record gives the same rows (a record fails iff it is an unexpected index). The
    `observed` column, if named, is each record's observed value.
    """
    rows = []
    for r in validation.results:
        cfg = r.expectation_config
        index = set((r.result or {}).get("unexpected_index_list") or [])
        exception = (r.exception_info or {}).get("exception_message")
        show = (cfg.meta or {}).get("show") or cfg.kwargs.get("column")
        for i, record in zip(frame.index, frame[keys].to_dict("records"), strict=True):
            bad = i in index
            examples = [None if pd.isna(v) else v for v in [frame.at[i, show]]] if bad else []
            rows.append({
                **meta, **record, **_expectation(cfg),
                "success": not bad and not exception,
                "observed_value": None if observed is None else str(frame.at[i, observed]),
                "element_count": 1, "unexpected_count": None if exception else int(bad),
                "failing_examples": exception or json.dumps(examples, default=str,
                                                            ensure_ascii=False),
            })
    return rows


def combine_chunks(rows: list[dict]) -> list[dict]:
    """One row per load and expectation: chunks of a big load add up."""
    if not rows:
        return rows
    frame = pd.DataFrame(rows)
    keys = ["source", "load_id", "expectation", "column_name", "severity", "description"]
    out = []
    for _, grp in frame.groupby(keys, dropna=False, sort=False):
        first = grp.iloc[0].to_dict()
        if len(grp) > 1:
            examples = [e for x in grp["failing_examples"] for e in _loads(x)][:MAX_EXAMPLES]
            first.update(
                success=bool(grp["success"].all()),
                element_count=int(grp["element_count"].fillna(0).sum()),
                unexpected_count=int(grp["unexpected_count"].fillna(0).sum()),
                failing_examples=json.dumps(examples, default=str, ensure_ascii=False))
        out.append(first)
    return out


def _loads(text: str) -> list:
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return [text]
    return value if isinstance(value, list) else [value]


@dataclass
class CheckReport:
    """One row per expectation and checked batch (a file, or a whole source) in this run."""

    results: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RESULT_COLUMNS))
    scores: pd.DataFrame | None = None
    data_docs: str | None = None
    notes: list[str] = field(default_factory=list)

    def _failed(self, severity: str) -> list[dict]:
        r = self.results
        return r[(~r["success"].astype(bool)) & (r["severity"] == severity)].to_dict("records")

    @property
    def critical_failures(self) -> list[dict]:
        return self._failed("critical")

    @property
    def warnings(self) -> list[dict]:
        return self._failed("warning")

    def to_table(self) -> Table:
        table = Table(title="Data quality", caption_justify="left")
        for col in ("source", "checks", "passed", "critical failed", "warnings", "score %"):
            table.add_column(col, justify="left" if col == "source" else "right")
        scores = {} if self.scores is None else dict(
            zip(self.scores["source"], self.scores["score_pct"], strict=True))
        for source, grp in self.results.groupby("source", sort=True):
            failed = ~grp["success"].astype(bool)
            crit = int((failed & (grp["severity"] == "critical")).sum())
            warn = int((failed & (grp["severity"] == "warning")).sum())
            score = scores.get(source)
            table.add_row(source, str(len(grp)), str(int((~failed).sum())),
                          f"[red]{crit}[/]" if crit else "0", f"[yellow]{warn}[/]" if warn else "0",
                          "" if score is None or pd.isna(score) else f"{score:.2f}")
        lines = [describe(row) for row in self.critical_failures + self.warnings]
        lines += self.notes
        if self.data_docs:
            lines.append(f"Data Docs: {self.data_docs}")
        table.caption = "\n".join(lines) or None
        return table


def describe(row: dict) -> str:
    """One line a data steward can act on."""
    where = "" if pd.isna(row.get("file_name")) else f" {row['file_name']}"
    count = ""
    if not pd.isna(row.get("unexpected_count")) and row["unexpected_count"]:
        count = f" ({int(row['unexpected_count']):,} of {int(row['element_count']):,} rows)"
    text = row.get("description") or f"{row['expectation']}({row['column_name'] or ''})"
    examples = row.get("failing_examples")
    examples = f" e.g. {examples}" if examples and examples != "[]" else ""
    return f"{row['severity'].upper()} {row['source']}{where}: {text}{count}{examples}"
