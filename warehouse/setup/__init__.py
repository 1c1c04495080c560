"""Discovery: profile the landed extracts and list what the site must decide, largest euros
first (docs/onboarding.md). Suggestions go to a draft folder; only `accept` changes the site."""

from __future__ import annotations

from pathlib import Path

from warehouse.setup import profile, suggest, worklist
from warehouse.setup.draft import accept, draft_files, write_draft
from warehouse.setup.profile import Discovery
from warehouse.site import Site

__all__ = ["Discovery", "accept", "discover", "draft_files", "draft_for", "write_draft"]


def discover(site: Site, raw: Path, warehouse: Path | None = None) -> Discovery:
    """What the raw store holds that the site has not decided; read-only on both stores."""
    found = Discovery()
    if not Path(raw).exists():
        return found
    with profile.connect(raw) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "raw_sap_charges" in tables:
            profile.site_tables(con, site)
            found.senders = profile.sender_candidates(con)
            found.codes = profile.unknown_codes(con, found.senders)
            found.unmapped = worklist.unmapped_raw(con)
        found.labels = worklist.loose_labels(con)
        if "raw_sap_costs" in tables:
            found.has_costs = bool(con.execute("SELECT count(*) FROM raw_sap_costs"
                                               ).fetchone()[0])
            found.unpooled = profile.unpooled_costs(con, site) if found.has_costs else []
    published = worklist.unmapped_published(warehouse) if warehouse else None
    if published is not None:
        found.unmapped, found.unmapped_from = published, f"published warehouse {warehouse}"
    found.suggestions = suggest.suggestions(found.codes, site.tables["service_catalogue"])
    return found


def draft_for(found: Discovery) -> dict[str, str]:
    """The draft folder's files (name → CSV text) of a discovery."""
    return draft_files(found.suggestions, found.senders, found.unmapped)
