"""First start with local logins: a viewer opens the customer page before anyone has written a
care plan, and again after the store's file was removed while the dashboard ran (a data folder
reset or restored under a running server). Each time the page shows an empty care plan instead
of `no such table: entries`."""

from __future__ import annotations

from access_helpers import APP, PASSWORD
from streamlit.testing.v1 import AppTest

from warehouse.stores import schema
from warehouse.stores.careplan_layout import SCHEMA


def _viewer_on_customer_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.text_input(key="login_username").input("view")
    at.text_input(key="login_password").input(PASSWORD)
    next(b for b in at.button if b.form_id == "login_form").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.query_params["customer"] = "C001"
    at.switch_page("app_pages/customer.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_viewer_opens_the_customer_page_of_a_store_nobody_wrote(site, accounts):
    assert not site["careplans"].exists()
    at = _viewer_on_customer_page()
    assert at.title and any("Vain luku" in c.value for c in at.caption)
    assert schema.file_version(site["careplans"]) == SCHEMA.version

    for leftover in site["careplans"].parent.glob("careplans.sqlite*"):
        leftover.unlink()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title
