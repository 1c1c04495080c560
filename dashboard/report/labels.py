"""The care plan's domain texts (the annual clock's events, maintenance names, event kinds) and
its labels, which live in the one catalogue (`dashboard.i18n`, keys `plan_title_`, `plan_col_`,
`plan_header_`)."""

from __future__ import annotations

from dashboard import i18n

# The thesis's annual clock (docs/definitions.md): month, what, who, to whom, where;
# `shared` events are the same for every customer, the others happen with each customer.
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


def _label(key: str, name: str, lang: str) -> str:
    """The catalogue's label, or `name` itself when the catalogue has none."""
    return i18n.t(key, lang) if key in i18n.LABELS[i18n.DEFAULT_LANG] else name


def title(key: str, lang: str = "fi") -> str:
    return _label(f"plan_title_{key}", key, lang)


def column(name: str, lang: str = "fi") -> str:
    return _label(f"plan_col_{name}", name, lang)


def header(name: str, lang: str = "fi") -> str:
    return _label(f"plan_header_{name}", name, lang)
