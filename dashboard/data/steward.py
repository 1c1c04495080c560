"""The data steward's codes as words of the page's language: source names, the quarantine's
reasons and fields, the checks' texts and failing examples, and the site folder's history.

The texts come from the one catalogue (`dashboard.i18n`, area `steward`) and from the check
results themselves (`description` / `description_fi`, expectations/descriptions.py); a code
none of them names shows as it is.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from dashboard import i18n
from dashboard.data import docs
from ingest import row_checks
from ingest.sources import SOURCES

# What ingest writes as a quarantine reason → its catalogue key.
REASONS = {
    row_checks.REQUIRED: "reason_required",
    row_checks.REPLACED_CODE: "reason_replaced_code",
    row_checks.SCIENTIFIC: "reason_scientific",
    **{reason: f"reason_{kind}" for kind, (_, _, reason) in row_checks.CHECKS.items()},
}
RETRACTED = re.compile(r"^file retracted by (?P<user>.+?): (?P<why>.*)$", re.DOTALL)
FIRST_READ = "first time this folder was read"
ACCEPTED = "rows accepted from setup's draft: "


def source_name(code: object, lang: str) -> str:
    return i18n.named("source_", code, lang)


def reason(text: object, lang: str) -> object:
    """A quarantine reason in `lang` (a retraction keeps who and why as written)."""
    if not isinstance(text, str):
        return text
    if text in REASONS:
        return i18n.t(REASONS[text], lang)
    retracted = RETRACTED.match(text)
    return i18n.t("reason_retracted", lang, **retracted.groupdict()) if retracted else text


def field_header(source: object, field: object) -> object:
    """The column header the landing contract gives a source's field (what the file calls it),
    e.g. `last_hw_scan` of SCCM → `LastHWScan`."""
    found = SOURCES.get(str(source))
    for f in found.fields if found else ():
        if f.name == field:
            return f.labels[0]
    return field


def quarantine(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Quarantined values with the file's column header and the reason in `lang`."""
    return rows.assign(
        column_name=[field_header(s, f) for s, f in zip(rows["source"], rows["column_name"],
                                                         strict=True)],
        reason=rows["reason"].map(lambda text: reason(text, lang)))


def examples(text: object, lang: str) -> str | None:
    """A check's failing examples (JSON: values, or file/row/value objects) as one line."""
    if not isinstance(text, str) or text.strip() in ("", "[]"):
        return None
    try:
        values = json.loads(text)
    except ValueError:
        return text  # an error message of the check itself
    shown = [i18n.t("example_at", lang, file=v.get("file") or "–", row=v.get("row") or "–",
                    value=v.get("value") if v.get("value") is not None else "–")
             if isinstance(v, dict) else str(v) for v in (values if isinstance(values, list)
                                                          else [values])]
    return "; ".join(shown) or None


def check_text(row: pd.Series, lang: str) -> str:
    """What the check verifies, in `lang`: its own text, else the kind of check."""
    own = row.get("description_fi") if lang == "fi" else row.get("description")
    if isinstance(own, str) and own:
        return own
    kind = f"check_{row.get('expectation')}"
    return i18n.t(kind if kind in i18n.LABELS[i18n.DEFAULT_LANG] else "check_other", lang)


def checks(results: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The latest run's checks as the data page shows them: which source and file, the
    result and severity (before the long text, so that they stay in view), what was checked,
    what was observed, the failing examples and when."""
    return pd.DataFrame({
        "source": results["source"],
        "file_name": results.get("file_name"),
        "success": results["success"],
        "severity": results["severity"],
        "check": [check_text(row, lang) for _, row in results.iterrows()],
        "observed_value": results["observed_value"],
        "failing_examples": results["failing_examples"].map(lambda t: examples(t, lang)),
        "run_at": results["run_at"],
        # each check's page in the Data Docs, when they exist (docs.with_check_pages)
        **({docs.LINK: results[docs.LINK]} if docs.LINK in results.columns else {}),
    })


def _site_value(value: object, lang: str) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{i18n.column(k, lang)}: {_site_value(v, lang)}"
                         for k, v in value.items())
    return "–" if value is None or value == "" else str(value)


def site_detail(text: object, kind: object, lang: str) -> object:
    """A site change's detail (JSON) as a line: rows per file for a new folder, `before →
    after` per changed column, the row added or removed."""
    try:
        detail = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return text
    if not isinstance(detail, dict):
        return text
    if kind == "created":
        return "; ".join(i18n.t("site_rows_one" if rows == 1 else "site_rows", lang,
                                name=site_file(name, lang), rows=rows)
                         for name, rows in detail.items())
    if set(detail) == {"before", "after"}:
        before, after = detail["before"], detail["after"]
        if before is None or after is None:
            return _site_value(after if before is None else before, lang)
        return f"{_site_value(before, lang)} → {_site_value(after, lang)}"
    return "; ".join(f"{i18n.column(k, lang)}: {_site_value(v[0], lang)} → "
                     f"{_site_value(v[1], lang)}" if isinstance(v, list) and len(v) == 2
                     else f"{i18n.column(k, lang)}: {_site_value(v, lang)}"
                     for k, v in detail.items())


def site_file(name: object, lang: str) -> str:
    """A site file by its name in `lang` (`service_catalogue.csv` → Palveluluettelo)."""
    stem = re.sub(r"\.(csv|xlsx|toml)$", "", str(name))
    return i18n.named("site_file_", stem, lang)


def site_note(note: object, lang: str) -> object:
    if note == FIRST_READ:
        return i18n.t("site_note_first_read", lang)
    if isinstance(note, str) and note.startswith(ACCEPTED):
        return i18n.t("site_note_accepted", lang, rows=note.removeprefix(ACCEPTED))
    return note


def site_changes(changes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The site folder's history with its ways, kinds, files and details in words."""
    return changes.assign(
        # `operator` is who ran the CLI when nobody was named (ASIAKASTIETO_OPERATOR unset)
        changed_by=changes["changed_by"].map(lambda by: i18n.named("site_by_", by, lang)),
        changed_key=changes["changed_key"].replace("", None),
        changed_via=changes["changed_via"].map(lambda v: i18n.named("site_via_", v, lang)),
        site_file=changes["site_file"].map(lambda f: site_file(f, lang)),
        change_kind=changes["change_kind"].map(lambda k: i18n.named("site_change_", k, lang)),
        detail=[site_detail(d, k, lang) for d, k in zip(changes["detail"],
                                                         changes["change_kind"], strict=True)],
        note=changes["note"].map(lambda n: site_note(n, lang)))
