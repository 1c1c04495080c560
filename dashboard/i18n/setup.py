"""Finnish and English labels of the setup page (director only)."""

from __future__ import annotations

SETUP_LABELS: dict[str, dict[str, str]] = {
    "fi": {
        "page_setup": "Käyttöönotto",
        "setup_title": "Käyttöönotto: mitä aineistot vaativat päätettäväksi",
        "setup_caption": "Ladatuista aineistoista löytyneet asiat, joita sivuston asetuksissa"
        " ei ole vielä päätetty, suurimmat eurot ensin. Ehdotukset kirjoitetaan luonnokseksi"
        " ({draft}); voimassa oleviin asetuksiin ne siirtyvät vasta komennolla"
        " `asiakastieto setup --accept`.",
        "setup_denied": "Käyttöönotto on vain johtajan roolille.",
        "setup_no_site": "Sivuston asetuksia ei voi lukea ({folder}). Luo ne komennolla"
        " `asiakastieto setup --landing KANSIO`.",
        "setup_no_raw": "Aineistoja ei ole vielä ladattu ({raw}): aja `asiakastieto setup"
        " --landing KANSIO`.",
        "setup_busy": "Raakavarasto on juuri käytössä (lataus käynnissä?): yritä hetken päästä.",
        "setup_codes": "1. Koodit, joita palveluluettelossa ei ole",
        "setup_codes_caption": "Veloitusrivien suoritelajit ja laskujen tekstit, joita"
        " palveluluettelo ei tunne; ehdotus samankaltaisimman palvelun mukaan.",
        "setup_senders": "2. Kustannuspaikat, jotka käyttäytyvät lähettäjinä",
        "setup_senders_caption": "Enimmäkseen hyvityksiä, joiden vastinveloitukset nimeävät"
        " ne kumppanikustannuspaikaksi; eivät vielä tiedostossa sender_cost_centres.csv.",
        "setup_unmapped": "3. Tietueet, joita mikään rekisterin sääntö ei kohdista",
        "setup_unmapped_caption": "Lähde: {source}. Lisää nämä asiakasrekisteriin.",
        "setup_from_warehouse": "julkaistu tietovarasto {path}",
        "setup_from_raw": "raakavarasto (arvio ennen ensimmäistä koontia)",
        "setup_labels": "4. Väljästi tunnistetut sarakeotsikot",
        "setup_labels_caption": "Lisää tarkat otsikot tiedostoon labels.csv.",
        "setup_unpooled": "5. Toteutuneet kustannusrivit ilman kustannuspoolia",
        "setup_unpooled_caption": "Nämä jäävät kohdistamatta: lisää niille säännöt tiedostoon "
        "cost_pools.csv.",
        "setup_no_costs": "Kansiossa sap_costs/ ei ole toteutuneita kustannuksia: kannattavuus "
        "lasketaan luettelohinnan kustannuksista.",
        "col_cost_element": "Kustannuslaji",
        "setup_draft": "Luonnos",
        "setup_write_draft": "Kirjoita luonnos",
        "setup_draft_written": "Luonnos kirjoitettu: {folder}",
        "setup_download_catalogue": "Lataa luonnos: service_catalogue.csv",
        "setup_download_senders": "Lataa luonnos: sender_cost_centres.csv",
        "col_units": "Yksiköt",
        "col_receivers": "Vastaanottajia",
        "col_samples": "Esimerkkitekstejä",
        "col_suggestion": "Ehdotus",
        "col_confidence": "Varmuus",
        "col_cost_centre": "Kustannuspaikka",
        "col_name": "Nimi",
        "col_members": "Kustannuspaikkoja",
        "col_credits": "Hyvitykset",
        "col_partner_lines": "Kumppanina riveillä",
        "col_partner_debits": "Vastinveloitukset",
        "col_key": "Tunniste",
        "col_warning": "Varoitus",
    },
    "en": {
        "page_setup": "Setup",
        "setup_title": "Setup: what your extracts need decided",
        "setup_caption": "What the landed extracts hold that the site has not decided yet,"
        " largest euros first. Suggestions are written as a draft ({draft}); they reach the"
        " live site only through `asiakastieto setup --accept`.",
        "setup_denied": "Setup is for the director role only.",
        "setup_no_site": "The site configuration cannot be read ({folder}). Create it with"
        " `asiakastieto setup --landing DIR`.",
        "setup_no_raw": "No extracts landed yet ({raw}): run `asiakastieto setup --landing DIR`.",
        "setup_busy": "The raw store is in use (a load running?): try again in a moment.",
        "setup_codes": "1. Codes not in the service catalogue",
        "setup_codes_caption": "Activity types of charge lines and invoice texts the"
        " catalogue does not know; suggested after the most similar service.",
        "setup_senders": "2. Cost centres that behave like senders",
        "setup_senders_caption": "Mostly credits, mirrored by debits naming them as partner"
        " cost centre; not yet in sender_cost_centres.csv.",
        "setup_unmapped": "3. Records no register rule maps",
        "setup_unmapped_caption": "From: {source}. Add these to the customer register.",
        "setup_from_warehouse": "the published warehouse {path}",
        "setup_from_raw": "the raw store (an approximation before the first build)",
        "setup_labels": "4. Header labels matched only loosely",
        "setup_labels_caption": "Add the exact labels to labels.csv.",
        "setup_unpooled": "5. Actual cost lines without a cost pool",
        "setup_unpooled_caption": "These stay unallocated: add rules for them to "
        "cost_pools.csv.",
        "setup_no_costs": "No actual costs in sap_costs/: profitability rests on catalogue "
        "costs.",
        "col_cost_element": "Cost element",
        "setup_draft": "Draft",
        "setup_write_draft": "Write the draft",
        "setup_draft_written": "Draft written: {folder}",
        "setup_download_catalogue": "Download draft: service_catalogue.csv",
        "setup_download_senders": "Download draft: sender_cost_centres.csv",
        "col_units": "Units",
        "col_receivers": "Receivers",
        "col_samples": "Sample texts",
        "col_suggestion": "Suggestion",
        "col_confidence": "Confidence",
        "col_cost_centre": "Cost centre",
        "col_name": "Name",
        "col_members": "Cost centres",
        "col_credits": "Credits",
        "col_partner_lines": "Named as partner",
        "col_partner_debits": "Partner debits",
        "col_key": "Key",
        "col_warning": "Warning",
    },
}
