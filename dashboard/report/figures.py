"""The care plan's charts, as Plotly figures and as static PNG images for the pack.

Static images come from kaleido, which drives the Chrome/Chromium of `Settings.chrome`; without
one the pack is still built, with tables only and a note instead of each image.
"""

from __future__ import annotations

import contextlib
import os
import warnings

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard import i18n
from dashboard.charts import careplan as charts_careplan
from dashboard.charts import overview as charts_overview
from dashboard.report import labels
from dashboard.report.careplan_data import CarePlan, waterfall_parts
from warehouse.config import ENV_CHROME, settings

SIZES = {"charges": (1000, 420), "changes": (1000, 400), "devices": (1000, 340),
         "clock": (760, 600)}


def figures(plan: CarePlan, lang: str = "fi",
            keys: tuple[str, ...] = tuple(SIZES)) -> dict[str, go.Figure]:
    """charges (trend by service), changes (waterfall), devices (age profile), clock; only
    those in `keys` are built (the customer page draws its clock next to the events table)."""
    kinds = labels.EVENT_KINDS.get(lang, labels.EVENT_KINDS["fi"])
    builders = {
        "charges": lambda: charts_overview.charge_trend(
            plan.charges, pd.DataFrame({"month": [], "previous_year_eur": []}), lang,
            {code: plan.names.service(code, lang) for code in plan.charges["service"].unique()},
            "", axes=(i18n.t("axis_month", lang), i18n.t("axis_charges_eur", lang))),
        "changes": lambda: charts_careplan.charge_waterfall(
            waterfall_parts(plan.changes), lang, _part_names(plan, lang),
            axes=(i18n.t("axis_change_part", lang), i18n.t("axis_change_eur", lang))),
        "devices": lambda: charts_careplan.device_age_profile(
            plan.device_ages, lang, labels.column("due_next_year", lang),
            labels.column("devices", lang),
            axes=(i18n.t("axis_device_age", lang), i18n.t("axis_devices", lang))),
        "clock": lambda: charts_careplan.annual_clock(plan.sections["recurring_events"], lang,
                                                      kinds),
    }
    return {key: builders[key]() for key in keys}


def _part_names(plan: CarePlan, lang: str) -> dict[str, str]:
    names = {part: labels.column(part, lang) for part in waterfall_parts(plan.changes)["part"]}
    names["previous_value_eur"] = labels.column("previous_value_eur", lang)
    return names


def png_images(figs: dict[str, go.Figure]) -> dict[str, bytes | None]:
    """PNG bytes per figure; None for each when no browser can draw them."""
    chrome = settings().chrome
    if chrome is None:
        return dict.fromkeys(figs)
    os.environ.setdefault(ENV_CHROME, str(chrome))
    try:
        import kaleido  # optional and heavy (starts a browser): only when a pack has images
    except ImportError:
        return dict.fromkeys(figs)
    images: dict[str, bytes | None] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        started = False
        with contextlib.suppress(Exception):
            kaleido.start_sync_server(silence_warnings=True)
            started = True
        try:
            for name, fig in figs.items():
                width, height = SIZES.get(name, (1000, 420))
                try:
                    images[name] = pio.to_image(fig, format="png", width=width, height=height,
                                                scale=2)
                except Exception:  # noqa: BLE001 - a missing image must not stop the pack
                    images[name] = None
        finally:
            if started:
                with contextlib.suppress(Exception):
                    kaleido.stop_sync_server(silence_warnings=True)
    return images
