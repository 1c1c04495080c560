"""Display names of coded values the dashboard shows (services, customer types, check
severities)."""

from __future__ import annotations

from dashboard.i18n.classification import CLASSIFICATION_LABELS

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
