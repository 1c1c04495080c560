"""The setup page's data: the discovery profile of the raw store (read-only), cached until the
raw store or the site changes. The only dashboard module that reads the raw store."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from warehouse import setup as discovery
from warehouse import site
from warehouse.config import Settings


@st.cache_data(ttl=300, show_spinner=False)
def _discover(folder: str, site_version: str, raw: str, raw_modified: float,
              warehouse: str) -> discovery.Discovery:
    return discovery.discover(site.load_site(Path(folder)), Path(raw), Path(warehouse))


def discover(settings: Settings, the_site: site.Site) -> discovery.Discovery:
    """What the landed extracts need decided (duckdb.Error while a load holds the store)."""
    return _discover(str(the_site.folder), site.version(the_site), str(settings.raw),
                     settings.raw.stat().st_mtime, str(settings.warehouse))
