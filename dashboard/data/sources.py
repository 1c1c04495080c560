"""The sources' owners shown on the data page (its documentation links: `docs`).

OWNERS mirrors the `meta` of dbt_project/models/staging/_raw__sources.yml (system, owner,
refresh); change both together.
"""

from __future__ import annotations

import pandas as pd

from dashboard import i18n

OWNERS = {
    "sap_charges": ("SAP CO", "Talouspalvelut / controller of the IT centre", "monthly"),
    "sap_invoices": ("SAP FI", "Talouspalvelut / sales ledger", "monthly"),
    "sap_cost_centres": ("SAP CO", "Talouspalvelut / master data", "monthly"),
    "sap_headcount": ("SAP HR", "Henkilöstöpalvelut", "quarterly"),
    "applications": ("Saabe", "ICT-palvelut / application management", "monthly"),
    "sccm": ("SCCM", "ICT-palvelut / workstation service", "monthly"),
    "register": ("Asiakasrekisteri", "Kumppanuuspäälliköt", "on change"),
}


def with_owners(loads: pd.DataFrame, quality: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    """One row per source: system, owner and refresh, then the loads, mapped share and checks."""
    owners = pd.DataFrame(
        [(source, system, owner, i18n.t(f"refresh_{refresh.replace(' ', '_')}", lang))
         for source, (system, owner, refresh) in OWNERS.items()],
        columns=["source", "system", "owner", "refresh"],
    )
    merged = owners.merge(loads, on="source", how="outer")
    if quality is not None:
        merged = merged.merge(quality[["source", "checks", "failed", "quality_score"]],
                              on="source", how="left")
    return merged

