"""Next year's budget values as the XLSX a city finance office pastes from.

Sheet "Budjetti": one header row, then one row per customer and service: customer, customer id,
cost centre (or SAP customer number of an invoice customer), service, € per month and the year,
numbers as numbers (two decimals), no subtotal rows between the data. Sheet "Perustelut": every
explanation line, so that the workbook explains itself when it is forwarded.
"""

from __future__ import annotations

import io

import pandas as pd

from dashboard.downloads import excel_writer

MONTHS_FI = ["Tammikuu", "Helmikuu", "Maaliskuu", "Huhtikuu", "Toukokuu", "Kesäkuu",
             "Heinäkuu", "Elokuu", "Syyskuu", "Lokakuu", "Marraskuu", "Joulukuu"]
MONTH_COLUMNS = [f"month_{m:02d}_eur" for m in range(1, 13)]
ACCOUNT_KIND_FI = {"cost_centre": "kustannuspaikka", "sap_customer": "SAP-asiakasnumero"}
ADJUSTMENT_FI = {"run_rate": "Toteuma 12 kk", "price_change": "Hintamuutos",
                 "staff_trend": "Henkilöstötrendi", "devices": "Työasemat",
                 "replacements": "Laitevaihdot", "applications": "Sovellukset",
                 "hours_average": "Tuntien keskiarvo", "projects": "Kehittämishanke",
                 "override": "Ohitus"}
ADJUSTMENT_EN = {"run_rate": "Run-rate 12 months", "price_change": "Price change",
                 "staff_trend": "Staff trend", "devices": "Workstations",
                 "replacements": "Device replacements", "applications": "Applications",
                 "hours_average": "Average hours", "projects": "Development project",
                 "override": "Override"}


def adjustment_label(code: str, lang: str = "fi") -> str:
    return (ADJUSTMENT_EN if lang == "en" else ADJUSTMENT_FI).get(code, code)


def finance_frame(export: pd.DataFrame) -> pd.DataFrame:
    """The finance layout with Finnish headings (the data of sheet "Budjetti")."""
    frame = pd.DataFrame({
        "Asiakas": export["customer_name"],
        "Asiakastunnus": export["customer_id"],
        "Kustannuspaikka / SAP-asiakasnro": export["finance_account"],
        "Tunnuksen laji": export["finance_account_kind"].map(ACCOUNT_KIND_FI),
        "Palvelu": export["service_name_fi"],
        "Suoritelaji": export["activity_type"],
    })
    for column, name in zip(MONTH_COLUMNS, MONTHS_FI, strict=True):
        frame[name] = export[column].astype(float).round(2)
    frame["Vuosi yhteensä"] = export["year_eur"].astype(float).round(2)
    return frame


def explanation_frame(lines: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Asiakas": lines["customer_name"], "Asiakastunnus": lines["customer_id"],
        "Palvelu": lines["service_name_fi"],
        "Rivi": lines["adjustment"].map(adjustment_label),
        "€ / vuosi": lines["amount_eur"].astype(float).round(2),
        "Perustelu": lines["explanation"],
    })


def workbook_bytes(export: pd.DataFrame, lines: pd.DataFrame) -> bytes:
    """The workbook as bytes: "Budjetti" (paste layout) and "Perustelut" (explanations)."""
    buffer = io.BytesIO()
    year = int(export["budget_year"].iloc[0]) if not export.empty else None
    with excel_writer(buffer) as writer:
        book = writer.book
        money = book.add_format({"num_format": "#,##0.00"})
        text = book.add_format({"num_format": "@"})
        data = finance_frame(export)
        data.to_excel(writer, sheet_name="Budjetti", index=False)
        sheet = writer.sheets["Budjetti"]
        sheet.set_column(0, 0, 36)
        # Codes stay text so that Excel keeps their leading zeros.
        sheet.set_column(1, 2, 18, text)
        sheet.set_column(3, 3, 18)
        sheet.set_column(4, 4, 28)
        sheet.set_column(5, 5, 11)
        sheet.set_column(6, 6 + 12, 13, money)
        sheet.freeze_panes(1, 2)
        if year is not None:
            sheet.set_header(f"&LBudjettiehdotus {year}&R&D")
        explained = explanation_frame(lines)
        explained.to_excel(writer, sheet_name="Perustelut", index=False)
        notes = writer.sheets["Perustelut"]
        notes.set_column(0, 0, 36)
        notes.set_column(1, 1, 14)
        notes.set_column(2, 3, 26)
        notes.set_column(4, 4, 14, money)
        notes.set_column(5, 5, 110)
        notes.freeze_panes(1, 0)
    return buffer.getvalue()
