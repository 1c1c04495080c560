"""Links into the documentation the server shows behind its login (`dashboard/web/`): the
GX Data Docs and dbt docs sites next to the warehouse, a model's page in the dbt docs and
each check's validation page in the Data Docs.

The Data Docs list their validation pages in `checks.json` (written by
`expectations.docs.DocsWriter`): a check of a load links to that load's page, a check of a
source or mart to its page, a check per record (the file audit, the volumes) to the page of
its suite; anything else to the site's front page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from dashboard import web
from warehouse.config import settings

DBT_PROJECT = "asiakastieto"  # `name` in dbt_project/dbt_project.yml: the models' node ids
PAGES = "checks.json"  # expectations.docs.PAGES (the dashboard does not import GX)
LINK = "docs"  # the column of a table that holds a documentation link


def sites() -> dict[str, str | None]:
    """The Data Docs and dbt docs as served, None when not generated yet."""
    config = settings()
    found = {"data_docs": (config.data_docs, web.QUALITY_DOCS),
             "dbt_docs": (config.dbt_docs, web.DBT_DOCS)}
    return {key: url if (folder / "index.html").is_file() else None
            for key, (folder, url) in found.items()}


def model_url(model: str) -> str | None:
    """The model's page in the dbt docs (None before they are generated)."""
    if sites()["dbt_docs"] is None:
        return None
    return f"{web.DBT_DOCS}#!/model/model.{DBT_PROJECT}.{model}"


def _pages(folder: Path) -> list[dict]:
    try:
        pages = json.loads((folder / PAGES).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return []
    return [p for p in pages if isinstance(p, dict) and isinstance(p.get("page"), str)]


def check_page(pages: list[dict], source: object, load_id: object, expectation: object,
               column: object = None) -> str | None:
    """The page (relative to the site) that shows this check, or None."""
    def checks(page: dict) -> bool:
        return any(isinstance(c, list) and len(c) == 2 and c[0] == expectation
                   and (not known(column) or c[1] == column)
                   for c in page.get("checks") or [])

    def known(value: object) -> bool:
        return isinstance(value, str) and value != ""

    rules = [
        lambda p: known(load_id) and p.get("load_id") == load_id,
        lambda p: p.get("load_id") is None and known(source) and p.get("source") == source,
        lambda p: p.get("load_id") is None and p.get("source") is None,
    ]
    for rule in rules:
        found = sorted(p["page"] for p in pages if rule(p) and checks(p))
        if found:
            return found[0]  # a load checked in chunks: its first chunk's page
    return None


def with_check_pages(results: pd.DataFrame | None) -> pd.DataFrame | None:
    """The check results with a LINK column to each check's Data Docs page (when the site
    exists); the `load_id` and `column_name` used to find it are dropped."""
    if results is None:
        return None
    site = sites()["data_docs"]
    shown = results.drop(columns=["load_id", "column_name"], errors="ignore")
    if site is None or results.empty:
        return shown
    pages = _pages(settings().data_docs)
    rows = results.reindex(columns=["source", "load_id", "expectation", "column_name"])
    links = [site + (check_page(pages, *row) or "")
             for row in rows.itertuples(index=False, name=None)]
    return shown.assign(**{LINK: links})
