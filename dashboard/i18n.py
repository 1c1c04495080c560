"""Labels in Finnish (default) and English; the chosen language lives in st.session_state."""

from __future__ import annotations

import streamlit as st

from dashboard.labels_classification import CLASSIFICATION_LABELS
from dashboard.labels_pages import PAGE_LABELS
from dashboard.labels_setup import SETUP_LABELS

LANGUAGES = {"fi": "Suomi", "en": "English"}
DEFAULT_LANG = "fi"
STATE_KEY = "lang"

LABELS: dict[str, dict[str, str]] = {
    "fi": {
        "app_title": "Asiakastieto",
        "language": "Kieli",
        "page_overview": "Yleiskatsaus",
        "page_data": "Tiedot",
        "as_of": "Tilanne",
        "demo_note": "Demo: ei kirjautumista, vain localhost",
        "not_built": "Tietovarastoa ei ole vielä rakennettu: aja `asiakastieto refresh`",
        "relation_missing": "Tietovarastosta puuttuu taulu `{name}`: aja `asiakastieto refresh`",
        "kpi_charges": "Veloitukset 12 kk",
        "kpi_change": "Muutos ed. 12 kk",
        "kpi_customers": "Asiakkaita",
        "kpi_staff": "Henkilöstö",
        "kpi_devices": "Aktiiviset laitteet",
        "kpi_applications": "Sovellukset",
        "kpi_margin": "Kate",
        "trend_title": "Veloitukset kuukausittain palveluittain",
        "trend_caption": "Viiva: sama kuukausi edellisenä vuonna",
        "previous_year": "Edellinen vuosi",
        "month": "Kuukausi",
        "service": "Palvelu",
        "amount": "Veloitus",
        "top_title": "10 suurinta asiakasta",
        "download_csv": "Lataa CSV",
        "rows_capped": "Näytetään {shown} / {total} riviä; lataus sisältää kaikki.",
        "quality_ok": "Tiedot ajan tasalla: ei hylättyjä tiedostoja eikä epäonnistuneita"
        " tarkistuksia.",
        "quality_issues": "Hylättyjä tiedostoja {rejected}, epäonnistuneita tarkistuksia {failed}"
        " (kriittisiä {critical}).",
        "quality_no_checks": "Laatutarkistuksia ei ole ajettu.",
        "quality_title": "Tiedon tuoreus ja laatu",
        "newest_load": "Uusin lataus",
        "data_title": "Tiedot ja tiedon laatu",
        "load_audit_title": "Lataukset lähteittäin",
        "quarantine_title": "Karanteeni (enintään 200 riviä)",
        "unmapped_title": "Kohdistamattomat tietueet",
        "unmapped_caption": "Työlista: tietueet, joita ei saatu kohdistettua asiakkaalle.",
        "dq_title": "Laatutarkistukset (viimeisin ajo)",
        "empty": "Ei rivejä.",
        "col_customer_name": "Asiakas",
        "col_customer_type": "Tyyppi",
        "col_partnership_manager": "Kumppanuuspäällikkö",
        "col_current_value_eur": "Veloitukset 12 kk",
        "col_value_change_eur": "Muutos €",
        "col_value_change_pct": "Muutos %",
        "col_margin_eur": "Kate",
        "col_abc_class": "ABC",
        "col_source": "Lähde",
        "col_files": "Tiedostoja",
        "col_rejected_files": "Hylättyjä",
        "col_rows_read": "Rivejä luettu",
        "col_rows_loaded": "Rivejä ladattu",
        "col_rows_quarantined": "Karanteenissa",
        "col_newest_load": "Uusin lataus",
        "col_amount_eur": "Summa",
        "col_candidate_score": "Osuvuus",
        "col_customer_id": "Tunnus",
        "col_file_name": "Tiedosto",
        "col_load_id": "Lataus",
        "col_row_number": "Rivi",
        "col_column_name": "Sarake",
        "col_raw_value": "Arvo",
        "col_reason": "Syy",
        "col_record_key": "Tietue",
        "col_candidate_customer_id": "Ehdokasasiakas",
        "col_expectation": "Tarkistus",
        "col_severity": "Vakavuus",
        "col_success": "Onnistui",
        "col_observed_value": "Havaittu arvo",
        "col_failing_examples": "Esimerkkejä",
        "col_month": "Kuukausi",
        "col_previous_year_eur": "Edellinen vuosi",
        "col_run_at": "Ajettu",
    },
    "en": {
        "app_title": "Asiakastieto",
        "language": "Language",
        "page_overview": "Overview",
        "page_data": "Data",
        "as_of": "As of",
        "demo_note": "Demo: no login, localhost only",
        "not_built": "The warehouse has not been built yet: run `asiakastieto refresh`",
        "relation_missing": "The warehouse lacks the relation `{name}`: run `asiakastieto refresh`",
        "kpi_charges": "Charges, 12 months",
        "kpi_change": "Change vs previous 12 months",
        "kpi_customers": "Customers",
        "kpi_staff": "Staff",
        "kpi_devices": "Active devices",
        "kpi_applications": "Applications",
        "kpi_margin": "Margin",
        "trend_title": "Monthly charges by service",
        "trend_caption": "Line: the same month a year earlier",
        "previous_year": "Previous year",
        "month": "Month",
        "service": "Service",
        "amount": "Charges",
        "top_title": "Top 10 customers",
        "download_csv": "Download CSV",
        "rows_capped": "Showing {shown} of {total} rows; the download has them all.",
        "quality_ok": "Data up to date: no rejected files and no failed checks.",
        "quality_issues": "Rejected files {rejected}, failed checks {failed}"
        " ({critical} critical).",
        "quality_no_checks": "No data-quality checks have run.",
        "quality_title": "Data freshness and quality",
        "newest_load": "Newest load",
        "data_title": "Data and data quality",
        "load_audit_title": "Loads by source",
        "quarantine_title": "Quarantine (first 200 rows)",
        "unmapped_title": "Unmapped records",
        "unmapped_caption": "Worklist: records that did not resolve to a customer.",
        "dq_title": "Data-quality checks (latest run)",
        "empty": "No rows.",
        "col_customer_name": "Customer",
        "col_customer_type": "Type",
        "col_partnership_manager": "Partnership manager",
        "col_current_value_eur": "Charges, 12 months",
        "col_value_change_eur": "Change €",
        "col_value_change_pct": "Change %",
        "col_margin_eur": "Margin",
        "col_abc_class": "ABC",
        "col_source": "Source",
        "col_files": "Files",
        "col_rejected_files": "Rejected",
        "col_rows_read": "Rows read",
        "col_rows_loaded": "Rows loaded",
        "col_rows_quarantined": "Quarantined",
        "col_newest_load": "Newest load",
        "col_amount_eur": "Amount",
        "col_candidate_score": "Score",
        "col_customer_id": "ID",
        "col_file_name": "File",
        "col_load_id": "Load",
        "col_row_number": "Row",
        "col_column_name": "Column",
        "col_raw_value": "Value",
        "col_reason": "Reason",
        "col_record_key": "Record",
        "col_candidate_customer_id": "Candidate customer",
        "col_expectation": "Check",
        "col_severity": "Severity",
        "col_success": "Passed",
        "col_observed_value": "Observed",
        "col_failing_examples": "Examples",
        "col_month": "Month",
        "col_previous_year_eur": "Previous year",
        "col_run_at": "Run at",
    },
}

for _lang, _labels in PAGE_LABELS.items():
    LABELS[_lang].update(_labels)
for _lang, _labels in CLASSIFICATION_LABELS.items():
    LABELS[_lang].update(_labels)

SERVICES = {
    "fi": {
        "project_manager": "Projektipäällikköpalvelu", "expert": "Asiantuntijapalvelu",
        "workstation": "Työasemapalvelu", "device_phone": "Työasema- ja puhelinpalvelu",
        "phone": "Puhelinpalvelu", "application": "Sovelluspalvelu",
        "network": "Tietoliikennepalvelu", "it_support": "Tukipalvelu",
        "unclassified": CLASSIFICATION_LABELS["fi"]["service_unclassified"],
    },
    "en": {
        "project_manager": "Project manager service", "expert": "Expert service",
        "workstation": "Workstation service", "device_phone": "Workstation and phone service",
        "phone": "Phone service", "application": "Application service",
        "network": "Network service", "it_support": "IT support service",
        "unclassified": CLASSIFICATION_LABELS["en"]["service_unclassified"],
    },
}

# Codes that appear as values in the marts (customer types of domain.md, check severities).
VALUES = {
    "fi": {
        "toimiala": "toimiala", "palvelukeskus": "palvelukeskus", "liikelaitos": "liikelaitos",
        "seudullinen": "seudullinen toimija", "yhtio": "konserniyhtiö", "saatio": "säätiö",
        "critical": "kriittinen", "warning": "varoitus",
    },
    "en": {
        "toimiala": "city division", "palvelukeskus": "service centre",
        "liikelaitos": "municipal enterprise", "seudullinen": "regional body",
        "yhtio": "city-owned company", "saatio": "foundation",
        "critical": "critical", "warning": "warning",
    },
}


def current_lang() -> str:
    lang = st.session_state.get(STATE_KEY, DEFAULT_LANG)
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The label for `key`; falls back to Finnish, then to the key itself."""
    labels = LABELS[lang or current_lang()]
    text = labels.get(key) or LABELS[DEFAULT_LANG].get(key, key)
    return text.format(**values) if values else text


def column(name: str, lang: str | None = None) -> str:
    """A display name for a mart column; unknown columns keep their name."""
    return t(f"col_{name}", lang) if f"col_{name}" in LABELS[DEFAULT_LANG] else name


def service_label(code: str, lang: str | None = None) -> str:
    return SERVICES[lang or current_lang()].get(code, code)


def value_label(code: object, lang: str | None = None) -> str:
    """A display label for a coded value; unknown codes show as they are."""
    return VALUES[lang or current_lang()].get(str(code), str(code))


# Care plan (issue #7): the customer page and the annual clock in the navigation.
LABELS["fi"].update({"page_customer": "Asiakas", "page_annual_clock": "Vuosikello",
                     "col_kind": "Tyyppi"})
LABELS["en"].update({"page_customer": "Customer", "page_annual_clock": "Annual clock",
                     "col_kind": "Kind"})

# Setup (director only): discovery of what the landed extracts need decided.
for _lang, _labels in SETUP_LABELS.items():
    LABELS[_lang].update({k: v for k, v in _labels.items() if k not in LABELS[_lang]})
