"""The care plan's domain texts (the annual clock's events, maintenance names, event kinds) and
its labels, which live in the one catalogue (`dashboard.i18n`, keys `plan_title_`, `plan_col_`,
`plan_header_`, `clock_`, `maintenance_`)."""

from __future__ import annotations

from dashboard import i18n

# The thesis's annual clock (docs/definitions.md): month, what, who, to whom, where (catalogue
# keys `clock_…`); `shared` events are the same for every customer, the others happen with
# each customer.
ANNUAL_CLOCK = [
    (3, "it_fair", "admin_services", "customer", "it", True),
    (4, "budget_values", "service_management", "partnership_management", "it", True),
    (5, "budget_meeting", "partnership_management", "customer", "at_customer", False),
    (8, "survey", "admin_services", "customer", "web", True),
    (10, "survey_analysis", "admin_services", "it_management", "it", True),
    (11, "budget_values", "service_management", "partnership_management", "it", True),
    (12, "budget_meeting", "partnership_management", "customer", "at_customer", False),
]

EVENT_KINDS = {
    "fi": {"annual_clock": "Vuosikello", "application_update": "Sovelluspäivitys",
           "device_replacement": "Laitevaihdot"},
    "en": {"annual_clock": "Annual clock", "application_update": "Application update",
           "device_replacement": "Device replacements"},
}


def clock(key: str, lang: str = "fi", **values: object) -> str:
    """An annual clock text (`clock_<key>`) in `lang`."""
    return i18n.t(f"clock_{key}", lang, **values)


def maintenance(value: object, lang: str = "fi", who: bool = False) -> object:
    """The application register's maintenance value (IT-palvelut, Toimittaja, Jaettu, Asiakas)
    in `lang`: short for the critical services table, or as the one who does it (`who`)."""
    if not isinstance(value, str):
        return value
    return i18n.named("maintainer_" if who else "maintenance_", value, lang)


def _label(key: str, name: str, lang: str) -> str:
    """The catalogue's label, or `name` itself when the catalogue has none."""
    return i18n.t(key, lang) if key in i18n.LABELS[i18n.DEFAULT_LANG] else name


def title(key: str, lang: str = "fi") -> str:
    return _label(f"plan_title_{key}", key, lang)


def column(name: str, lang: str = "fi") -> str:
    return _label(f"plan_col_{name}", name, lang)


def header(name: str, lang: str = "fi") -> str:
    return _label(f"plan_header_{name}", name, lang)
