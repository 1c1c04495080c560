"""The pack's tables: which columns each section shows, their kinds and Finnish formatting."""

from __future__ import annotations

import pandas as pd

from dashboard import classification, i18n
from dashboard.data.names import Names
from dashboard.report import labels
from dashboard.report.careplan_data import CarePlan
from warehouse.careplans import SECTIONS
from warehouse.formats import (
    MISSING,
    fmt_date,
    fmt_datetime,
    fmt_eur,
    fmt_int,
    fmt_month,
    fmt_pct,
    formatter,
    signed,
)

KINDS: dict[str, dict[str, str]] = {
    "projects": dict(SECTIONS["projects"]),
    "small_needs": dict(SECTIONS["small_needs"]),
    "marketing": dict(SECTIONS["marketing"]),
    "agreements": dict(SECTIONS["agreements"]),
    "critical_services": {"application": "text", "updates_per_year": "int",
                          "next_update_month": "month", "customer_contact": "text",
                          "vendor": "text", "maintenance": "text", "it_resources": "text"},
    "recurring_events": {"month": "month", "what": "text", "who": "text", "to_whom": "text",
                         "where": "text"},
    "changes": {"service": "service", "previous_value_eur": "eur", "current_value_eur": "eur",
                "change_eur": "eur", "volume_effect_eur": "eur", "price_effect_eur": "eur",
                "new_service_eur": "eur", "ended_service_eur": "eur"},
    "device_ages": {"age_years": "int", "devices": "int", "due_next_year": "int",
                    "replacement_cost_next_year_eur": "eur"},
    "charges": {"month": "month", "service": "service", "amount_eur": "eur"},
    "history": {"changed_at": "datetime", "changed_by": "text", "section": "section",
                "change": "text", "old": "text", "new": "text"},
}
CHANGE_NAMES = {"fi": {"insert": "lisätty", "update": "muutettu", "delete": "poistettu",
                       "refused": "hylätty (vanhentunut muokkaus)"},
                "en": {"insert": "added", "update": "changed", "delete": "deleted",
                       "refused": "refused (stale edit)"}}


def _bool(value, lang: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return MISSING
    yes, no = ("KYLLÄ", "EI") if lang == "fi" else ("YES", "NO")
    return yes if value in (True, "true", 1) else no


def cell(value, kind: str, lang: str = "fi", known: Names | None = None) -> str:
    """One value as text for the PDF and HTML pack; `known` names the services."""
    if kind == "text":
        return MISSING if value is None or (isinstance(value, float) and pd.isna(value)) \
            or value == "" else str(value)
    if kind == "bool":
        return _bool(value, lang)
    if kind == "date" and isinstance(value, str) and value:
        return fmt_date(pd.Timestamp(value), lang)
    if kind == "service":
        return (known or Names()).service(value, lang)
    if kind == "section":
        return labels.title(str(value), lang)
    if kind in {"eur"}:
        return fmt_eur(value, lang, decimals=0)
    if kind == "score":
        return fmt_int(value, lang)
    return formatter(kind, lang)(value)


def display(frame: pd.DataFrame, table: str, lang: str = "fi", known: Names | None = None
            ) -> pd.DataFrame:
    """The table's shown columns, formatted as text, with the language's headings."""
    kinds = KINDS[table]
    shown = frame[[c for c in kinds if c in frame.columns]].copy()
    if table == "history":
        shown["change"] = shown["change"].map(lambda c: CHANGE_NAMES[lang].get(c, c))
    for column, kind in kinds.items():
        if column in shown.columns:
            shown[column] = [cell(v, kind, lang, known) for v in shown[column]]
    return shown.rename(columns={c: labels.column(c, lang) for c in shown.columns})


def header_rows(plan: CarePlan, lang: str = "fi") -> list[tuple[str, str]]:
    """The care plan's header as (label, value) pairs, as in the thesis's template."""
    h = plan.header
    staff = fmt_int(h["staff_count"], lang)
    if h.get("staff_change") is not None and not pd.isna(h["staff_change"]):
        staff += f" ({signed(fmt_int(h['staff_change'], lang))})"
    score = fmt_int(h["potential_score"], lang)
    if plan.potential and plan.potential.get("justification"):
        score += f": {plan.potential['justification']}"
    change = signed(fmt_eur(h["value_change_eur"], lang, decimals=0))
    if not pd.isna(h["value_change_pct"]):
        change += f" ({signed(fmt_pct(h['value_change_pct'], lang))})"
    rows = [
        ("customer", f"{h['customer_name']} ({h['customer_id']})"),
        ("updated", fmt_datetime(plan.updated_at, lang) if plan.updated_at else MISSING),
        ("as_of_month", fmt_month(plan.as_of, lang)),
        ("segment", fmt_int(h["segment"], lang)),
        ("customer_type", plan.names.customer_type(h["customer_type"], lang)),
        ("partnership_manager", cell(h["partnership_manager"], "text")),
        ("customer_contact", cell(h["customer_contact"], "text")),
        ("current_value_eur", fmt_eur(h["current_value_eur"], lang, decimals=0)),
        ("value_change_eur", change),
        ("staff", staff),
        ("potential_score", score),
        ("lifetime_value_eur", fmt_eur(h["lifetime_value_eur"], lang, decimals=0)),
        ("potential_value_eur", fmt_eur(h["potential_value_eur"], lang, decimals=0)),
        ("abc_class", cell(h["abc_class"], "text")),
        *_margin_rows(h, lang),
    ]
    return [(labels.header(key, lang), value) for key, value in rows]


def _margin_rows(h: dict, lang: str) -> list[tuple[str, str]]:
    """Margin and margin %, or the "needs classification" state with the unclassified euros
    (the margin is unknown until every charge of the 12 months has a service)."""
    if classification.needs(h):
        text = classification.with_euros(h.get("unclassified_eur"), lang)
        return [("margin_eur", text), ("margin_pct", classification.state(lang))]
    return [("margin_eur", fmt_eur(h["margin_eur"], lang, decimals=0)),
            ("margin_pct", fmt_pct(h["margin_pct"], lang)),
            ("cost_basis", i18n.t(f"basis_{h.get('cost_basis') or 'catalogue'}", lang))]


def file_stem(plan: CarePlan) -> str:
    return f"hoitosuunnitelma_{plan.customer_id}_{plan.as_of:%Y-%m}"
