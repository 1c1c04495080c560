"""The care plan as an Excel workbook: one sheet per section, numbers kept as numbers."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from dashboard import classification, i18n
from dashboard.data.names import Names
from dashboard.downloads import excel_writer
from dashboard.report import budget_section, labels
from dashboard.report.careplan_data import SECTION_ORDER, CarePlan
from dashboard.report.tables import KINDS, cell, header_rows

SHEETS = ("header", "projects", "critical_services", "recurring_events", "small_needs",
          "marketing", "agreements", "charges", "changes", "device_ages", "history", "budget")
FORMATS = {"eur": "#,##0.00 €", "int": "#,##0", "date": "d.m.yyyy", "month": "m/yyyy",
           "score": "0", "datetime": "d.m.yyyy h:mm"}
# The header's numbers again as numbers (unrounded, as in the marts), for anyone who computes.
HEADER_VALUES = [
    ("current_value_eur", "eur"), ("previous_value_eur", "eur"), ("value_change_eur", "eur"),
    ("value_change_pct", "pct"), ("staff_count", "int"), ("staff_change", "int"),
    ("potential_score", "int"), ("lifetime_value_eur", "eur"), ("potential_value_eur", "eur"),
    ("margin_eur", "eur"), ("margin_pct", "pct"), ("unclassified_eur", "eur"),
]
# NULL in the marts while a charge of the 12 months has no service: the cell says so.
UNKNOWN_UNTIL_CLASSIFIED = ("margin_eur", "margin_pct")


def sheet_name(key: str, lang: str = "fi") -> str:
    return i18n.t(f"plan_sheet_{key}", lang)[:31]


def _typed(frame: pd.DataFrame, table: str, lang: str, known: Names | None = None
           ) -> pd.DataFrame:
    kinds = KINDS[table]
    shown = frame[[c for c in kinds if c in frame.columns]].copy()
    for column, kind in kinds.items():
        if column not in shown.columns:
            continue
        if kind in {"date", "month", "datetime"}:
            shown[column] = pd.to_datetime(shown[column], errors="coerce")
        elif kind == "service":
            shown[column] = shown[column].map(lambda code: (known or Names()).service(code, lang))
        elif kind == "section":
            shown[column] = shown[column].map(lambda key: labels.title(key, lang))
        elif kind == "bool":
            shown[column] = shown[column].map(lambda v: cell(v, "bool", lang))
    return shown


def _sheet(writer, book, name: str, frame: pd.DataFrame, kinds: dict[str, str], lang: str
           ) -> None:
    frame.rename(columns={c: labels.column(c, lang) for c in frame.columns}).to_excel(
        writer, sheet_name=name, index=False)
    sheet = writer.sheets[name]
    for index, column in enumerate(frame.columns):
        fmt = FORMATS.get(kinds.get(column, ""))
        longest = max([len(str(v)) for v in frame[column].dropna()] or [0])
        width = max(12, min(48, max(longest, len(labels.column(column, lang))) + 2))
        sheet.set_column(index, index, width, book.add_format({"num_format": fmt}) if fmt
                         else None)
    sheet.freeze_panes(1, 0)


def write(plan: CarePlan, images: dict[str, bytes | None], output: Path, lang: str = "fi"
          ) -> Path:
    """Write the workbook to `output` and return it."""
    with excel_writer(output, datetime_format="d.m.yyyy h:mm",
                      date_format="d.m.yyyy") as writer:
        book = writer.book
        rows = [(label, text) for label, text in header_rows(plan, lang)]
        rows += [(i18n.t(f"plan_value_{key}", lang), None) for key, _ in HEADER_VALUES]
        header = pd.DataFrame(rows, columns=[i18n.t("plan_col_fact", lang),
                                             i18n.t("plan_col_value", lang)])
        header.to_excel(writer, sheet_name=sheet_name("header", lang), index=False)
        sheet = writer.sheets[sheet_name("header", lang)]
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 1, 60)
        offset = len(rows) - len(HEADER_VALUES) + 1
        for index, (key, kind) in enumerate(HEADER_VALUES):
            value = plan.header.get(key)
            fmt = book.add_format({"num_format": "0.0 %" if kind == "pct"
                                   else FORMATS[kind], "align": "left"})
            if key in UNKNOWN_UNTIL_CLASSIFIED and classification.needs(plan.header):
                sheet.write_string(offset + index, 1, classification.state(lang))
            elif value is not None and not pd.isna(value):
                sheet.write_number(offset + index, 1, float(value), fmt)
        for section in SECTION_ORDER:
            _sheet(writer, book, sheet_name(section, lang),
                   _typed(plan.sections[section], section, lang), KINDS[section], lang)
        for table, frame in (("charges", plan.charges), ("changes", plan.changes),
                             ("device_ages", plan.device_ages), ("history", plan.history)):
            _sheet(writer, book, sheet_name(table, lang), _typed(frame, table, lang, plan.names),
                   KINDS[table], lang)
        # ---- budget: the proposal with its reasons, numbers as numbers ----
        budget_rows = budget_section.display(plan.budget, lang)
        if not plan.budget.empty:
            budget_rows[budget_rows.columns[2]] = list(plan.budget["amount_eur"].astype(float)) + [
                float(plan.budget["amount_eur"].sum())]
        budget_rows.to_excel(writer, sheet_name=sheet_name("budget", lang), index=False)
        budget_sheet = writer.sheets[sheet_name("budget", lang)]
        budget_sheet.set_column(0, 1, 28)
        budget_sheet.set_column(2, 2, 14, book.add_format({"num_format": FORMATS["eur"]}))
        budget_sheet.set_column(3, 3, 100)
        budget_sheet.write(len(budget_rows) + 2, 0,
                           budget_section.accuracy_text(plan.budget_accuracy, lang))
        incomplete = budget_section.incomplete_text(plan.header, lang)
        if incomplete:
            budget_sheet.write(len(budget_rows) + 3, 0, incomplete)
        # ---- end budget ----
        for image, table in (("clock", "recurring_events"), ("charges", "charges"),
                             ("changes", "changes"), ("devices", "device_ages")):
            png = images.get(image)
            if png is not None:
                writer.sheets[sheet_name(table, lang)].insert_image(
                    1, len(KINDS[table]) + 1, f"{image}.png",
                    {"image_data": io.BytesIO(png), "x_scale": 0.45, "y_scale": 0.45})
    return output
