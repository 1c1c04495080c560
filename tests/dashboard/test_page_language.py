"""Every page read as its user, in Finnish and in English (AppTest on the fixture warehouse):
what it shows, the tables' formatted cells included, has no raw identifiers, no missing values
as text, no float noise and no words of the other language (rules: page_rules.py); every
cartesian chart names its axes and has something to draw. The browser walk
(tests/e2e/test_page_review.py) adds the screen sizes and the budget page on a real build."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
import yaml
from page_rules import Words, findings
from page_runs import run_page
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from dashboard.data import sources, steward
from ingest import row_checks
from ingest.sources import SOURCES

PAGES = ["overview", "segmentation", "profitability", "partnership", "billing", "pricing",
         "customer", "annual_clock", "data", "setup"]
CARTESIAN = {"bar", "scatter", "heatmap", "waterfall", "histogram", "box"}
SOURCES_YML = Path(__file__).resolve().parents[2] / "dbt_project" / "models" / "staging" \
    / "_raw__sources.yml"


def _cells(frame) -> pd.DataFrame:
    """A table as the user sees it: a styled table's formatted cells, a plain one's values."""
    styler = frame.proto.arrow_data.styler
    if styler.display_values:
        return pa.ipc.open_stream(styler.display_values).read_pandas()
    value = frame.value
    return getattr(value, "data", value)


def _shown(at: AppTest) -> list[str]:
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "error",
                                  "warning", "info", "success") for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value} {m.delta or ''}" for m in at.metric]
    parts += [b.label for b in at.button] + [b.label for b in at.get("download_button")]
    parts += [w.label for kind in ("selectbox", "radio", "text_input", "number_input")
              for w in getattr(at, kind) if w.key != i18n.STATE_KEY]
    for frame in at.dataframe:
        cells = _cells(frame)
        parts.append(" | ".join(str(c) for c in cells.columns))
        parts += [" | ".join(map(str, row)) for row in cells.astype(str).itertuples(index=False)]
    return parts


def _length(values) -> int:
    """How many values a figure's array holds (Plotly.py sends numpy arrays as base64)."""
    if isinstance(values, dict) and "bdata" in values:
        return len(base64.b64decode(values["bdata"]))
    return len(values or [])


def _chart_problems(at: AppTest) -> list[str]:
    problems = []
    for chart in at.get("plotly_chart"):
        figure = json.loads(chart.proto.spec)
        layout, traces = figure.get("layout", {}), figure.get("data", [])
        points = sum(_length(t.get(k)) for t in traces for k in ("x", "y", "z", "values", "r"))
        if not points:
            problems.append(f"chart {chart.proto.id or ''} has nothing to draw")
        for trace in (t for t in traces if t.get("type", "scatter") in CARTESIAN):
            for axis in (trace.get("xaxis", "x"), trace.get("yaxis", "y")):
                key = f"{axis[0]}axis{axis[1:]}"
                spec = layout.get(key, {})
                title = (spec.get("title") or {}).get("text")
                if spec.get("visible", True) and not title:
                    problems.append(f"{key} of a {trace.get('type')} chart has no title")
    return sorted(set(problems))


# What the data calls things: it may be Finnish on an English page.
NAMES_SQL = """
SELECT customer_name FROM customers UNION SELECT partnership_manager FROM customers
UNION SELECT customer_contact FROM customers UNION SELECT site_name FROM site_info
UNION SELECT file_name FROM load_audit UNION SELECT sample_text FROM unclassified_charges
UNION SELECT application FROM application_updates UNION SELECT vendor FROM application_updates
UNION SELECT customer_contact FROM application_updates
UNION SELECT it_resources FROM application_updates
"""


@pytest.fixture
def words(warehouse) -> Words:
    """The data's names (with each field's header in its file: the quarantine names fields so)
    and the warehouse's Finnish-only names of customer types."""
    headers = [f.labels[0] for source in SOURCES.values() for f in source.fields]
    with duckdb.connect(str(warehouse.path), read_only=True) as con:
        names = [r[0] for r in con.execute(NAMES_SQL).fetchall()] + headers
        codes = [r[0] for r in con.execute(
            "SELECT customer_type FROM reference.customer_types UNION "
            "SELECT name_fi FROM reference.customer_types WHERE name_fi <> name_en").fetchall()]
    return Words.of(names, codes)


@pytest.fixture
def realistic_quality(warehouse):
    """The fixture as a real build writes it: the catalogue names its activity types, each
    check has its English and Finnish text, the quarantine ingest's own reasons."""
    with duckdb.connect(str(warehouse.path)) as con:
        con.execute("UPDATE reference.service_catalogue AS c SET service_name_fi = "
                    "s.service_name_fi, service_name_en = s.service_name_en FROM services AS s "
                    "WHERE s.service = c.service")
        con.execute("ALTER TABLE data_quality_results ADD COLUMN description VARCHAR")
        con.execute("ALTER TABLE data_quality_results ADD COLUMN description_fi VARCHAR")
        con.execute("UPDATE data_quality_results SET expectation = "
                    "'expect_column_values_to_match_regex', description = 'Amounts parse.', "
                    "description_fi = 'Summat ovat lukuja.' WHERE expectation = 'amount_parses'")
        con.execute("UPDATE data_quality_results SET failing_examples = "
                    """'[{"file": "vyorytys_2024.csv", "row": 17, "value": "12,3,4"}]' """
                    "WHERE failing_examples = '12,3,4'")
        con.execute("UPDATE quarantine SET column_name = 'customer_type' "
                    "WHERE column_name = 'owner_unit'")  # a field the register has
        for field, reason in (("amount", "not an amount"), ("cost_centre", row_checks.SCIENTIFIC),
                              ("posting_date", "not a date"),
                              ("customer_type", row_checks.REQUIRED)):
            con.execute("UPDATE quarantine SET reason = ? WHERE column_name = ?", [reason, field])
    return warehouse


def _run(app_path: str, page: str, lang: str) -> AppTest:
    return run_page(app_path, f"app_pages/{page}.py", timeout=60, query={"lang": lang})


@pytest.mark.usefixtures("careplans", "realistic_quality")
@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_speaks_its_language(app_path, words, page, lang):
    at = _run(app_path, page, lang)
    found = {f"{rule}: {bad!r} in …{around}…" for text in _shown(at)
             for rule, bad, around in findings(text, lang, words)}
    assert not found, f"/{page} ({lang}):\n" + "\n".join(sorted(found))
    assert not _chart_problems(at), f"/{page} ({lang}): {_chart_problems(at)}"


@pytest.mark.usefixtures("realistic_quality")
def test_data_page_names_sources_checks_and_reasons(app_path):
    at = _run(app_path, "data", "fi")
    shown = "\n".join(_shown(at))
    assert "SAP-veloitukset" in shown and "Vanhin lähde: Asiakasrekisteri" in shown
    assert "Summat ovat lukuja." in shown, "a check by its Finnish text"
    assert "vyorytys_2024.csv, rivi 17: 12,3,4" in shown, "its failing example in words"
    assert "tieteellinen esitysmuoto: Excel hävitti numeroita" in shown
    assert "Kustannuspaikka" in shown, "a quarantined field by the file's header"
    at = _run(app_path, "data", "en")
    shown = "\n".join(_shown(at))
    assert "SAP charges" in shown and "Amounts parse." in shown
    assert "scientific notation: Excel lost the digits" in shown


def test_every_reason_ingest_writes_has_both_languages():
    reasons = [row_checks.REQUIRED, row_checks.REPLACED_CODE, row_checks.SCIENTIFIC,
               *(reason for _, _, reason in row_checks.CHECKS.values())]
    for reason in reasons:
        assert steward.reason(reason, "fi") != reason, reason
        assert steward.reason(reason, "en") == reason
    assert steward.reason("file retracted by maija: väärä kuukausi", "fi") == \
        "tiedoston perui maija: väärä kuukausi"


def test_source_owners_mirror_the_dbt_sources_meta():
    """The data page's owners are the ones dbt's docs show (`_raw__sources.yml` meta)."""
    tables = yaml.safe_load(SOURCES_YML.read_text(encoding="utf-8"))["sources"][0]["tables"]
    meta = {t["name"].removeprefix("raw_"): t["meta"] for t in tables
            if t["name"].removeprefix("raw_") in sources.OWNERS}
    assert set(meta) == set(sources.OWNERS)
    for source, (system, refresh) in sources.OWNERS.items():
        assert (meta[source]["system"], meta[source]["refresh"]) == (system, refresh)
        assert meta[source]["owner"] == i18n.t(f"owner_{source}", "fi")
        assert meta[source]["owner_en"] == i18n.t(f"owner_{source}", "en")


@pytest.mark.usefixtures("careplans")
@pytest.mark.parametrize("page", ["overview", "segmentation", "profitability", "partnership",
                                  "billing"])
def test_a_selection_without_customers_says_so(app_path, words, page):
    """Filters that leave no customer: each chart is replaced by a note, and nothing shows
    `nan` or an empty frame of axes."""
    from dashboard.widgets.filters import KEYS

    at = _run(app_path, page, "en")
    at.sidebar.multiselect(key=KEYS["types"]).set_value(["liikelaitos"])
    at.sidebar.multiselect(key=KEYS["managers"]).set_value(["Berit Berg"]).run()
    assert not at.exception, [e.value for e in at.exception]
    found = [f for text in _shown(at) for f in findings(text, "en", words)]
    assert not found, found
    assert not _chart_problems(at)
    notes = [i.value for i in at.info]
    assert i18n.t("chart_empty", "en") in notes or i18n.t("empty", "en") in notes
