"""The sources' owners shown on the data page (its documentation links: `docs`).

OWNERS and the catalogue's owners (`owner_<source>`) mirror the `meta` of
dbt_project/models/staging/_raw__sources.yml (system, owner, owner_en, refresh); change both
together (tests/dashboard/test_page_language.py compares them).
"""

from __future__ import annotations

import pandas as pd

from dashboard import i18n

# source -> (system, refresh); the owner's name is in the catalogue (`owner_<source>`, the
# meta's `owner` and `owner_en`).
OWNERS = {
    "sap_charges": ("SAP CO", "monthly"),
    "sap_costs": ("SAP CO", "monthly"),
    "sap_invoices": ("SAP FI", "monthly"),
    "sap_cost_centres": ("SAP CO", "monthly"),
    "sap_headcount": ("SAP HR", "quarterly"),
    "applications": ("Saabe", "monthly"),
    "sccm": ("SCCM", "monthly"),
    "register": ("Excel", "on change"),
}


def with_owners(loads: pd.DataFrame, quality: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    """One row per source: system, owner and refresh, then the loads, mapped share and checks."""
    owners = pd.DataFrame(
        [(source, system, i18n.t(f"owner_{source}", lang),
          i18n.t(f"refresh_{refresh.replace(' ', '_')}", lang))
         for source, (system, refresh) in OWNERS.items()],
        columns=["source", "system", "owner", "refresh"],
    )
    merged = owners.merge(loads, on="source", how="outer")
    if quality is not None:
        merged = merged.merge(quality[["source", "checks", "failed", "quality_score"]],
                              on="source", how="left")
    return merged

