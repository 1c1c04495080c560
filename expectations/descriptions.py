"""What each check tells the data steward, in English and in Finnish, keyed by the check's code.

A suite writes the English text as the expectation's `description` (GX's own field: the Data
Docs and the CLI's summary show it) and the Finnish one, with the code, into its `meta`
(`description_fi`, `check`); `data_quality_results` keeps both, so the dashboard's data page
speaks the page's language. Every text says what is wrong and what to do; `{name}` fields are
filled by the suite.
"""

from __future__ import annotations

# code -> (English, Finnish)
TEXTS: dict[str, tuple[str, str]] = {
    "code_digits": (
        "{what_en} are digits only (leading zeros and Excel's .0 are fine). Re-export the file "
        "from SAP as text; do not open and save it in Excel.",
        "{what_fi} ovat pelkkiä numeroita (etunollat ja Excelin .0 käyvät). Vie tiedosto "
        "SAPista uudelleen tekstinä; älä avaa ja tallenna sitä Excelissä."),
    "amount_absurd": (
        "No absurd amounts (over 100 M€ on one line): a code or a date has landed in the "
        "amount column; check the file's columns.",
        "Ei mahdottomia summia (yli 100 M€ yhdellä rivillä): summasarakkeeseen on päätynyt "
        "koodi tai päivämäärä; tarkista tiedoston sarakkeet."),
    "amount_large": (
        "Lines over 5 M€ are rare: confirm them with the controller.",
        "Yli 5 M€:n rivit ovat harvinaisia: varmista ne controllerilta."),
    "charges_period": (
        "Periods are 1-16 (13-16 special periods).",
        "Kaudet ovat 1–16 (13–16 ovat erikoiskausia)."),
    "charges_fiscal_year": (
        "Fiscal years are four-digit years.",
        "Tilikaudet ovat nelinumeroisia vuosia."),
    "charges_unique": (
        "A file repeats a posting (fiscal year, document, row) within itself: the export is "
        "duplicated; export it again once.",
        "Tiedosto toistaa saman kirjauksen (tilikausi, tosite, rivi): poiminta on kahdentunut; "
        "tee poiminta uudelleen kerran."),
    "charges_posting_date": (
        "Posting dates lie within the fiscal period of the line (±45 days).",
        "Kirjauspäivät osuvat rivin tilikauteen (±45 päivää)."),
    "charges_activity_type": (
        "The file has the activity type (Suoritelaji) column: without it charges cannot be "
        "split by service. Use a layout variant with LSTAR.",
        "Tiedostossa on suoritelajisarake: ilman sitä veloituksia ei voi jakaa palveluittain. "
        "Käytä asettelua, jossa on LSTAR."),
    "charges_quantity": (
        "The file has the quantity column (Kokonaismäärä): without it billed units cannot be "
        "reconciled with devices.",
        "Tiedostossa on määräsarake (Kokonaismäärä): ilman sitä laskutettuja yksiköitä ei voi "
        "täsmäyttää laitteisiin."),
    "charges_in_master": (
        "Every billed cost centre exists in the cost-centre master: load a newer master "
        "extract (landing folder sap_cost_centres/) if codes are missing.",
        "Jokainen veloitettu kustannuspaikka löytyy kustannuspaikkojen perustiedoista: tuo "
        "uudempi perustietopoiminta (kansio sap_cost_centres/), jos koodeja puuttuu."),
    "costs_unique": (
        "A file repeats a cost line (fiscal year, document, row) within itself: the export is "
        "duplicated; export it again once.",
        "Tiedosto toistaa saman kustannusrivin (tilikausi, tosite, rivi): poiminta on "
        "kahdentunut; tee poiminta uudelleen kerran."),
    "costs_on_senders": (
        "The cost lines are on the IT centre's own cost centres (sender_cost_centres.csv of "
        "the site): a line on another cost centre is not the centre's cost. Check the "
        "extract's cost-centre group, or add the cost centre to sender_cost_centres.csv.",
        "Kustannusrivit ovat IT-keskuksen omilla kustannuspaikoilla (sivuston tiedosto "
        "sender_cost_centres.csv): muun kustannuspaikan rivi ei ole keskuksen kustannus. "
        "Tarkista poiminnan kustannuspaikkaryhmä tai lisää kustannuspaikka tiedostoon "
        "sender_cost_centres.csv."),
    "invoices_document_number": (
        "Every invoice line has a document number.",
        "Jokaisella laskurivillä on tositenumero."),
    "invoices_unique": (
        "A file repeats an invoice within itself: export it again once.",
        "Tiedosto toistaa saman laskun: tee poiminta uudelleen kerran."),
    "invoices_document_type": (
        "Document types are invoices (DR, RV), credit notes (DG) or clearing (DA, AB); other "
        "types may need a sign rule.",
        "Tositelajit ovat laskuja (DR, RV), hyvityksiä (DG) tai selvityksiä (DA, AB); muut "
        "lajit voivat tarvita etumerkkisäännön."),
    "cost_centres_validity": (
        "A validity period ends before it starts: check DATAB/DATBI.",
        "Voimassaolo päättyy ennen kuin alkaa: tarkista DATAB/DATBI."),
    "headcount_range": (
        "Headcount per cost centre is 0-20 000.",
        "Henkilöstömäärä kustannuspaikalla on 0–20 000."),
    "applications_criticality": (
        "Criticality is 1 Kriittinen .. 4 Matala.",
        "Kriittisyys on 1 Kriittinen … 4 Matala."),
    "sccm_hardware_id": (
        "Devices have a hardware id (duplicates collapse on it).",
        "Laitteilla on laitetunniste (saman laitteen rivit yhdistetään sen mukaan)."),
    "sccm_client": (
        "The report has the Client0 column: without it no device counts as active. Add "
        "Client0 to the SCCM report.",
        "Raportissa on Client0-sarake: ilman sitä yksikään laite ei ole aktiivinen. Lisää "
        "Client0 SCCM-raporttiin."),
    "register_unique": (
        "Customer ids are unique in the register: fix the duplicate row.",
        "Asiakastunnukset ovat rekisterissä yksilöllisiä: korjaa kahdentunut rivi."),
    "register_type": (
        "Customer types are those of customer_types.csv in the site folder: correct the "
        "register, or add the name to that type's names.",
        "Asiakastyypit ovat sivuston kansion tiedoston customer_types.csv tyyppejä: korjaa "
        "rekisteri tai lisää nimi tyypin nimiin."),
    "register_segment": (
        "Segments are 1-5.",
        "Segmentit ovat 1–5."),
    "register_potential": (
        "Potential scores are 1-10.",
        "Potentiaaliarvot ovat 1–10."),
    "register_business_id": (
        "Business ids (Y-tunnus) must pass the checksum: correct them in the register.",
        "Y-tunnusten tarkistusmerkin on täsmättävä: korjaa ne rekisteriin."),
    "audit_rejected": (
        "Ingest rejected the file (nothing of it was loaded): fix what the message says and "
        "put the file back in the landing folder.",
        "Lataus hylkäsi tiedoston (siitä ei ladattu mitään): korjaa viestin kertoma asia ja "
        "palauta tiedosto saapumiskansioon."),
    "audit_cut": (
        "The file looks truncated (no end rule or a cut last line): export it again "
        "completely.",
        "Tiedosto näyttää katkenneelta (ei loppuviivaa tai viimeinen rivi kesken): tee "
        "poiminta uudelleen kokonaan."),
    "audit_row_limit": (
        "Exactly 5 000 / 10 000 rows: the export may have hit SAP's row limit; check the "
        "selection and export without a limit.",
        "Tasan 5 000 / 10 000 riviä: poiminta on voinut osua SAPin rivirajaan; tarkista "
        "valinta ja poimi ilman rajaa."),
    "audit_quarantine_fail": (
        "Over 10 % of the file's rows were quarantined (e.g. codes Excel turned into "
        "1,23457E+11): see the quarantine table and re-export.",
        "Yli 10 % tiedoston riveistä meni karanteeniin (esim. koodit, jotka Excel muutti "
        "muotoon 1,23457E+11): katso karanteenitaulukko ja tee poiminta uudelleen."),
    "audit_quarantine_warn": (
        "Over 2 % of the file's rows were quarantined: see the quarantine table.",
        "Yli 2 % tiedoston riveistä meni karanteeniin: katso karanteenitaulukko."),
    "streams_collapse": (
        "The newest file has under 10 % of the rows (per month or snapshot) of the previous "
        "file of the same source: the extract collapsed; check its selection.",
        "Uusimmassa tiedostossa on alle 10 % saman lähteen edellisen tiedoston riveistä "
        "(kuukautta tai tilannekuvaa kohden): poiminta on romahtanut; tarkista sen valinta."),
    "streams_drop": (
        "The newest file has under half the rows of the previous one: check the selection "
        "(cost-centre group, period, domain).",
        "Uusimmassa tiedostossa on alle puolet edellisen riveistä: tarkista valinta "
        "(kustannuspaikkaryhmä, kausi, toimialue)."),
    "streams_fresh": (
        "Each source is fresh: its newest data lags the newest data of all sources by no more "
        "than 45 days (headcount 100, register 400). Land a newer extract.",
        "Jokainen lähde on tuore: sen uusin tieto on enintään 45 päivää kaikkien lähteiden "
        "uusinta jäljessä (henkilöstö 100, rekisteri 400). Tuo uudempi poiminta."),
    "unclassified_share": (
        "Charges whose code is not in the site's service catalogue are at most {limit_en} of "
        "the charged euros of the last 12 months.{found_en} Add the codes to "
        "service_catalogue.csv in the site folder (asiakastieto setup --landing DIR suggests "
        "rows).",
        "Veloitukset, joiden koodia ei ole sivuston palveluluettelossa, ovat enintään "
        "{limit_fi} viimeisen 12 kk:n veloitetuista euroista.{found_fi} Lisää koodit sivuston "
        "kansion tiedostoon service_catalogue.csv (asiakastieto setup --landing KANSIO "
        "ehdottaa rivejä)."),
    "volume": (
        "The source has no rows, but the site requires it or earlier files of it had rows: "
        "put its extract in the folder named here and refresh again.",
        "Lähteessä ei ole rivejä, vaikka sivusto vaatii sen tai sen aiemmissa tiedostoissa oli "
        "rivejä: tuo sen poiminta tässä nimettyyn kansioon ja päivitä uudelleen."),
    "billing_gap": (
        "Active devices (SCCM) and billed workstation units differ by at most 10 % for 95 % of "
        "customers in the latest month.",
        "Aktiiviset laitteet (SCCM) ja laskutetut työasemayksiköt eroavat enintään 10 % "
        "95 %:lla asiakkaista viimeisimpänä kuukautena."),
    "customers_count": (
        "Every customer of the newest register is among the warehouse's customers.",
        "Jokainen uusimman rekisterin asiakas on tietovaraston asiakkaissa."),
    "customers_value": (
        "No customer's 12-month charges are absurd.",
        "Yhdenkään asiakkaan 12 kk:n veloitukset eivät ole mahdottomia."),
}


def described(code: str, show: str | None = None, **values: str) -> dict:
    """An expectation's `description` and `meta` (check code, Finnish text, and the column a
    failing example shows) for check `code`, its `{name}` fields filled from `values`."""
    english, finnish = TEXTS[code]
    meta = {"check": code, "description_fi": finnish.format(**values)}
    if show:
        meta["show"] = show
    return {"description": english.format(**values), "meta": meta}
