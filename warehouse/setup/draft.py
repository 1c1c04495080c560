"""The draft folder (`<site>/draft/`): suggestions a person accepts or edits, never the live
site. `accept` moves the draft rows into the live tables only when the result validates."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path

from warehouse.setup.suggest import DRAFT_COLUMNS
from warehouse.site import TABLES, SiteError, load_site, record_changes
from warehouse.site.files import _decode, table_file
from warehouse.site.load import _read_table

DRAFT = "draft"
ACCEPTED = "accepted"
ACCEPTABLE = ("service_catalogue", "sender_cost_centres")
UNMAPPED_COLUMNS = ("source", "key", "name", "amount_eur", "lines")
VIA = "setup: accepted suggestion"


def csv_text(columns: tuple[str, ...] | list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: "" if row.get(c) is None else row[c] for c in columns})
    return out.getvalue()


def sender_rows(senders: list[dict]) -> list[dict]:
    return [{"cost_centre": s["cost_centre"], "name": s["name"] or "",
             "confidence": "0.90" if s["mirror_ratio"] and 0.8 <= s["mirror_ratio"] <= 1.25
             else "0.60",
             "evidence": f"{s['members']} cost centre(s), {s['credit_lines']}/{s['lines']} lines "
                         f"credits of {s['credits']:.2f} EUR; named partner on "
                         f"{s['partner_lines']} receiver lines ({s['partner_debits']:.2f} EUR "
                         f"debits, credits/debits {s['mirror_ratio']})"} for s in senders]


def draft_files(catalogue_rows: list[dict], senders: list[dict],
                unmapped: list[dict]) -> dict[str, str]:
    """File name → CSV text of the draft folder."""
    return {
        "service_catalogue.csv": csv_text(DRAFT_COLUMNS, catalogue_rows),
        "sender_cost_centres.csv": csv_text(("cost_centre", "name", "confidence", "evidence"),
                                            sender_rows(senders)),
        "unmapped.csv": csv_text(UNMAPPED_COLUMNS, unmapped),
    }


def write_draft(site_folder: Path, files: dict[str, str]) -> Path:
    """Write the draft folder (replacing an earlier draft's files); returns it."""
    folder = Path(site_folder) / DRAFT
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _draft_rows(draft: Path, name: str) -> tuple[list[dict], list[str]]:
    """The draft's rows of one table, each checked cell by cell (errors name the draft file)."""
    path = draft / f"{name}.csv"
    if not path.exists():
        return [], []
    rows, problems = _read_table(path, TABLES[name])
    return [{c: r[c] for c in TABLES[name].column_names} | {"_row": r["_row"]} for r in rows], \
        problems


def _append(path: Path, columns: list[str], rows: list[dict]) -> None:
    """Add rows to a live CSV table in its own delimiter and header order."""
    text = _decode(path) if path.exists() else ""
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = next(csv.reader([first], delimiter=delimiter)) if first else columns
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    if not first:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(h.strip().lower(), "") for h in header])
    joined = text if not text or text.endswith("\n") else text + "\n"
    path.write_text(joined + out.getvalue(), encoding="utf-8")


def accept(site_folder: Path, by: str) -> dict[str, int]:
    """Move the draft's rows into the live site; SiteError (site unchanged) when invalid."""
    folder = Path(site_folder)
    draft = folder / DRAFT
    if not draft.is_dir():
        raise SiteError([f"no draft at {draft}: run `asiakastieto setup --landing DIR` first"])
    live = load_site(folder)
    record_changes(live, by=by)  # edits made by hand before accepting stay theirs
    problems, accepted = [], {}
    for name in ACCEPTABLE:
        rows, found = _draft_rows(draft, name)
        problems += found
        keys = {tuple(r[k] for k in TABLES[name].key) for r in live.tables[name]}
        for row in rows:
            key = tuple(row[k] for k in TABLES[name].key)
            if key in keys:
                problems.append(f"{draft / name}.csv: row {row['_row']}: "
                                f"{', '.join(TABLES[name].key)} {'/'.join(key)} is already in "
                                f"the site's {name}; delete the row from the draft")
        current = table_file(folder, TABLES[name])
        if rows and current is not None and current.suffix.lower() == ".xlsx":
            problems.append(f"{current}: setup adds rows to CSV tables only; add the rows of "
                            f"{draft / name}.csv to it by hand, then delete them from the draft")
        accepted[name] = rows
    if problems:
        raise SiteError(problems)
    with tempfile.TemporaryDirectory(prefix="asiakastieto-site-") as tmp:
        trial = Path(tmp)
        for path in folder.iterdir():
            if path.is_file() and path.suffix in (".csv", ".xlsx", ".toml"):
                shutil.copyfile(path, trial / path.name)
        for name, rows in accepted.items():
            _append(trial / f"{name}.csv", TABLES[name].column_names, rows)
        try:
            load_site(trial)
        except SiteError as exc:
            raise SiteError([p.replace(str(trial), str(folder)) for p in exc.problems]) from None
        for name, rows in accepted.items():
            if rows:
                shutil.copyfile(trial / f"{name}.csv", folder / f"{name}.csv")
    counts = {name: len(rows) for name, rows in accepted.items()}
    record_changes(load_site(folder), by=by, via=VIA, note=(
        "rows accepted from setup's draft: " + ", ".join(f"{n} {k}" for k, n in counts.items())))
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    kept = draft / ACCEPTED / stamp
    kept.mkdir(parents=True, exist_ok=True)
    for name in ACCEPTABLE:
        if (draft / f"{name}.csv").exists():
            shutil.move(draft / f"{name}.csv", kept / f"{name}.csv")
    return counts
