"""Every page as its user sees it in Chromium, in Finnish and English, at 1366×768 and
1920×1080, on a copy of the session's demo city (tests/installations.py; the fixture warehouse
lacks the budget and care-plan marts): no raw identifiers, missing values as text, float noise
or words of the other language (tests/dashboard/page_rules.py); every cartesian chart has axis
titles (or hides the axis) and something to draw; no KPI cut to an ellipsis; each page at its
own address, the first one at /overview too. A failure names the screen size, language, page
and the text."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import duckdb
import e2e_server
import pytest

pytestmark = pytest.mark.e2e

PROJECT = Path(__file__).resolve().parents[2]
VIEWPORTS = {"1366x768": {"width": 1366, "height": 768},
             "1920x1080": {"width": 1920, "height": 1080}}
# The pages a director sees (demo mode), each at its own path; the customer's by its id.
PAGES = ["overview", "segmentation", "profitability", "partnership", "billing", "pricing",
         "customer?customer={customer}", "budget?customer={customer}", "annual-clock", "data",
         "setup"]
TIMEOUT_MS = 60_000

# The page's text as its user reads it: without icon ligatures (`download`, `fact_check`),
# commands and paths in code, and the data grids (canvas; their a11y table holds raw values:
# only their headers are read), plus the sidebar and every chart's SVG text.
READ_PAGE = """() => {
  const read = (root) => {
    const copy = root.cloneNode(true);
    copy.querySelectorAll('[data-testid="stIconMaterial"], [data-testid$="Icon"], code,'
      + ' [data-testid="stDataFrame"], .js-plotly-plot, input, textarea')
      .forEach(e => e.remove());
    copy.style.position = 'absolute'; copy.style.left = '-99999px';
    document.body.appendChild(copy);
    const text = copy.innerText; copy.remove(); return text;
  };
  const main = document.querySelector('[data-testid="stMain"]');
  const side = document.querySelector('[data-testid="stSidebar"]');
  const grids = Array.from(document.querySelectorAll(
      '[data-testid="stDataFrame"] [role="columnheader"], [data-testid="stDataFrame"] th'))
      .map(e => e.innerText).join(' | ');
  const svg = Array.from(document.querySelectorAll('.js-plotly-plot svg text'))
      .map(t => t.textContent).join(' | ');
  return {main: read(main), sidebar: side ? read(side) : '', grids, svg};
}"""
# Every cartesian axis a trace draws on has a title unless hidden; every chart draws data.
READ_CHARTS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map((el, i) => {
  // _fullData: the traces as drawn (arrays decoded; Plotly.py sends numpy ones base64)
  const layout = el._fullLayout || {}, data = el._fullData || [], problems = [];
  const points = data.reduce((n, t) => n + ['x', 'y', 'z', 'values', 'r']
      .reduce((m, k) => m + ((t[k] && t[k].length) || 0), 0), 0);
  if (!points) problems.push(`chart ${i + 1} has nothing to draw`);
  const cartesian = ['bar', 'scatter', 'heatmap', 'waterfall', 'histogram', 'box'];
  for (const t of data) {
    if (!cartesian.includes(t.type || 'scatter')) continue;
    for (const id of [t.xaxis || 'x', t.yaxis || 'y']) {
      const axis = layout[id[0] + 'axis' + id.slice(1)] || {};
      const title = axis.title && axis.title.text;
      if (axis.visible !== false && (!title || title.startsWith('Click to enter')))
        problems.push(`chart ${i + 1} (${t.type}): ${id}-axis has no title`);
    }
  }
  return problems;
}).flat()"""
# KPI labels and values cut to an ellipsis.
READ_CUT = """() => Array.from(document.querySelectorAll(
    '[data-testid="stMetricValue"], [data-testid="stMetricLabel"]')).filter(el =>
  [el, ...el.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1))
  .map(el => `${el.dataset.testid === 'stMetricValue' ? 'value' : 'label'} cut: ${el.innerText}`)"""


def _rules():
    """tests/dashboard/page_rules.py, loaded by path (the tests dirs are not packages)."""
    path = PROJECT / "tests" / "dashboard" / "page_rules.py"
    module = sys.modules.get("page_rules")
    if module is None:
        spec = importlib.util.spec_from_file_location("page_rules", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["page_rules"] = module
        spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def review_build(demo_city, tmp_path_factory):
    """A copy of the session's demo city (scale 0.1, built once through the real CLI: the
    fixture warehouse lacks the budget and care-plan marts); the server writes beside it."""
    from tests.installations import copy_installation

    root = tmp_path_factory.mktemp("page_review")
    _, warehouse = copy_installation(demo_city, root)
    return root, warehouse


@pytest.fixture(scope="module")
def review_server(review_build, tmp_path_factory):
    """One server for the whole walk, demo mode (every page, as a director)."""
    root, warehouse = review_build
    env = {"ASIAKASTIETO_WAREHOUSE": str(warehouse), "ASIAKASTIETO_AUTH": "demo",
           "ASIAKASTIETO_DATA_DIR": str(root),
           "ASIAKASTIETO_CAREPLANS": str(root / "careplans.sqlite")}
    process, url = e2e_server.start(env, tmp_path_factory.mktemp("review-log") / "server.log")
    try:
        yield url
    finally:
        e2e_server.stop(process)


@pytest.fixture(scope="module")
def words(review_build):
    """What the build's data calls things (may be Finnish on an English page)."""
    from ingest.sources import SOURCES

    _, warehouse = review_build
    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = [r[0] for r in con.execute("""
            SELECT customer_name FROM customers UNION SELECT partnership_manager FROM customers
            UNION SELECT customer_contact FROM customers UNION SELECT site_name FROM site_info
            UNION SELECT application FROM customer_applications
            UNION SELECT vendor FROM customer_applications
            UNION SELECT file_name FROM load_audit""").fetchall()]
        codes = [r[0] for r in con.execute(
            "SELECT customer_type FROM reference.customer_types UNION "
            "SELECT name_fi FROM reference.customer_types WHERE name_fi <> name_en").fetchall()]
        customer = con.execute("SELECT min(customer_id) FROM customers").fetchone()[0]
    headers = [f.labels[0] for source in SOURCES.values() for f in source.fields]
    return _rules().Words.of([*names, *headers], codes), customer


# Every chart of the app is keyed `chart_…` (components.chart), so its element container is
# there as soon as the run has sent it, while Plotly itself loads and draws later; a table's
# grid likewise.
DRAWN = """() => Array.from(document.querySelectorAll(
    '[data-testid="stMain"] [class*="st-key-chart_"]'))
  .every(box => box.querySelector('.js-plotly-plot .main-svg'))
  && Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
  .every(grid => grid.querySelector('table'))"""


def _settle(page) -> None:
    """Wait until the script run is over, its title is there and every chart and table has
    drawn."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=TIMEOUT_MS)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           timeout=TIMEOUT_MS)
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT_MS)
    page.wait_for_function(DRAWN, timeout=TIMEOUT_MS)


def _review(page, url: str, lang: str, words) -> list[str]:
    """What is wrong on the page at `url`, as lines naming the rule and the text."""
    rules = _rules()
    page.goto(url, wait_until="domcontentloaded")
    _settle(page)
    problems = []
    if page.get_by_text("Page not found").count():
        problems.append("Streamlit does not know the address (Page not found)")
    errors = page.locator('[data-testid="stException"]')
    problems += [f"exception shown: {text[:200]}" for text in errors.all_inner_texts()]
    shown = page.evaluate(READ_PAGE)
    for part, text in shown.items():
        if part == "sidebar":  # its language choice names both languages by design
            text = text.replace("Kieli / Language", " ").replace("Suomi", " ")
            text = text.replace("English", " ")
        problems += [f"{rule} ({part}): {bad!r} in …{around}…"
                     for rule, bad, around in rules.findings(text, lang, words)]
    return problems + page.evaluate(READ_CHARTS) + page.evaluate(READ_CUT)


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_every_page_reads_right(browser, review_server, words, size, lang):
    vocabulary, customer = words
    context = browser.new_context(viewport=VIEWPORTS[size],
                                  locale="fi-FI" if lang == "fi" else "en-GB")
    page = context.new_page()
    report = []
    try:
        for path in PAGES:
            path = path.format(customer=customer)
            address = f"{review_server}/{path}{'&' if '?' in path else '?'}lang={lang}"
            report += [f"[{size} {lang} /{path}] {problem}"
                       for problem in _review(page, address, lang, vocabulary)]
        # The first page has its own address, and / opens it there.
        page.goto(f"{review_server}/?lang={lang}", wait_until="domcontentloaded")
        _settle(page)
        if not page.url.startswith(f"{review_server}/overview"):
            report.append(f"[{size} {lang} /] opens {page.url}, not /overview")
    finally:
        context.close()
    assert not report, f"{len(report)} problems:\n" + "\n".join(report)
