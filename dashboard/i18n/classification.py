"""fi/en labels of the "needs classification" state and of the unclassified charges and site
history on the data page."""

from __future__ import annotations

CLASSIFICATION_LABELS: dict[str, dict[str, str]] = {
    "fi": {
        "needs_classification": "Luokittelua tarvitaan",
        "classified": "Luokiteltu",
        "needs_classification_with": "Luokittelua tarvitaan (luokittelemattomat {eur})",
        "customer_needs_classification": "Luokittelua tarvitaan: asiakkaalla on"
        " luokittelemattomia veloituksia {eur} (12 kk), joten palvelun kustannusta ja katetta"
        " ei tiedetä. Koodit ja korjausohje: Tiedot-sivu.",
        "needs_classification_note": "Luokittelua tarvitaan: {customers} asiakkaalla on"
        " luokittelemattomia veloituksia ({eur}). Niiden palvelun kustannusta ja katetta ei"
        " tiedetä, joten ne eivät ole mukana katteen summassa. Katso Tiedot-sivu.",
        "whale_left_out": "Käyrällä vain asiakkaat, joiden kate tiedetään: {customers}"
        " asiakasta jätetty pois (luokittelemattomat veloitukset {eur}).",
        "billing_left_out": "Laskuttamatta- ja ylilaskutettu-summat eivät sisällä"
        " {months} asiakaskuukautta, joilla luokittelua tarvitaan (luokittelemattomat {eur}):"
        " niiden laskutettuja laitteita ei tiedetä.",
        "billing_needs_title": "Kuukaudet, joilla luokittelua tarvitaan",
        "segmentation_note": "Luokittelua tarvitaan: {customers} asiakkaalla on"
        " luokittelemattomia veloituksia ({eur}); veloitukset ovat mukana arvossa, mutta"
        " kustannusta ja katetta ei tiedetä.",
        "budget_incomplete": "Ehdotus on puutteellinen – luokittelua tarvitaan:"
        " {customers}: luokittelemattomat veloitukset {eur} (12 kk) eivät ole millään"
        " ehdotuksen rivillä. Lisää koodit palveluluetteloon (Tiedot-sivu).",
        "unclassified_title": "Luokittelemattomat veloitukset",
        "unclassified_caption": "Veloitukset, joiden koodi (suoritelaji tai laskun teksti) ei"
        " ole palveluluettelossa, suurimmat ensin. Niiden asiakkaiden kustannusta, katetta,"
        " laskutuksen täsmäytystä ja budjettiehdotusta ei voi laskea ennen luokittelua.",
        "unclassified_fix": "Korjaus: lisää koodi tiedostoon `service_catalogue.csv`"
        " sijaintikansiossa ({folder}) tai aja `asiakastieto setup`, joka ehdottaa riviä; sitten"
        " `asiakastieto refresh`.",
        "unclassified_none": "Kaikki veloitukset on luokiteltu.",
        "site_title": "Sijainnin asetukset: {name}",
        "site_caption": "Sijaintikansion (palveluluettelo, lähettäjät, käytännöt) muutokset,"
        " uusimmat ensin.",
        "worklist_unmapped": "kohdistamaton",
        "worklist_unclassified": "luokittelematon koodi",
        "col_needs_classification": "Luokittelu",
        "col_unclassified_eur": "Luokittelemattomat",
        "col_code": "Koodi",
        "col_lines": "Rivejä",
        "col_sample_text": "Esimerkkiteksti",
        "col_first_row": "Ensimmäinen rivi",
        "col_months": "Kuukausia",
        "col_worklist_kind": "Tyyppi",
        "col_noticed_at": "Aika",
        "col_changed_by": "Kuka",
        "col_changed_via": "Miten",
        "col_site_file": "Tiedosto",
        "col_changed_key": "Avain",
        "col_change_kind": "Muutos",
        "col_detail": "Mitä muuttui",
        "col_note": "Huomautus",
        "col_classified_customers": "Asiakkaita (kate tiedossa)",
        "col_unclassified_customers": "Luokittelua tarvitaan",
    },
    "en": {
        "needs_classification": "Needs classification",
        "classified": "Classified",
        "needs_classification_with": "Needs classification (unclassified {eur})",
        "customer_needs_classification": "Needs classification: the customer has unclassified"
        " charges of {eur} (12 months), so its cost to serve and margin are unknown. The codes"
        " and how to fix them: Data page.",
        "needs_classification_note": "Needs classification: {customers} customers have"
        " unclassified charges ({eur}). Their cost to serve and margin are unknown, so they are"
        " not in the margin total. See the Data page.",
        "whale_left_out": "The curve shows only customers whose margin is known: {customers}"
        " customers left out (unclassified charges {eur}).",
        "billing_left_out": "The unbilled and overbilled totals exclude {months} customer-months"
        " that need classification (unclassified {eur}): their billed devices are unknown.",
        "billing_needs_title": "Months that need classification",
        "segmentation_note": "Needs classification: {customers} customers have unclassified"
        " charges ({eur}); the charges count in the value, but cost and margin are unknown.",
        "budget_incomplete": "The proposal is incomplete – needs classification:"
        " {customers}: unclassified charges of {eur} (12 months) are in no line of the"
        " proposal. Add the codes to the service catalogue (Data page).",
        "unclassified_title": "Unclassified charges",
        "unclassified_caption": "Charges whose code (activity type or invoice text) is not in the"
        " service catalogue, largest first. Those customers' cost, margin, billing"
        " reconciliation and budget proposal cannot be computed until the code is classified.",
        "unclassified_fix": "Fix: add the code to `service_catalogue.csv` in the site folder"
        " ({folder}), or run `asiakastieto setup`, which suggests a row; then"
        " `asiakastieto refresh`.",
        "unclassified_none": "Every charge is classified.",
        "site_title": "Site configuration: {name}",
        "site_caption": "Changes to the site folder (service catalogue, senders, policy),"
        " newest first.",
        "worklist_unmapped": "unmapped",
        "worklist_unclassified": "unclassified code",
        "col_needs_classification": "Classification",
        "col_unclassified_eur": "Unclassified",
        "col_code": "Code",
        "col_lines": "Lines",
        "col_sample_text": "Sample text",
        "col_first_row": "First row",
        "col_months": "Months",
        "col_worklist_kind": "Kind",
        "col_noticed_at": "When",
        "col_changed_by": "Who",
        "col_changed_via": "Via",
        "col_site_file": "File",
        "col_changed_key": "Key",
        "col_change_kind": "Change",
        "col_detail": "What changed",
        "col_note": "Note",
        "col_classified_customers": "Customers (margin known)",
        "col_unclassified_customers": "Needs classification",
    },
}
