"""The data page's operations panel: everyone sees when the warehouse was published and the
last refresh and backup; only the director sees what needs attention and the stores' files."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from access_helpers import APP, PASSWORD
from streamlit.testing.v1 import AppTest

from warehouse import config
from warehouse.stores import refresh_state


def _data_page(username: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(PASSWORD)
    next(b for b in at.button if b.form_id == "login_form").click()
    at.run()
    at.switch_page("app_pages/data.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _failed_refresh() -> None:
    s = config.settings()
    now = datetime.now(UTC)
    refresh_state.record(s.refresh_state, refresh_state.LastRefresh(
        outcome="critical_failure", exit_code=5, message="a critical check failed",
        started_at=now - timedelta(minutes=4), finished_at=now, published=False,
        warehouse=s.warehouse, warehouse_version=refresh_state.version_of(s.warehouse),
        landing=Path("/srv/landing"), pid=os.getpid(), host="test"))


def test_the_director_sees_what_needs_attention_and_the_stores(site, accounts):
    _failed_refresh()
    at = _data_page("dir")
    assert any(s.value == "Ylläpito" for s in at.subheader)
    shown = " ".join(m.value for m in at.markdown)
    assert "Viimeisin päivitys" in shown and "kriittinen tarkistus epäonnistui" in shown
    warnings = [w.value for w in at.warning]
    assert any("Viimeisin päivitys ei julkaissut" in w and "paluukoodi 5" in w
               for w in warnings), warnings
    assert any("Varmuuskopiota ei ole otettu" in w for w in warnings), warnings
    stores = at.dataframe[-1].value
    stores = getattr(stores, "data", stores)  # a Styler
    assert list(stores["Tieto"]) == ["Hoitosuunnitelmat", "Tapahtumaloki",
                                     "Käyttäjätili-tiedosto"]
    assert str(site["accounts"]) in set(stores["Tiedosto"])


def test_a_viewer_sees_the_dates_but_no_files(site, accounts):
    _failed_refresh()
    at = _data_page("view")
    shown = " ".join(m.value for m in at.markdown)
    assert "Julkaistu tietovarasto" in shown and "Viimeisin varmuuskopio" in shown
    assert not any("paluukoodi" in w.value for w in at.warning)
    assert all(str(site["accounts"]) not in getattr(frame.value, "data", frame.value).to_csv()
               for frame in at.dataframe)
