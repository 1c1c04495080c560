"""fi/en texts of a care-plan save on its way into the figures (`edits_`,
dashboard/widgets/edits.py)."""

from __future__ import annotations

EDITS_LABELS: dict[str, dict[str, str]] = {
    "fi": {
        "edits_updating": "Päivitetään tallennuksesi lukuihin… ({seconds} s)",
        "edits_shown": "Tallennus näkyy nyt kaikilla sivuilla ja raporteissa ({seconds} s).",
        "edits_waiting_refresh": ("Tallennettu. Luvut päivittyvät, kun käynnissä oleva "
                                  "tietojen päivitys on valmis."),
        "edits_waiting_site": ("Tallennettu. Luvut päivittyvät seuraavassa tietojen "
                               "päivityksessä (`asiakastieto refresh`), koska sivuston "
                               "asetukset ovat muuttuneet sen jälkeen."),
        "edits_no_warehouse": ("Tallennettu. Luvut näkyvät, kun tietovarasto on rakennettu "
                               "ensimmäisen kerran."),
        "edits_failed": ("Tallennettu, mutta lukujen päivitys epäonnistui. Ylläpito näkee syyn "
                         "komennolla `asiakastieto status`; luvut päivittyvät viimeistään "
                         "seuraavassa tietojen päivityksessä."),
        "edits_slow": ("Tallennettu. Lukujen päivitys kestää tavallista kauemmin; ne "
                       "päivittyvät taustalla. Lataa sivu hetken päästä uudelleen."),
    },
    "en": {
        "edits_updating": "Updating the figures with your save… ({seconds} s)",
        "edits_shown": "Your save now shows on every page and in the packs ({seconds} s).",
        "edits_waiting_refresh": ("Saved. The figures update when the data refresh that is "
                                  "running has finished."),
        "edits_waiting_site": ("Saved. The figures update on the next data refresh "
                               "(`asiakastieto refresh`): the site's settings changed since "
                               "the last one."),
        "edits_no_warehouse": "Saved. The figures show once the warehouse is first built.",
        "edits_failed": ("Saved, but updating the figures failed. An administrator sees why "
                         "with `asiakastieto status`; the figures update on the next data "
                         "refresh at the latest."),
        "edits_slow": ("Saved. Updating the figures takes longer than usual; they update in "
                       "the background. Reload the page in a moment."),
    },
}
