"""fi/en labels of the budget page."""

from __future__ import annotations

BUDGET_LABELS = {
    "fi": {
        "page_budget": "Budjetti", "budget_by_customer": "Asiakas",
        "budget_by_manager": "Kumppanuuspäällikön asiakkaat",
        "budget_title": "Budjettiehdotus {year}", "budget_caption":
            "Ehdotus = 12 kk toteuma ({start}–{end}) + nimetyt muutokset. Jokaisen rivin "
            "perustelu on taulukossa; ohitukset tallentuvat hoitosuunnitelman muutoshistoriaan.",
        "kpi_run_rate": "Toteuma 12 kk", "kpi_proposal": "Ehdotus {year}",
        "kpi_budget_change": "Muutos", "budget_lines": "Ehdotuksen rivit ja perustelut",
        "budget_months": "Ehdotus kuukausittain", "budget_overrides": "Ohitukset",
        "budget_accuracy": "Menetelmän tarkkuus aiempina vuosina (takautuva testi)",
        "budget_accuracy_caption": "Sama menetelmä ajettuna 12 ja 24 kk aiemmin vain silloin "
            "käytettävissä olleilla tiedoilla, verrattuna toteutuneisiin veloituksiin. "
            "Vertailukohta: ”sama kuin edelliset 12 kk”.",
        "budget_export": "Lataa talousyksikön XLSX", "budget_customers": "Asiakkaat",
        "col_proposal_eur": "Ehdotus", "col_run_rate_eur": "Toteuma 12 kk",
        "col_line": "Rivi", "col_explanation": "Perustelu", "col_service_name_fi": "Palvelu",
        "col_forecast": "Ennuste", "col_mape": "MAPE", "col_wape": "WAPE",
        "col_abs_error_eur": "Virhe € (itseisarvo)", "col_error_eur": "Virhe € (netto)",
        "col_predicted_eur": "Ennuste €", "col_actual_eur": "Toteuma €",
        "col_baseline_eur": "Vertailu €", "col_ape": "APE", "col_baseline_ape": "Vertailun APE",
        "col_budget_year": "Budjettivuosi", "col_months_compared": "Kuukausia",
        "col_baseline_error_eur": "Vertailun virhe €",
        "method": "menetelmä", "baseline": "vertailu (12 kk)",
    },
    "en": {
        "page_budget": "Budget", "budget_by_customer": "Customer",
        "budget_by_manager": "A partnership manager's customers",
        "budget_title": "Budget proposal {year}", "budget_caption":
            "Proposal = 12-month run-rate ({start}–{end}) + named adjustments. Every line's "
            "reason is in the table; overrides are kept in the care plan's change history.",
        "kpi_run_rate": "Run-rate 12 months", "kpi_proposal": "Proposal {year}",
        "kpi_budget_change": "Change", "budget_lines": "Proposal lines and reasons",
        "budget_months": "Proposal by month", "budget_overrides": "Overrides",
        "budget_accuracy": "Accuracy of the method in previous years (backtest)",
        "budget_accuracy_caption": "The same method run 12 and 24 months earlier with only the "
            "data available then, against what was charged. Baseline: 'same as the last 12 "
            "months'.",
        "budget_export": "Download the finance XLSX", "budget_customers": "Customers",
        "col_proposal_eur": "Proposal", "col_run_rate_eur": "Run-rate 12 months",
        "col_line": "Line", "col_explanation": "Reason", "col_service_name_fi": "Service",
        "col_forecast": "Forecast", "col_mape": "MAPE", "col_wape": "WAPE",
        "col_abs_error_eur": "Absolute error €", "col_error_eur": "Net error €",
        "col_predicted_eur": "Forecast €", "col_actual_eur": "Actual €",
        "col_baseline_eur": "Baseline €", "col_ape": "APE", "col_baseline_ape": "Baseline APE",
        "col_budget_year": "Budget year", "col_months_compared": "Months",
        "col_baseline_error_eur": "Baseline error €",
        "method": "method", "baseline": "baseline (12 months)",
    },
}
