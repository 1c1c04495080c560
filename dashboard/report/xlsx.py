"""The care plan as an Excel workbook: one sheet per section, numbers kept as numbers."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from dashboard import classification
from dashboard.data.names import Names
from dashboard.downloads import excel_writer
from dashboard.report import budget_section, labels
from dashboard.report.careplan_data import SECTION_ORDER, CarePlan
from dashboard.report.tables import KINDS, header_rows

SHEETS = {
    "header": "Perustiedot", "projects": "Kehittämishankkeet",
    "critical_services": "Kriittiset palvelut", "recurring_events": "Toistuvat tapahtumat",
    "small_needs": "Pienkehitystarpeet", "marketing": "Markkinointitoimet",
    "agreements": "Sopimukset", "charges": "Veloitukset", "changes": "Muutoksen selitys",
    "device_ages": "Laitteet", "history": "Muutoshistoria",
}
FORMATS = {"eur": "#,##0.00 €", "int": "#,##0", "date": "d.m.yyyy", "month": "m/yyyy",
           "score": "0", "datetime": "d.m.yyyy h:mm"}
# The header's numbers again as numbers (unrounded, as in the marts), for anyone who computes.
HEADER_VALUES = [
    ("current_value_eur", "eur", "Veloitukset 12 kk (€)"),
    ("previous_value_eur", "eur", "Veloitukset edelliset 12 kk (€)"),
    ("value_change_eur", "eur", "Muutos (€)"), ("value_change_pct", "pct", "Muutos (%)"),
    ("staff_count", "int", "Henkilöstö"), ("staff_change", "int", "Henkilöstön muutos"),
    ("potential_score", "int", "Potentiaaliarvo (1–10)"),
    ("lifetime_value_eur", "eur", "Elinkaariarvo 3 v (€)"),
    ("potential_value_eur", "eur", "Potentiaaliarvo (€)"), ("margin_eur", "eur", "Kate (€)"),
    ("margin_pct", "pct", "Kate (%)"),
    ("unclassified_eur", "eur", "Luokittelemattomat veloitukset 12 kk (€)"),
]
# NULL in the marts while a charge of the 12 months has no service: the cell says so.
UNKNOWN_UNTIL_CLASSIFIED = ("margin_eur", "margin_pct")


def _typed(frame: pd.DataFrame, table: str, known: Names | None = None) -> pd.DataFrame:
    kinds = KINDS[table]
    shown = frame[[c for c in kinds if c in frame.columns]].copy()
    for column, kind in kinds.items():
        if column not in shown.columns:
            continue
        if kind in {"date", "month", "datetime"}:
            shown[column] = pd.to_datetime(shown[column], errors="coerce")
        elif kind == "service":
            shown[column] = shown[column].map(lambda code: (known or Names()).service(code, "fi"))
        elif kind == "section":
            shown[column] = shown[column].map(labels.title)
        elif kind == "bool":
            shown[column] = shown[column].map(
                lambda v: None if v is None else ("KYLLÄ" if v else "EI"))
    return shown


def _sheet(writer, book, name: str, frame: pd.DataFrame, kinds: dict[str, str]) -> None:
    frame.rename(columns={c: labels.column(c) for c in frame.columns}).to_excel(
        writer, sheet_name=name, index=False)
    sheet = writer.sheets[name]
    for index, column in enumerate(frame.columns):
        fmt = FORMATS.get(kinds.get(column, ""))
        longest = max([len(str(v)) for v in frame[column].dropna()] or [0])
        width = max(12, min(48, max(longest, len(labels.column(column))) + 2))
        sheet.set_column(index, index, width, book.add_format({"num_format": fmt}) if fmt
                         else None)
    sheet.freeze_panes(1, 0)


def write(plan: CarePlan, images: dict[str, bytes | None], output: Path) -> Path:
    """Write the workbook to `output` and return it."""
    with excel_writer(output, datetime_format="d.m.yyyy h:mm",
                      date_format="d.m.yyyy") as writer:
        book = writer.book
        rows = [(label, text) for label, text in header_rows(plan)]
        rows += [(label, None) for _, _, label in HEADER_VALUES]
        header = pd.DataFrame(rows, columns=["Tieto", "Arvo"])
        header.to_excel(writer, sheet_name=SHEETS["header"], index=False)
        sheet = writer.sheets[SHEETS["header"]]
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 1, 60)
        offset = len(rows) - len(HEADER_VALUES) + 1
        for index, (key, kind, _) in enumerate(HEADER_VALUES):
            value = plan.header.get(key)
            fmt = book.add_format({"num_format": "0.0 %" if kind == "pct"
                                   else FORMATS[kind], "align": "left"})
            if key in UNKNOWN_UNTIL_CLASSIFIED and classification.needs(plan.header):
                sheet.write_string(offset + index, 1, classification.state("fi"))
            elif value is not None and not pd.isna(value):
                sheet.write_number(offset + index, 1, float(value), fmt)
        for section in SECTION_ORDER:
            _sheet(writer, book, SHEETS[section], _typed(plan.sections[section], section),
                   KINDS[section])
        for table, frame in (("charges", plan.charges), ("changes", plan.changes),
                             ("device_ages", plan.device_ages), ("history", plan.history)):
            _sheet(writer, book, SHEETS[table], _typed(frame, table, plan.names), KINDS[table])
        # ---- budget: the proposal with its reasons, numbers as numbers ----
        budget_rows = budget_section.display(plan.budget)
        if not plan.budget.empty:
            budget_rows["€ / vuosi"] = list(plan.budget["amount_eur"].astype(float)) + [
                float(plan.budget["amount_eur"].sum())]
        budget_rows.to_excel(writer, sheet_name="Budjettiehdotus", index=False)
        budget_sheet = writer.sheets["Budjettiehdotus"]
        budget_sheet.set_column(0, 1, 28)
        budget_sheet.set_column(2, 2, 14, book.add_format({"num_format": FORMATS["eur"]}))
        budget_sheet.set_column(3, 3, 100)
        budget_sheet.write(len(budget_rows) + 2, 0,
                           budget_section.accuracy_text(plan.budget_accuracy))
        incomplete = budget_section.incomplete_text(plan.header)
        if incomplete:
            budget_sheet.write(len(budget_rows) + 3, 0, incomplete)
        # ---- end budget ----
        for image, table in (("clock", "recurring_events"), ("charges", "charges"),
                             ("changes", "changes"), ("devices", "device_ages")):
            png = images.get(image)
            if png is not None:
                writer.sheets[SHEETS[table]].insert_image(
                    1, len(KINDS[table]) + 1, f"{image}.png",
                    {"image_data": io.BytesIO(png), "x_scale": 0.45, "y_scale": 0.45})
    return output
