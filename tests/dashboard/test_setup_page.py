"""AppTest of the setup page: the director sees what the demo city's incomplete site must
decide and may write the draft; a viewer is not offered the page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.widgets import components
from warehouse import access, config, site
from warehouse import setup as discovery

PASSWORD = "correct horse battery"


@pytest.fixture
def landed(incomplete_setup, tmp_path: Path) -> dict:
    """The raw store of the demo city's extracts landed by `asiakastieto setup` (once a
    session), and a copy of its incomplete site without the draft that run wrote: the page
    writes its own."""
    site = tmp_path / "site"
    shutil.copytree(incomplete_setup["site"], site, ignore=shutil.ignore_patterns("draft"))
    return {"raw": incomplete_setup["raw"], "site": site}


@pytest.fixture
def setup_env(warehouse, landed, monkeypatch):
    monkeypatch.setenv("ASIAKASTIETO_RAW", str(landed["raw"]))
    monkeypatch.setenv("ASIAKASTIETO_SITE", str(landed["site"]))
    return landed


def _texts(at: AppTest) -> str:
    frames = [getattr(f.value, "data", f.value).to_csv() for f in at.dataframe]
    return "\n".join([*(e.value for e in at.subheader), *(e.value for e in at.caption), *frames])


def test_director_sees_the_lists_and_writes_the_draft(setup_env, app_path):
    at = AppTest.from_file(app_path, default_timeout=60).run()
    assert "setup" in at.session_state[components.PAGES_KEY]
    at.switch_page("app_pages/setup.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value.startswith("Käyttöönotto")
    shown = _texts(at)
    for expected in ("TYOAS", "VERKKO", "device_phone", "1310*",
                     "Kustannuspaikat, jotka käyttäytyvät lähettäjinä"):
        assert expected in shown
    found = discovery.discover(site.load_site(setup_env["site"]), setup_env["raw"],
                               config.settings().warehouse)
    assert found.has_costs and found.unpooled, "the demo's development cost centre has no pool"
    assert "5. Toteutuneet kustannusrivit ilman kustannuspoolia" in shown
    for row in found.unpooled:
        assert row["cost_centre"] in shown
    labels = [b.label for b in at.get("download_button")]
    assert "Lataa luonnos: service_catalogue.csv" in labels
    draft = setup_env["site"] / "draft" / "service_catalogue.csv"
    assert not draft.exists(), "the page writes nothing until asked"
    at.button(key="setup_write_draft").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert draft.exists() and "TYOAS" in draft.read_text(encoding="utf-8")
    assert any("Luonnos kirjoitettu" in s.value for s in at.success)
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Setup: what your extracts need decided"
    assert "Download draft: service_catalogue.csv" in [b.label for b in at.get("download_button")]


def test_viewer_is_not_offered_the_page(setup_env, app_path, tmp_path: Path, monkeypatch):
    accounts = tmp_path / "accounts.toml"
    access.add_account(accounts, "view", "viewer", password=PASSWORD)
    monkeypatch.setenv("ASIAKASTIETO_ACCOUNTS", str(accounts))
    monkeypatch.setenv("ASIAKASTIETO_AUDIT", str(tmp_path / "audit.sqlite"))
    at = AppTest.from_file(app_path, default_timeout=60).run()
    at.text_input(key="login_username").input("view")
    at.text_input(key="login_password").input(PASSWORD)
    next(b for b in at.button if b.form_id == "login_form").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.metric, "signed in: the overview"
    assert "setup" not in at.session_state[components.PAGES_KEY]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/setup.py")
    assert "TYOAS" not in _texts(at)
