"""The care plan as one printable, self-contained HTML page (charts as embedded PNG images)."""

from __future__ import annotations

import base64
from html import escape

import pandas as pd

from dashboard import i18n
from dashboard.report import budget_section, cover, labels
from dashboard.report.careplan_data import SECTION_ORDER, CarePlan
from dashboard.report.tables import display, header_rows

CSS = """
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Source Sans Pro", "Segoe UI", Helvetica, Arial, sans-serif; color: #262730;
       font-size: 10.5pt; max-width: 1100px; margin: 0 auto; padding: 12px; }
h1 { color: #00558C; font-size: 20pt; margin-bottom: 4px; }
h2 { color: #00558C; font-size: 13pt; text-align: left; border-bottom: 2px solid #00558C;
     padding-bottom: 2px; margin-top: 22px; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; page-break-inside: auto; }
th, td { border: 1px solid #BFC5CC; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #E6EEF4; }
tr { page-break-inside: avoid; }
table.header td:first-child { width: 34%; font-weight: 600; background: #F5F7F9; }
img { max-width: 100%; page-break-inside: avoid; }
.note { color: #6B7280; font-size: 9pt; }
.empty { color: #6B7280; font-style: italic; }
.warning { color: #8A4B00; font-weight: 600; }
.cover { page-break-after: always; }
.customer { font-size: 14pt; font-weight: 600; color: #00558C; margin: 0 0 6px; }
.figures { display: flex; gap: 12px; margin: 14px 0; }
.figure { flex: 1; background: #E6EEF4; padding: 8px 10px; }
.figure .label { font-size: 9pt; }
.figure .value { font-size: 17pt; font-weight: 700; margin: 4px 0; }
.figure .note { font-size: 8.5pt; }
@media print { .noprint { display: none; } }
"""


def _table(frame: pd.DataFrame, lang: str, css_class: str = "") -> str:
    if frame.empty:
        return f'<p class="empty">{escape(i18n.t("plan_empty", lang))}</p>'
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _image(png: bytes | None, alt: str, lang: str) -> str:
    if png is None:
        return f'<p class="note">{escape(i18n.t("plan_no_image", lang, name=alt))}</p>'
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}">'


def _cover(plan: CarePlan, images: dict[str, bytes | None], lang: str) -> str:
    page = cover.cover(plan, lang)
    tiles = "".join(f'<div class="figure"><div class="label">{escape(f.label)}</div>'
                    f'<div class="value">{escape(f.value)}</div>'
                    f'<div class="note">{escape(f.note)}</div></div>' for f in page.figures)
    title = labels.title("charges", lang)
    return (f'<section class="cover"><h1>{escape(page.title)}</h1>'
            f'<p class="customer">{escape(page.customer)}</p>'
            f"<p>{escape(page.period)}<br>{escape(page.people)}</p>"
            f'<div class="figures">{tiles}</div><h2>{escape(title)}</h2>'
            f"{_image(images.get('charges'), title, lang)}"
            f'<p class="note">{escape(page.note)}</p></section>')


def render(plan: CarePlan, images: dict[str, bytes | None], lang: str = "fi") -> str:
    """The whole plan as an HTML document (UTF-8, A4 print styles): the first page to hand
    over, then the details, sections, charts and history."""
    name = plan.header["customer_name"]
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>"
                   for k, v in header_rows(plan, lang))
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{escape(labels.title('plan', lang))}: {escape(name)}</title>",
        f"<style>{CSS}</style></head><body>",
        _cover(plan, images, lang),
        f"<h2>{escape(labels.title('header', lang))}</h2>",
        f'<table class="header"><tbody>{rows}</tbody></table>',
    ]
    for section in SECTION_ORDER:
        parts.append(f"<h2>{escape(labels.title(section, lang))}</h2>")
        parts.append(_table(display(plan.sections[section], section, lang), lang))
        if section == "recurring_events":
            parts.append(_image(images.get("clock"), labels.title("clock", lang), lang))
    for key, table, frame in (("changes", "changes", plan.changes),
                              ("devices", "device_ages", plan.device_ages)):
        parts.append(f"<h2>{escape(labels.title(key, lang))}</h2>")
        parts.append(_image(images.get(key), labels.title(key, lang), lang))
        parts.append(_table(display(frame, table, lang, plan.names), lang))
    parts.append(f"<h2>{escape(budget_section.TITLE.get(lang, budget_section.TITLE['fi']))}</h2>")
    incomplete = budget_section.incomplete_text(plan.header, lang)
    if incomplete:
        parts.append(f'<p class="warning">{escape(incomplete)}</p>')
    parts.append(_table(budget_section.display(plan.budget, lang), lang))
    accuracy = budget_section.accuracy_text(plan.budget_accuracy, lang)
    parts.append(f'<p class="note">{escape(accuracy)}</p>')
    parts.append(f"<h2>{escape(labels.title('history', lang))}</h2>")
    parts.append(_table(display(plan.history.head(50), "history", lang), lang))
    parts.append("</body></html>")
    return "\n".join(parts)
