"""The budget-meeting pack: PDF, XLSX and HTML open and hold the customer's numbers."""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader

from dashboard.data import engine
from dashboard.report import careplan_data, figures
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
