"""Display names the warehouse owns: services (the `services` mart, with a row `unclassified`),
the activity types they are charged by (`reference.service_catalogue`) and customer types
(`reference.customer_types`), in Finnish and English.

A site names its own services and customer types (docs/site.md), so the dashboard takes the
names from the build rather than from a dictionary of its own. A code the warehouse does not
name shows as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from dashboard.data.reader import Reader

LANGS = ("fi", "en")


@dataclass(frozen=True)
class Names:
    """Per language: service code → name, activity type → its service line's name and
    customer type → name."""

    services: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    customer_types: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    activities: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def service(self, code: object, lang: str) -> str:
        return self.services.get(lang, {}).get(str(code), str(code))

    def activity(self, code: object, lang: str) -> str:
        """An activity type (`TYOAS`) by the name the catalogue gives it (Työasemapalvelu)."""
        return self.activities.get(lang, {}).get(str(code), str(code))

    def customer_type(self, code: object, lang: str) -> str:
        return self.customer_types.get(lang, {}).get(str(code), str(code))

    def types(self, lang: str) -> dict[str, str]:
        """Every customer type the site has, code → name."""
        return dict(self.customer_types.get(lang, {}))


def load(db: Reader) -> Names:
    """The services' and customer types' names of the warehouse `db` reads."""
    services = db.read(
        "SELECT service, service_name_fi, service_name_en FROM services ORDER BY service",
        "services",
    )
    types = db.read(
        """
        SELECT customer_type, name_fi, name_en
        FROM reference.customer_types
        ORDER BY customer_type
        """,
        "customer_types",
    )
    activities = db.read(
        """
        SELECT activity_type, service_name_fi, service_name_en
        FROM reference.service_catalogue
        ORDER BY activity_type
        """,
        "service_catalogue",
    )

    def by_lang(frame: pd.DataFrame, code: str, fi: str, en: str) -> dict[str, dict[str, str]]:
        return {lang: {str(row[code]): str(row[column]) for _, row in frame.iterrows()
                       if isinstance(row[column], str) and row[column]}
                for lang, column in zip(LANGS, (fi, en), strict=True)}

    return Names(by_lang(services, "service", "service_name_fi", "service_name_en"),
                 by_lang(types, "customer_type", "name_fi", "name_en"),
                 by_lang(activities, "activity_type", "service_name_fi", "service_name_en"))
