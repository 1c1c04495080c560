"""Care-plan labels (Finnish first, English): section titles, columns, the annual clock's events."""

from __future__ import annotations

TITLES = {
    "fi": {
        "plan": "Asiakkuuksien hoitosuunnitelma",
        "projects": "Asiakkaan kehittämishankkeet",
        "critical_services": "Kriittisten palveluiden säännölliset toimenpiteet",
        "recurring_events": "Säännöllisesti toistuvat tapahtumat (seuraavat 12 kk)",
        "small_needs": "Asiakkaan havaitsemat pienkehitystarpeet",
        "marketing": "Asiakaskohtaiset markkinointitoimet",
        "agreements": "Kaupungin johdon ja asiakkaan keskenään sopimat asiat",
        "potential": "Tulevaisuusnäkymät (potentiaaliarvo)",
        "history": "Muutoshistoria",
        "charges": "Veloitukset palveluittain",
        "changes": "Veloitusten muutoksen selitys",
        "devices": "Laitteiden ikä ja ensi vuoden vaihdot",
        "clock": "Vuosikello",
        "header": "Perustiedot",
    },
    "en": {
        "plan": "Customer care plan",
        "projects": "Development projects",
        "critical_services": "Critical services' regular actions",
        "recurring_events": "Recurring events (next 12 months)",
        "small_needs": "Small development needs",
        "marketing": "Customer-specific marketing actions",
        "agreements": "Agreements between city management and the customer",
        "potential": "Outlook (potential score)",
        "history": "Change history",
        "charges": "Charges by service",
        "changes": "Explanation of the charge change",
        "devices": "Device age and next year's replacements",
        "clock": "Annual clock",
        "header": "Key facts",
    },
}

COLUMNS = {
    "fi": {
        "name": "Projektin nimi", "start_date": "Alku", "end_date": "Arvioitu päätös",
        "project_manager": "Projektipäällikkö", "budget_eur": "Budjetti", "it_representative":
        "IT:n edustus", "action": "Toimenpide", "priority": "Prioriteetti",
        "application": "Järjestelmä", "updates_per_year": "Päivityksiä / vuosi",
        "next_update_month": "Seuraava päivitys", "customer_contact": "Asiakkaan yhteyshenkilö",
        "vendor": "Sovellustoimittaja", "maintenance": "Ylläpito", "it_resources":
        "Resurssit IT:stä", "criticality": "Kriittisyys",
        "month": "Ajankohta", "what": "Toimenpide (mitä)", "who": "Vastuutaho (kuka)",
        "to_whom": "Vastaanottaja (kenelle)", "where": "Sijainti (missä)",
        "customer_name": "Asiakas",
        "need": "Tarve", "impact": "Vaikuttavuus", "observed_date": "Tarve havaittu",
        "is_budgeted": "Onko budjetoitu", "fits_environment": "Sopiiko ympäristöön",
        "target": "Kohde / ajankohta", "agreement": "Sovittu asia", "agreed_date": "Sovittu",
        "score": "Pisteet (1–10)", "justification": "Perustelu",
        "updated_by": "Muokannut", "updated_at": "Muokattu",
        "changed_at": "Aika", "changed_by": "Kuka", "section": "Osio",
        "change": "Muutos", "old": "Vanha", "new": "Uusi",
        "service": "Palvelu", "previous_value_eur": "Ed. 12 kk", "current_value_eur":
        "12 kk", "change_eur": "Muutos", "volume_effect_eur": "Määrävaikutus",
        "price_effect_eur": "Hintavaikutus", "new_service_eur": "Uudet palvelut",
        "ended_service_eur": "Päättyneet palvelut", "other_effect_eur": "Muu",
        "amount_eur": "Veloitus", "age_years": "Ikä (v)", "devices": "Laitteita",
        "due_next_year": "Vaihdettavia ensi vuonna",
        "replacement_cost_next_year_eur": "Vaihtojen kustannus",
    },
    "en": {
        "name": "Project", "start_date": "Start", "end_date": "Planned end",
        "project_manager": "Project manager", "budget_eur": "Budget", "it_representative":
        "IT representative", "action": "Action", "priority": "Priority",
        "application": "System", "updates_per_year": "Updates / year",
        "next_update_month": "Next update", "customer_contact": "Customer contact",
        "vendor": "Vendor", "maintenance": "Maintenance", "it_resources": "IT resources",
        "criticality": "Criticality",
        "month": "When", "what": "What", "who": "Who", "to_whom": "To whom", "where": "Where",
        "customer_name": "Customer",
        "need": "Need", "impact": "Impact", "observed_date": "Observed", "is_budgeted":
        "Budgeted?", "fits_environment": "Fits the environment?",
        "target": "Target / when", "agreement": "Agreement", "agreed_date": "Agreed",
        "score": "Score (1–10)", "justification": "Justification",
        "updated_by": "Edited by", "updated_at": "Edited",
        "changed_at": "When", "changed_by": "Who", "section": "Section",
        "change": "Change", "old": "Old", "new": "New",
        "service": "Service", "previous_value_eur": "Previous 12 months", "current_value_eur":
        "12 months", "change_eur": "Change", "volume_effect_eur": "Volume",
        "price_effect_eur": "Price", "new_service_eur": "New services",
        "ended_service_eur": "Ended services", "other_effect_eur": "Other",
        "amount_eur": "Charges", "age_years": "Age (years)", "devices": "Devices",
        "due_next_year": "Due next year", "replacement_cost_next_year_eur": "Replacement cost",
    },
}

HEADER = {
    "fi": {
        "customer": "Asiakas", "updated": "Suunnitelma päivitetty", "segment": "Segmentti",
        "customer_type": "Asiakastyyppi",
        "partnership_manager": "Kumppanuuspäällikkö", "customer_contact":
        "Asiakkaan yhteyshenkilö", "current_value_eur": "Veloitukset 12 kk",
        "value_change_eur": "Muutos edelliseen 12 kk:een", "staff": "Henkilöstö (muutos)",
        "potential_score": "Potentiaaliarvo (1–10)", "lifetime_value_eur": "Elinkaariarvo 3 v",
        "potential_value_eur": "Potentiaaliarvo €", "abc_class": "ABC-luokka",
        "margin_eur": "Kate", "margin_pct": "Kate %", "as_of_month": "Tilanne",
    },
    "en": {
        "customer": "Customer", "updated": "Plan updated", "segment": "Segment",
        "customer_type": "Customer type",
        "partnership_manager": "Partnership manager", "customer_contact": "Customer contact",
        "current_value_eur": "Charges, 12 months", "value_change_eur":
        "Change vs previous 12 months", "staff": "Staff (change)", "potential_score":
        "Potential score (1–10)", "lifetime_value_eur": "Lifetime value, 3 years",
        "potential_value_eur": "Potential value", "abc_class": "ABC class",
        "margin_eur": "Margin", "margin_pct": "Margin %", "as_of_month": "As of",
    },
}

# The thesis's annual clock (domain.md): month, what, who, to whom, where; `shared` events are
# the same for every customer, the others happen with each customer.
ANNUAL_CLOCK = [
    (3, "IT-messut", "Hallintopalvelut", "Asiakas", "IT", True),
    (4, "Budjettiarvojen toimitus", "Palveluhallinta", "Kumppanuushallinta", "IT", True),
    (5, "Budjettitapaaminen", "Kumppanuushallinta", "Asiakas", "Asiakkaalla", False),
    (8, "Asiakastyytyväisyyskysely", "Hallintopalvelut", "Asiakas", "WWW", True),
    (10, "Kyselyn analysointi", "Hallintopalvelut", "IT:n johto", "IT", True),
    (11, "Budjettiarvojen toimitus", "Palveluhallinta", "Kumppanuushallinta", "IT", True),
    (12, "Budjettitapaaminen", "Kumppanuushallinta", "Asiakas", "Asiakkaalla", False),
]

EVENT_KINDS = {
    "fi": {"annual_clock": "Vuosikello", "application_update": "Sovelluspäivitys",
           "device_replacement": "Laitevaihdot"},
    "en": {"annual_clock": "Annual clock", "application_update": "Application update",
           "device_replacement": "Device replacements"},
}

MAINTENANCE = {"IT-palvelut": "IT", "Toimittaja": "Ulkoinen", "Jaettu": "IT ja ulkoinen",
               "Asiakas": "Asiakas"}


def title(key: str, lang: str = "fi") -> str:
    return TITLES.get(lang, TITLES["fi"]).get(key, key)


def column(name: str, lang: str = "fi") -> str:
    return COLUMNS.get(lang, COLUMNS["fi"]).get(name, name)


def header(name: str, lang: str = "fi") -> str:
    return HEADER.get(lang, HEADER["fi"]).get(name, name)
