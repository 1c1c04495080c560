"""Every page rendered on a real dbt build of the demo city (scale 0.1), as each role that sees
it: what a user reads there (a KPI, a table's rows, names rather than codes, no `nan`/`None`).

The fixture-table page tests are fast but hand-written: a mart's column change leaves them
green. These run the pages on what `asiakastieto refresh` really builds (marked `slow`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import engine
from warehouse import access

pytestmark = pytest.mark.slow

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PASSWORD = "salasana-1234"
PAGES = ["overview", "segmentation", "profitability", "partnership", "billing", "pricing",
         "customer", "budget", "annual_clock", "data"]
CASES = [(page, role) for page in PAGES for role in ("director", "manager", "viewer")]
CASES.append(("setup", "director"))  # the site's decisions: the director's page only
# What must never reach the screen: missing values as text, and codes the warehouse names.
RAW = re.compile(r"\b(nan|None|NaT|device_phone|project_manager|it_support|unclassified"
                 r"|yhtio|saatio)\b")


@pytest.fixture(scope="session")
def demo_build(demo_city, tmp_path_factory):
    """The session's demo city (tests/installations.py: demo-data, then refresh through the real
    CLI), read as it is; an account per role, a care-plan store and an audit log of this
    module's own. The manager is the partnership manager of the most customers."""
    root = tmp_path_factory.mktemp("pages_on_dbt")
    warehouse = demo_city["settings"].warehouse
    with duckdb.connect(str(warehouse), read_only=True) as con:
        manager = con.execute("SELECT partnership_manager FROM customers GROUP BY ALL"
                              " ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    accounts = root / "accounts.toml"
    access.add_account(accounts, "director", "director", password=PASSWORD)
    access.add_account(accounts, "manager", "manager", password=PASSWORD, manager_name=manager)
    access.add_account(accounts, "viewer", "viewer", password=PASSWORD)
    return {"root": root, "warehouse": warehouse, "accounts": accounts}


@pytest.fixture
def signed_in(demo_build, monkeypatch):
    root = demo_build["root"]
    monkeypatch.setenv("ASIAKASTIETO_DATA_DIR", str(root))
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(demo_build["warehouse"]))
    monkeypatch.setenv("ASIAKASTIETO_CAREPLANS", str(root / "careplans.sqlite"))
    monkeypatch.setenv("ASIAKASTIETO_ACCOUNTS", str(demo_build["accounts"]))
    monkeypatch.setenv("ASIAKASTIETO_AUDIT", str(root / "audit.sqlite"))
    monkeypatch.delenv("ASIAKASTIETO_AUTH", raising=False)
    # the raw store and site beside the warehouse, as `asiakastieto serve --warehouse` reads
    # them (a dbt build in this process sets ASIAKASTIETO_RAW to the raw store it read)
    monkeypatch.delenv("ASIAKASTIETO_RAW", raising=False)
    monkeypatch.delenv("ASIAKASTIETO_SITE", raising=False)
    engine.clear_cache()

    def run(role: str, page: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        at.text_input(key="login_username").input(role)
        at.text_input(key="login_password").input(PASSWORD)
        next(b for b in at.button if b.form_id == "login_form").click()
        at.run()
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def _shown(at: AppTest) -> str:
    """Everything the page shows as text: titles, notes, alerts, KPIs, table cells."""
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "error",
                                  "warning", "info", "success") for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    for frame in at.dataframe:
        parts.append(_cells(frame).to_csv(index=False, na_rep=""))
    return "\n".join(str(p) for p in parts)


def _cells(frame) -> pd.DataFrame:
    """A table as the user sees it: a styled table's formatted cells (Streamlit sends them
    beside the data), a plain one's values."""
    styler = frame.proto.arrow_data.styler
    if styler.display_values:
        return pa.ipc.open_stream(styler.display_values).read_pandas()
    value = frame.value
    return getattr(value, "data", value)


@pytest.mark.parametrize(("page", "role"), CASES)
def test_page_shows_the_builds_data(signed_in, page, role):
    at = signed_in(role, page)
    text = _shown(at)
    assert at.title, "every page has a title"
    assert not [e.value for e in at.error if "asiakastieto refresh" in e.value], \
        "the page found every relation it reads"
    assert not RAW.findall(text), sorted(set(RAW.findall(text)))
    if page == "setup":
        return
    if page not in ("annual_clock", "data"):  # KPI rows
        assert at.metric and all(m.value not in ("", "–") for m in at.metric[:1])
    tables = [_cells(f) for f in at.dataframe]
    assert any(len(t) for t in tables), "at least one table with rows"
    if page == "overview":
        assert "€" in at.metric[0].value
        traces = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
        services = {trace.get("name") for trace in traces}
        assert "Sovelluspalvelu" in services, services  # the services mart's names, not codes
        assert not RAW.findall(" ".join(map(str, services)))
    if page == "segmentation":
        assert "toimiala" in text
