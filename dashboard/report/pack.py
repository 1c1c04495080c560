"""Build the budget-meeting pack of one customer from a reader and the care-plan store.

The page passes its cached engine, the CLI (`asiakastieto report`) a plain `WarehouseReader`:
no Streamlit runtime is needed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from dashboard.data.reader import Reader
from dashboard.report import figures, html, pdf, xlsx
from dashboard.report.careplan_data import assemble
from dashboard.report.redaction import redact_plan
from warehouse import access
from warehouse.careplans import CarePlanStore

FORMATS = ("pdf", "xlsx", "html")
MIME = {"pdf": "application/pdf", "html": "text/html",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def build_pack(db: Reader, customer_id: str, fmt: str, output: Path, store_path: Path,
               user: access.User | None = None, lang: str = "fi") -> Path:
    """Assemble the plan from the warehouse and the care-plan store and write it to `output`.

    `user`: the export is audited and, for a viewer, contact persons' names are replaced by
    `—`. Without a user the caller is the operator (CLI).
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    store = CarePlanStore(store_path)
    plan = assemble(db, customer_id, store, lang)
    if user is not None:
        plan = redact_plan(plan, user, store)
        access.audit(user, "export", customer_id, f"care-plan pack {fmt}")
    images = figures.png_images(figures.figures(plan, lang))
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "pdf":
        return pdf.write(plan, images, output, lang)
    if fmt == "xlsx":
        return xlsx.write(plan, images, output, lang)
    output.write_text(html.render(plan, images, lang), encoding="utf-8")
    return output


def build_bytes(db: Reader, customer_id: str, fmt: str, store_path: Path,
                user: access.User | None = None, lang: str = "fi") -> bytes:
    """The pack as bytes, for a download button."""
    with tempfile.TemporaryDirectory() as folder:
        return build_pack(db, customer_id, fmt, Path(folder) / f"pack.{fmt}", store_path,
                          user=user, lang=lang).read_bytes()
