"""The budget-meeting pack: PDF, XLSX and HTML open and hold the customer's numbers."""

from __future__ import annotations

import dataclasses

import openpyxl
import pandas as pd
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from dashboard.data import engine
from dashboard.report import careplan_data, cover, figures
from dashboard.report import pack as report
from warehouse.formats import NBSP, fmt_eur

DB = engine.cached()  # the pages' reader: the served, cached engine

PROJECT = {"name": "Sähköinen työpöytä", "budget_eur": 150000, "priority": 2,
           "project_manager": "J. Nimekäs"}


@pytest.fixture
def pack(warehouse, careplans, tmp_path):
    careplans.add("C001", "projects", PROJECT, user="Anna Aalto")
    careplans.add("C001", "agreements", {"agreement": "Seudullinen kehittämissuunnitelma"},
                  user="Anna Aalto")
    header = careplan_data.assemble(DB, "C001", careplans).header

    def build(fmt: str):
        return report.build_pack(DB, "C001", fmt, tmp_path / f"plan.{fmt}", careplans.path)

    return build, header


def _plain(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def test_pdf_opens_and_holds_the_numbers(pack):
    build, header = pack
    reader = PdfReader(build("pdf"))
    text = _plain("\n".join(page.extract_text() for page in reader.pages))
    assert "Asiakkuuksien hoitosuunnitelma: Kasvatus ja opetus" in text
    assert _plain(fmt_eur(header["current_value_eur"], "fi", decimals=0)) in text
    assert _plain(fmt_eur(header["margin_eur"], "fi", decimals=0)) in text
    assert "Himble LogUs" in text and "Sähköinen työpöytä" in text
    assert "Budjettitapaaminen" in text and "150 000 €" in text
    for title in ("Asiakkaan kehittämishankkeet", "Kriittisten palveluiden",
                  "Kaupungin johdon ja asiakkaan"):
        assert title in text


def test_xlsx_has_a_sheet_per_section_and_exact_numbers(pack):
    build, header = pack
    book = openpyxl.load_workbook(build("xlsx"))
    assert book.sheetnames[:7] == ["Perustiedot", "Kehittämishankkeet", "Kriittiset palvelut",
                                   "Toistuvat tapahtumat", "Pienkehitystarpeet",
                                   "Markkinointitoimet", "Sopimukset"]
    values = {row[0]: row[1] for row in book["Perustiedot"].iter_rows(values_only=True)}
    assert values["Veloitukset 12 kk (€)"] == pytest.approx(header["current_value_eur"])
    assert values["Muutos (€)"] == pytest.approx(header["value_change_eur"])
    assert values["Henkilöstö"] == header["staff_count"]
    projects = list(book["Kehittämishankkeet"].iter_rows(values_only=True))
    assert projects[0][0] == "Projektin nimi"
    assert projects[1][0] == "Sähköinen työpöytä" and projects[1][4] == 150000
    apps = [row[0] for row in book["Kriittiset palvelut"].iter_rows(min_row=2, values_only=True)]
    assert apps == ["Himble LogUs", "Legasos"]


def test_html_is_printable_and_self_contained(pack):
    build, header = pack
    html = build("html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "@page" in html
    assert fmt_eur(header["current_value_eur"], "fi", decimals=0) in html
    assert "Seudullinen kehittämissuunnitelma" in html
    assert "http://" not in html and "https://" not in html


def test_pack_without_a_browser_keeps_its_tables(pack, monkeypatch):
    build, header = pack
    monkeypatch.setattr(figures, "png_images", lambda figs: dict.fromkeys(figs))
    text = _plain("\n".join(p.extract_text() for p in PdfReader(build("pdf")).pages))
    assert "ei voitu piirtää" in text
    assert _plain(fmt_eur(header["current_value_eur"], "fi", decimals=0)) in text


def test_unknown_format_and_customer(pack, careplans, tmp_path):
    with pytest.raises(ValueError):
        report.build_pack(DB, "C001", "docx", tmp_path / "x.docx", careplans.path)
    with pytest.raises(KeyError):
        report.build_pack(DB, "NOPE", "pdf", tmp_path / "x.pdf", careplans.path)


def _page_texts(path) -> list[str]:
    return [_plain(page.extract_text()) for page in PdfReader(path).pages]


def _heading_x(path, titles: tuple[str, ...]) -> dict[str, float]:
    """The x (points) at which each title's text starts, read from the PDF's text operators."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        for title in titles:
            if text.strip().startswith(title) and title not in found:
                found[title] = tm[4] * cm[0] + cm[4]

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return found


def _pixels(image, box, keep) -> int:
    """Pixels in `box` (left, top, right, bottom, fractions of the page) for which
    `keep(r, g, b)` holds."""
    width, height = image.size
    crop = image.convert("RGB").crop((int(box[0] * width), int(box[1] * height),
                                      int(box[2] * width), int(box[3] * height)))
    return sum(1 for r, g, b in crop.getdata() if keep(r, g, b))


def _tile(r, g, b) -> bool:  # the figure tiles' fill, pdf.HEAD_FILL
    return abs(r - 230) < 6 and abs(g - 238) < 6 and abs(b - 244) < 6


def _coloured(r, g, b) -> bool:  # chart marks: neither white nor grey
    return max(r, g, b) - min(r, g, b) > 40


def test_pdf_first_page_is_a_summary_to_hand_over(pack, careplans):
    """Page 1: the customer, the 12 months, the three figures and the charges chart; the
    plan's sections start on page 2. Checked on the text and on the rendered page."""
    build, header = pack
    path = build("pdf")
    first = _page_texts(path)[0]
    plan = careplan_data.assemble(DB, "C001", careplans)
    assert plan.budget.empty  # the fixture has no budget marts: the tile says so
    for expected in ("Asiakkuuksien hoitosuunnitelma", "Kasvatus ja opetus (C001)",
                     "Veloitukset 12 kk", _plain(fmt_eur(header["current_value_eur"], "fi",
                                                         decimals=0)),
                     "Budjettiehdotus", "Ehdotusta ei ole vielä laskettu.", "Kate 12 kk",
                     _plain(fmt_eur(header["margin_eur"], "fi", decimals=0)),
                     "Veloitukset palveluittain"):
        assert expected in first, expected
    assert "Asiakkaan kehittämishankkeet" not in first
    start = f"1.{(plan.as_of.month % 12) + 1}.{plan.as_of.year - (plan.as_of.month < 12)}"
    assert f"Veloitukset {start}–" in first
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[0].render(scale=1).to_pil()
    finally:
        document.close()
    assert _pixels(page, (0.05, 0.15, 0.95, 0.25), _tile) > 20000  # the three figure tiles
    assert _pixels(page, (0.05, 0.35, 0.95, 0.65), _coloured) > 20000  # the charges chart


def test_cover_budget_tile_sums_the_proposal(careplans, pack):
    plan = careplan_data.assemble(DB, "C001", careplans)
    current = float(plan.header["current_value_eur"])
    lines = pd.DataFrame({"budget_year": [2027, 2027],
                          "amount_eur": [current * 0.6, current * 0.5]})
    budget = cover.cover(dataclasses.replace(plan, budget=lines), "fi").figures[1]
    assert budget.label == "Budjettiehdotus 2027"
    assert budget.value == fmt_eur(current * 1.1, "fi", decimals=0)
    assert budget.note.startswith("+10,0")


def test_pdf_headings_are_left_aligned_and_sections_not_split(pack, careplans):
    """Every heading starts at the left margin; a section that fits on a page is on one page
    (12 projects would straddle a page break without the keep-together rule)."""
    build, _ = pack
    for number in range(12):
        careplans.add("C001", "projects", {**PROJECT, "name": f"Hanke {number:02d}"},
                      user="Anna Aalto")
    path = build("pdf")
    titles = ("Perustiedot", "Asiakkaan kehittämishankkeet", "Vuosikello",
              "Ensi vuoden budjettiehdotus", "Muutoshistoria")
    positions = _heading_x(path, titles)
    assert set(positions) == set(titles)
    left_margin = 14 / 25.4 * 72  # the text starts after the cell's padding of 1 mm
    assert len({round(x, 1) for x in positions.values()}) == 1, positions
    assert all(0 <= x - left_margin < 3.5 for x in positions.values()), positions
    pages = _page_texts(path)
    holding = [i for i, text in enumerate(pages) if "Asiakkaan kehittämishankkeet" in text]
    assert len(holding) == 1
    assert all(f"Hanke {n:02d}" in pages[holding[0]] for n in range(12))
    for text in pages[1:]:
        last_line = text.rsplit("Asiakkuuksien hoitosuunnitelma: Kasvatus ja opetus", 1)[0]
        assert not last_line.rstrip().endswith(titles), "a heading alone at a page's foot"


def test_english_pack_speaks_english(pack, careplans, tmp_path, monkeypatch):
    """The pack in English: its first page, headings, notes and sheet names; no Finnish
    note is left (the charts are left out so that the "not drawn" note shows)."""
    monkeypatch.setattr(figures, "png_images", lambda figs: dict.fromkeys(figs))
    path = report.build_pack(DB, "C001", "pdf", tmp_path / "en.pdf", careplans.path,
                             lang="en")
    text = " ".join(_page_texts(path))
    for expected in ("Customer care plan: Kasvatus ja opetus", "Charges, 12 months",
                     "Margin, 12 months", "could not be drawn", "internal use"):
        assert expected in text, expected
    for finnish in ("Veloitukset", "Kate", "ei voitu piirtää", "Ei kirjauksia", "sivu",
                    "Yhteensä"):
        assert finnish not in text, finnish
    book = openpyxl.load_workbook(report.build_pack(DB, "C001", "xlsx", tmp_path / "en.xlsx",
                                                    careplans.path, lang="en"))
    assert book.sheetnames[:3] == ["Overview", "Projects", "Critical services"]
