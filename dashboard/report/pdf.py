"""The care plan as a PDF (fpdf2): header, sections as tables, charts as static images."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboard.report import budget_section, labels
from dashboard.report.careplan_data import SECTION_ORDER, CarePlan
from dashboard.report.tables import display, header_rows

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
BLUE = (0, 85, 140)
HEAD_FILL = (230, 238, 244)


class _Pdf(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.plan_title = title
        self.family = self._fonts()
        self.set_auto_page_break(auto=True, margin=14)
        self.set_margins(14, 14, 14)

    def _fonts(self) -> str:
        for folder in FONT_DIRS:
            regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
            if regular.exists() and bold.exists():
                self.add_font("DejaVu", "", str(regular))
                self.add_font("DejaVu", "B", str(bold))
                return "DejaVu"
        return "helvetica"

    def text_safe(self, text: str) -> str:
        if self.family != "helvetica":
            return text
        text = text.replace("\u00a0", " ").replace("€", "EUR").replace("–", "-")
        return text.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(self.family, "", 7)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, self.text_safe(f"{self.plan_title} – sisäiseen käyttöön – sivu "
                                       f"{self.page_no()}/{{nb}}"), align="C")
        self.set_text_color(0, 0, 0)


def _heading(pdf: _Pdf, text: str) -> None:
    if pdf.get_y() > pdf.h - 40:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(pdf.family, "B", 11.5)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, 6, pdf.text_safe(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*BLUE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1.5)


def _table(pdf: _Pdf, frame: pd.DataFrame, widths: tuple | None = None) -> None:
    pdf.set_font(pdf.family, "", 7.5)
    if frame.empty:
        pdf.set_text_color(110, 110, 110)
        pdf.cell(0, 5, pdf.text_safe("Ei kirjauksia."), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        return
    heading = FontFace(emphasis="BOLD", fill_color=HEAD_FILL)
    with pdf.table(col_widths=widths, headings_style=heading, line_height=4,
                   text_align="LEFT", padding=1) as table:
        table.row([pdf.text_safe(str(c)) for c in frame.columns])
        for values in frame.itertuples(index=False):
            table.row([pdf.text_safe(str(v)) for v in values])
    pdf.ln(1)


def _image(pdf: _Pdf, png: bytes | None, alt: str, width: float = 182) -> None:
    if png is None:
        pdf.set_font(pdf.family, "", 8)
        pdf.cell(0, 5, pdf.text_safe(f"Kaaviokuvaa ”{alt}” ei voitu piirtää."),
                 new_x="LMARGIN", new_y="NEXT")
        return
    pdf.image(io.BytesIO(png), w=width, x=(pdf.w - width) / 2)
    pdf.ln(2)


def write(plan: CarePlan, images: dict[str, bytes | None], output: Path, lang: str = "fi"
          ) -> Path:
    """Write the PDF to `output` and return it."""
    name = plan.header["customer_name"]
    pdf = _Pdf(f"{labels.title('plan', lang)}: {name}")
    pdf.set_title(pdf.plan_title)
    pdf.set_author("Asiakastieto")
    pdf.add_page()
    pdf.set_font(pdf.family, "B", 16)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, 8, pdf.text_safe(pdf.plan_title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    pdf.set_font(pdf.family, "", 9)
    with pdf.table(col_widths=(34, 66), line_height=5, padding=1, first_row_as_headings=False,
                   text_align="LEFT") as table:
        for label, value in header_rows(plan, lang):
            table.row([pdf.text_safe(label), pdf.text_safe(value)])
    for section in SECTION_ORDER:
        _heading(pdf, labels.title(section, lang))
        _table(pdf, display(plan.sections[section], section, lang))
        if section == "recurring_events":
            _image(pdf, images.get("clock"), labels.title("clock", lang), width=130)
    for key, table, frame in (("charges", None, None), ("changes", "changes", plan.changes),
                              ("devices", "device_ages", plan.device_ages)):
        _heading(pdf, labels.title(key, lang))
        _image(pdf, images.get(key), labels.title(key, lang))
        if table is not None:
            _table(pdf, display(frame, table, lang, plan.names))
    # ---- budget ----
    _heading(pdf, budget_section.TITLE.get(lang, budget_section.TITLE["fi"]))
    incomplete = budget_section.incomplete_text(plan.header, lang)
    if incomplete:
        pdf.set_font(pdf.family, "B", 8.5)
        pdf.multi_cell(0, 4.5, pdf.text_safe(incomplete), new_x="LMARGIN", new_y="NEXT")
    _table(pdf, budget_section.display(plan.budget, lang), widths=(18, 16, 12, 54))
    accuracy = budget_section.accuracy_text(plan.budget_accuracy, lang)
    if accuracy:
        pdf.set_font(pdf.family, "", 8)
        pdf.multi_cell(0, 4, pdf.text_safe(accuracy), new_x="LMARGIN", new_y="NEXT")
    # ---- end budget ----
    _heading(pdf, labels.title("history", lang))
    _table(pdf, display(plan.history.head(30), "history", lang), widths=(14, 12, 12, 10, 26, 26))
    pdf.output(str(output))
    return output
