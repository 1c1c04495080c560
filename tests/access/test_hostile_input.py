"""Hostile input: SQL metacharacters and HTML/script in extract contents (customer and
application names), in care-plan text fields and in filter values are stored and shown
verbatim and harmlessly; report names cannot traverse; uploads are refused."""

from __future__ import annotations

import io
import re
import shutil
import tomllib
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pytest
from access_helpers import APP, PROJECT, builder
from hostile_fixture import (
    APPLICATIONS,
    FORMULA_HOSTILE,
    HTML_HOSTILE,
    NAMES,
    SQL_HOSTILE,
    hostile_careplan,
    make_hostile,
)
from streamlit.testing.v1 import AppTest

from dashboard.data import careplan, engine, overview
from dashboard.data.filters import Filters
from dashboard.downloads import to_csv_bytes, to_xlsx_bytes
from warehouse import access
from warehouse.careplans import SECTIONS, CarePlanStore

DB = engine.cached()  # the pages' reader: the served, cached engine

PAGES = ["overview", "segmentation", "profitability", "partnership", "billing", "pricing",
         "data", "annual_clock", "customer"]


def _unescape_markdown(text: str) -> str:
    """What the browser shows (the zero-width spaces keep `--` from becoming `—`)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace("\u200b", "")


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory) -> dict[str, Path]:
    """The fixture warehouse with hostile names, a care-plan store full of hostile text and
    the audit log of its writes, written once for this module (each write of the store is
    a synchronous SQLite commit, and of the audit log another)."""
    folder = tmp_path_factory.mktemp("hostile")
    files = {"warehouse": folder / "warehouse.duckdb", "careplans": folder / "careplans.sqlite",
             "audit": folder / "audit.sqlite"}
    builder().build(files["warehouse"])
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("ASIAKASTIETO_CAREPLANS", str(files["careplans"]))
        monkeypatch.setenv("ASIAKASTIETO_AUDIT", str(files["audit"]))
        make_hostile(files["warehouse"])
        hostile_careplan(files["careplans"])
    return files


@pytest.fixture
def hostile(site, hostile_files, monkeypatch):
    """The test's own copies of the hostile files in its installation (`site`)."""
    for name, written in hostile_files.items():
        for sidecar in ("", "-wal"):  # SQLite's log, if a connection left one behind
            if Path(f"{written}{sidecar}").exists():
                shutil.copy(f"{written}{sidecar}", f"{site[name]}{sidecar}")
    monkeypatch.setenv("ASIAKASTIETO_AUTH", "demo")
    engine.clear_cache()
    return site


def test_hostile_text_is_stored_verbatim(hostile):
    listed = careplan.customer_list(DB).set_index("customer_id")["customer_name"]
    assert listed["C001"] == NAMES["C001"] and listed["C002"] == NAMES["C002"]
    apps = set(careplan.customer_applications(DB, "C001")["application"])
    assert set(APPLICATIONS.values()) <= apps
    store = CarePlanStore(hostile["careplans"])
    for customer, text in (("C001", SQL_HOSTILE), ("C002", HTML_HOSTILE)):
        entries = store.entries(customer)
        assert len(entries) == len(SECTIONS)
        for entry in entries:
            for name, kind in SECTIONS[entry.section].items():
                if kind == "text":
                    assert entry.fields[name] == f"{name} {text}"
            assert entry.created_by == f"operator {text}"


def test_sql_metacharacters_in_parameters_are_just_values(hostile):
    assert careplan.customer_header(DB, SQL_HOSTILE).empty
    assert careplan.customer_header(DB, "C001' OR '1'='1").empty
    assert careplan.manager_customers(DB, SQL_HOSTILE).empty
    kpis = overview.kpis(DB, Filters(managers=(SQL_HOSTILE,), types=("x' OR 1=1 --",)))
    assert kpis is not None
    assert len(careplan.customer_list(DB)) == 4, "customers still exists, whole"


# Whose hostile name each page shows in a table when the customer in the URL is C002 (the
# demo user is a director; the annual clock shows the first manager, Anna Aalto: C001, C003).
SHOWN = {"overview": {"C001", "C002", "C003"}, "segmentation": {"C001", "C002", "C003"},
         "profitability": {"C001", "C002", "C003"}, "partnership": set(),
         "billing": {"C001"}, "pricing": {"C001", "C002", "C003"}, "data": set(),
         "annual_clock": {"C001", "C003"}, "customer": set()}
TEXT_KINDS = ("title", "subheader", "markdown", "caption", "warning", "info", "error",
              "success")


def _cells(frame) -> pd.DataFrame:
    """A table as the browser shows it: a styled table's formatted cells, else its values."""
    styler = frame.proto.arrow_data.styler
    if styler.display_values:
        return pa.ipc.open_stream(styler.display_values).read_pandas()
    return getattr(frame.value, "data", frame.value)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_hostile_names_as_plain_text(hostile, page):
    """Each page: the hostile names it lists are whole table cells, exactly as stored (a table
    cell is text, never markup); no markdown, title or alert carries an unescaped `<`; and every
    table with the formula name downloads it as text (CSV: a leading apostrophe; XLSX: a
    string cell)."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["customer"] = "C002"
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title and at.dataframe, "the page shows its title and tables"
    cells = {str(v) for f in at.dataframe for v in _cells(f).to_numpy().ravel()}
    for customer in SHOWN[page]:
        assert NAMES[customer] in cells, (customer, page)
    assert not {c for c in cells if "Koulu '" in c or "Sote <" in c} - set(NAMES.values()), \
        "no name is cut or altered"
    for kind in TEXT_KINDS:
        for element in getattr(at, kind):
            assert not re.search(r"(?<!\\)<", element.value), (kind, element.value)  # escaped
    for frame in at.dataframe:
        data = getattr(frame.value, "data", frame.value)
        if not (data.astype(str) == FORMULA_HOSTILE).any().any():
            continue
        csv = to_csv_bytes(data, "fi").decode("utf-8-sig")
        assert f"'{FORMULA_HOSTILE}" in csv.replace('""', '"')
        sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(data))).active
        assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    if page == "customer":
        assert _unescape_markdown(at.title[0].value).endswith(NAMES["C002"])
        text = "\n".join(_cells(f).to_csv() for f in at.dataframe)
        assert HTML_HOSTILE in text  # the care plan's text fields, as text
    if page == "partnership":
        assert "Anna Aalto" in cells
    if page == "data":
        assert any(c == "SAP-veloitukset" for c in cells)  # the source sap_charges, named


def test_customer_page_title_and_caption_are_escaped_markdown(hostile):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["customer"] = "C001"
    at.run()
    at.switch_page("app_pages/customer.py").run()
    assert not at.exception
    title = at.title[0].value
    assert "<script>" not in title and _unescape_markdown(title).endswith(NAMES["C001"])
    options = at.selectbox(key="careplan_customer").options
    assert f"{NAMES['C002']} (C002)" in options


def test_pack_escapes_hostile_text(hostile):
    from dashboard.report import pack

    html = pack.build_bytes(DB, "C002", "html", hostile["careplans"]).decode()
    assert "<script>alert(1)</script>" not in html and "onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for fmt in ("xlsx", "pdf"):
        assert pack.build_bytes(DB, "C001", fmt, hostile["careplans"])


def test_downloads_never_carry_a_live_formula(hostile):
    """CSV cells that a spreadsheet would run get a leading apostrophe (OWASP CSV injection);
    XLSX cells stay text (xlsxwriter would otherwise write `=...` as a formula); numbers,
    including negative ones, are untouched."""
    frame = careplan.customer_list(DB)
    frame = frame.assign(change=[-1.5] * len(frame), signed_text=["-12,50"] * len(frame))
    for lang, sep in (("fi", ";"), ("en", ",")):
        read = pd.read_csv(io.BytesIO(to_csv_bytes(frame, lang)), sep=sep, dtype=str,
                           encoding="utf-8-sig")
        name = read.set_index("customer_id").loc["C003", "customer_name"]
        assert name == "'" + FORMULA_HOSTILE
        assert read["signed_text"].eq("-12,50").all()
        assert read["change"].isin(["-1,5", "-1.5"]).all()
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == FORMULA_HOSTILE]
    assert cells and all(c.data_type == "s" for c in cells)
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_pack_workbook_keeps_formula_text_as_text(hostile):
    from dashboard.report import pack

    book = openpyxl.load_workbook(io.BytesIO(pack.build_bytes(DB, "C003", "xlsx",
                                                                hostile["careplans"])))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    named = [c for c in cells if str(c.value or "").startswith(FORMULA_HOSTILE)]
    assert named and all(c.data_type == "s" for c in named)  # "name (C003)" in the header
    assert not [c.value for c in cells if c.data_type == "f"]


def test_report_file_names_are_sanitised():
    from dashboard.report import tables

    class Plan:
        customer_id = "../../../etc/passwd"
        as_of = __import__("datetime").date(2024, 3, 1)

    stem = access.safe_filename(tables.file_stem(Plan()))
    assert "/" not in stem and ".." not in stem
    assert (Path("/tmp/out") / f"{stem}.pdf").resolve().parent == Path("/tmp/out")


def test_uploads_are_refused():
    config = tomllib.loads((PROJECT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] <= 1
    assert config["server"].get("enableXsrfProtection", True) is True
    sources = [p.read_text() for p in (PROJECT / "dashboard").rglob("*.py")]
    assert not any("file_uploader" in s for s in sources), "the app has no uploads"
