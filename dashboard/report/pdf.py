"""The care plan as a PDF (fpdf2): a first page to hand over (report/cover.py), then the
details, sections as tables and charts as static images, each section kept on one page when
it fits on one."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboard import i18n
from dashboard.report import budget_section, cover, labels
from dashboard.report.careplan_data import SECTION_ORDER, CarePlan
from dashboard.report.tables import display, header_rows

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
BLUE = (0, 85, 140)
HEAD_FILL = (230, 238, 244)


class _Pdf(FPDF):
    def __init__(self, title: str, lang: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.plan_title = title
        self.lang = lang
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
        page = f"{self.page_no()}/{{nb}}"
        self.cell(0, 5, self.text_safe(i18n.t("plan_footer", self.lang, title=self.plan_title,
                                              page=page)), align="C")
        self.set_text_color(0, 0, 0)


def _heading(pdf: _Pdf, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(pdf.family, "B", 11.5)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, 6, pdf.text_safe(text), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*BLUE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1.5)


def _table(pdf: _Pdf, frame: pd.DataFrame, widths: tuple | None = None) -> None:
    pdf.set_font(pdf.family, "", 7.5)
    if frame.empty:
        pdf.set_text_color(110, 110, 110)
        pdf.cell(0, 5, pdf.text_safe(i18n.t("plan_empty", pdf.lang)), new_x="LMARGIN",
                 new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        return
    heading = FontFace(emphasis="BOLD", fill_color=HEAD_FILL)
    with pdf.table(col_widths=widths, headings_style=heading, line_height=4,
                   text_align="LEFT", padding=1, repeat_headings=1) as table:
        table.row([pdf.text_safe(str(c)) for c in frame.columns])
        for values in frame.itertuples(index=False):
            table.row([pdf.text_safe(str(v)) for v in values])
    pdf.ln(1)


def _image(pdf: _Pdf, png: bytes | None, alt: str, width: float = 182) -> None:
    if png is None:
        pdf.set_font(pdf.family, "", 8)
        pdf.cell(0, 5, pdf.text_safe(i18n.t("plan_no_image", pdf.lang, name=alt)),
                 new_x="LMARGIN", new_y="NEXT")
        return
    pdf.image(io.BytesIO(png), w=width, x=(pdf.w - width) / 2)
    pdf.ln(2)


def _section(pdf: _Pdf, title: str, draw: Callable[[], None]) -> None:
    """A heading and its content, kept on one page when they fit on one: rendered once
    off the record, and started on a new page if that would break it. Content longer than
    a page starts where it is and breaks between table rows, the heading row repeated."""
    def block() -> None:
        _heading(pdf, title)
        draw()

    page, start = pdf.page, pdf.get_y()
    with pdf.offset_rendering():  # drawn on the real document, then rewound
        block()
        height = pdf.get_y() - start + (pdf.page - page) * pdf.eph
    room = pdf.h - pdf.b_margin - start
    if height > room and start > pdf.t_margin + 1 and (height <= pdf.eph or room < 40):
        pdf.add_page()
    block()


def _cover(pdf: _Pdf, plan: CarePlan, images: dict[str, bytes | None]) -> None:
    """Page 1: title, customer, period and people, three figures as tiles, the charges chart."""
    page = cover.cover(plan, pdf.lang)
    pdf.set_font(pdf.family, "B", 18)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, 9, pdf.text_safe(page.title), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "B", 13)
    pdf.multi_cell(0, 7, pdf.text_safe(page.customer), align="L", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(pdf.family, "", 9.5)
    for line in (page.period, page.people):
        pdf.multi_cell(0, 5, pdf.text_safe(line), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    gap, top = 4.0, pdf.get_y()
    width = (pdf.epw - 2 * gap) / 3
    for index, figure in enumerate(page.figures):
        x = pdf.l_margin + index * (width + gap)
        pdf.set_fill_color(*HEAD_FILL)
        pdf.rect(x, top, width, 30, style="F")
        pdf.set_xy(x + 3, top + 3)
        pdf.set_font(pdf.family, "", 8.5)
        pdf.multi_cell(width - 6, 4.5, pdf.text_safe(figure.label), align="L")
        pdf.set_xy(x + 3, top + 10)
        pdf.set_font(pdf.family, "B", 15)
        pdf.multi_cell(width - 6, 7, pdf.text_safe(figure.value), align="L")
        pdf.set_xy(x + 3, top + 19)
        pdf.set_font(pdf.family, "", 7.5)
        pdf.multi_cell(width - 6, 3.8, pdf.text_safe(figure.note), align="L")
    pdf.set_xy(pdf.l_margin, top + 34)
    _heading(pdf, labels.title("charges", pdf.lang))
    _image(pdf, images.get("charges"), labels.title("charges", pdf.lang))
    pdf.set_font(pdf.family, "", 7.5)
    pdf.set_text_color(110, 110, 110)
    pdf.multi_cell(0, 4, pdf.text_safe(page.note), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)


def _details(pdf: _Pdf, plan: CarePlan) -> None:
    pdf.set_font(pdf.family, "", 9)
    with pdf.table(col_widths=(34, 66), line_height=5, padding=1, first_row_as_headings=False,
                   text_align="LEFT") as table:
        for label, value in header_rows(plan, pdf.lang):
            table.row([pdf.text_safe(label), pdf.text_safe(value)])


def _budget(pdf: _Pdf, plan: CarePlan) -> None:
    lang = pdf.lang
    incomplete = budget_section.incomplete_text(plan.header, lang)
    if incomplete:
        pdf.set_font(pdf.family, "B", 8.5)
        pdf.multi_cell(0, 4.5, pdf.text_safe(incomplete), align="L", new_x="LMARGIN",
                       new_y="NEXT")
    _table(pdf, budget_section.display(plan.budget, lang), widths=(18, 16, 12, 54))
    accuracy = budget_section.accuracy_text(plan.budget_accuracy, lang)
    if accuracy:
        pdf.set_font(pdf.family, "", 8)
        pdf.multi_cell(0, 4, pdf.text_safe(accuracy), align="L", new_x="LMARGIN",
                       new_y="NEXT")


def write(plan: CarePlan, images: dict[str, bytes | None], output: Path, lang: str = "fi"
          ) -> Path:
    """Write the PDF to `output` and return it: the first page to hand over, then the
    plan's details, sections, charts and history."""
    name = plan.header["customer_name"]
    pdf = _Pdf(f"{labels.title('plan', lang)}: {name}", lang)
    pdf.set_title(pdf.plan_title)
    pdf.set_author("Asiakastieto")
    pdf.set_lang(lang)
    pdf.add_page()
    _cover(pdf, plan, images)
    pdf.add_page()
    _section(pdf, labels.title("header", lang), lambda: _details(pdf, plan))
    for section in SECTION_ORDER:
        _section(pdf, labels.title(section, lang),
                 lambda s=section: _table(pdf, display(plan.sections[s], s, lang)))
        if section == "recurring_events":
            _section(pdf, labels.title("clock", lang), lambda: _image(
                pdf, images.get("clock"), labels.title("clock", lang), width=130))
    for key, table, frame in (("changes", "changes", plan.changes),
                              ("devices", "device_ages", plan.device_ages)):
        def draw(key=key, table=table, frame=frame) -> None:
            _image(pdf, images.get(key), labels.title(key, lang))
            _table(pdf, display(frame, table, lang, plan.names))
        _section(pdf, labels.title(key, lang), draw)
    _section(pdf, budget_section.TITLE.get(lang, budget_section.TITLE["fi"]),
             lambda: _budget(pdf, plan))
    _section(pdf, labels.title("history", lang), lambda: _table(
        pdf, display(plan.history.head(30), "history", lang), widths=(14, 12, 12, 10, 26, 26)))
    pdf.output(str(output))
    return output
