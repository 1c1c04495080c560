"""A failing page shows a short fi/en message with an incident id and nothing of the internals;
the server log has the traceback under the same id. Provoked as a viewer on real broken
warehouses (a column of the wrong type, a missing mart) and a callback that cannot write."""

from __future__ import annotations

import logging
import re
import tomllib
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n, incidents
from warehouse import access

PASSWORD = "correct horse battery"
INCIDENT_FI = re.compile(r"kerro ylläpidolle tunniste ([0-9A-F]{8})\.")
INCIDENT_EN = re.compile(r"give the administrators the incident id ([0-9A-F]{8})\.")
# What a user must never see: tracebacks, exception names, SQL, file paths, DuckDB's messages.
INTERNALS = re.compile(r"Traceback|Exception|Error:|SELECT|::INTEGER|LINE \d|\.py\b|\.duckdb"
                       r"|/\w+/|File \"")


@pytest.fixture
def viewer(warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Local logins with one viewer account; stores of the test's own."""
    for name, value in {"ACCOUNTS": "accounts.toml", "AUDIT": "audit.sqlite",
                        "CAREPLANS": "careplans.sqlite"}.items():
        monkeypatch.setenv(f"ASIAKASTIETO_{name}", str(tmp_path / value))
    monkeypatch.setenv("ASIAKASTIETO_AUTH", "local")
    access.add_account(tmp_path / "accounts.toml", "view", "viewer", password=PASSWORD)
    return "view"


def _signed_in(app_path: str, username: str) -> AppTest:
    at = AppTest.from_file(app_path, default_timeout=60).run()
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(PASSWORD)
    next(b for b in at.button if b.form_id == "login_form").click()
    return at.run()


def _shown(at: AppTest) -> str:
    """Every text the run put on the page (main area and sidebar)."""
    parts = [e.value for kind in ("markdown", "caption", "title", "subheader", "header",
                                  "error", "warning", "info", "success", "exception")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def _incident_records(caplog: pytest.LogCaptureFixture, incident: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records
            if r.name == incidents.LOGGER_NAME and incident in r.getMessage()]


def _assert_no_internals(at: AppTest) -> None:
    assert not at.exception, "Streamlit's own exception element shows a traceback"
    shown = _shown(at)
    assert not INTERNALS.search(shown), INTERNALS.search(shown)


def test_a_broken_column_shows_an_incident_id_and_logs_the_traceback(
        viewer, warehouse, app_path, caplog):
    """A segment that is not a number: DuckDB's error quotes the SQL; none of it is shown."""
    with duckdb.connect(str(warehouse.path)) as con:
        con.execute("ALTER TABLE customers ALTER segment TYPE VARCHAR")
        con.execute("UPDATE customers SET segment = 'kaksi' WHERE customer_id = 'C001'")
    caplog.set_level(logging.INFO, logger=incidents.LOGGER_NAME)
    at = _signed_in(app_path, viewer)

    _assert_no_internals(at)
    assert not at.metric, "the page stopped at the failure"
    match = INCIDENT_FI.search(at.error[0].value)
    assert match, at.error[0].value
    assert at.error[0].value.startswith("Sivua ei voitu näyttää")
    incident = match.group(1)
    [log] = _incident_records(caplog, incident)
    assert log.levelno == logging.ERROR and log.exc_info
    traceback = caplog.text[caplog.text.index(incident):]
    assert "Traceback (most recent call last)" in traceback
    assert "ConversionException" in traceback and "segment::INTEGER" in traceback
    assert "user view (viewer)" in log.getMessage()

    at.sidebar.radio(key=i18n.STATE_KEY).set_value("en").run()
    _assert_no_internals(at)
    english = INCIDENT_EN.search(at.error[0].value)
    assert english and english.group(1) != incident, "every failure is an incident of its own"
    assert _incident_records(caplog, english.group(1))


def test_a_failure_inside_one_page_is_an_incident(viewer, warehouse, app_path, caplog):
    """A flag column holding text: only the billing page reads it; its title still shows."""
    with duckdb.connect(str(warehouse.path)) as con:
        con.execute("ALTER TABLE billing_reconciliation ALTER needs_classification TYPE VARCHAR")
        con.execute("UPDATE billing_reconciliation SET needs_classification = 'ehkä'")
    caplog.set_level(logging.INFO, logger=incidents.LOGGER_NAME)
    at = _signed_in(app_path, viewer)
    assert not any(INCIDENT_FI.search(e.value) for e in at.error), "the overview is fine"
    at.switch_page("app_pages/billing.py").run()

    _assert_no_internals(at)
    assert at.title[0].value == "Laskutuksen täsmäytys"
    incident = INCIDENT_FI.search(at.error[-1].value).group(1)
    [log] = _incident_records(caplog, incident)
    assert "billing" in caplog.text[caplog.text.index(incident):]


def test_a_missing_mart_says_what_to_do_with_an_id_and_no_database_message(
        viewer, warehouse, app_path, caplog):
    with duckdb.connect(str(warehouse.path)) as con:
        con.execute("DROP TABLE billing_reconciliation")
    caplog.set_level(logging.INFO, logger=incidents.LOGGER_NAME)
    at = _signed_in(app_path, viewer)
    at.switch_page("app_pages/billing.py").run()

    assert not at.exception
    assert "Tietovarastosta puuttuu taulu `billing_reconciliation`" in at.error[-1].value
    shown = _shown(at)
    assert "Catalog Error" not in shown and str(warehouse.path) not in shown
    incident = re.search(r"Tunniste ylläpidolle: ([0-9A-F]{8})", shown).group(1)
    [log] = _incident_records(caplog, incident)
    assert log.levelno == logging.WARNING and log.exc_info
    assert "Catalog Error" in log.getMessage()


def test_a_missing_warehouse_logs_its_path_but_does_not_show_it(tmp_path, monkeypatch, app_path,
                                                                  caplog):
    missing = tmp_path / "missing.duckdb"
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(missing))
    caplog.set_level(logging.INFO, logger=incidents.LOGGER_NAME)
    at = AppTest.from_file(app_path, default_timeout=30).run()
    assert "Tietovarastoa ei ole vielä rakennettu" in at.error[0].value
    assert str(missing) not in _shown(at)
    assert str(missing) in caplog.text


def _export_page() -> None:
    import streamlit as st

    from dashboard import i18n, incidents

    @incidents.reported
    def audit() -> None:
        raise PermissionError(13, "Permission denied", "/srv/asiakastieto/audit.sqlite")

    with incidents.guard(i18n.current_lang()):
        st.button("Lataa", key="export", on_click=audit)
        st.write("sivu")


def test_a_failed_callback_is_an_incident_on_the_next_run(caplog):
    caplog.set_level(logging.INFO, logger=incidents.LOGGER_NAME)
    at = AppTest.from_function(_export_page, default_timeout=30).run()
    assert not at.error
    at.button(key="export").click().run()
    _assert_no_internals(at)
    incident = INCIDENT_FI.search(at.error[0].value).group(1)
    assert at.markdown[0].value == "sivu", "the page itself still runs"
    [log] = _incident_records(caplog, incident)
    assert "PermissionError" in log.getMessage() and "audit.sqlite" in log.getMessage()
    at.run()
    assert not at.error, "an incident is shown once"


def test_the_served_config_never_shows_error_details():
    """`streamlit run` reads the project's .streamlit/config.toml (`asiakastieto serve` runs in
    the project folder and passes the same value as a flag)."""
    config = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
    assert tomllib.loads(config.read_text())["client"]["showErrorDetails"] == "none"
