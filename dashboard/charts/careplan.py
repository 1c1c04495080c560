"""Pure builders for the care plan: DataFrame → Plotly figure, no `st.*`.

Template, separators and money axes from `dashboard.charts.theme`. Used by the customer page, the
annual clock page and, as static images, by the budget-meeting pack.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.theme import COLORWAY, base_layout, money_axis, titled
from warehouse.formats import MONTHS_EN, MONTHS_FI, fmt_eur

POSITIVE, NEGATIVE, TOTAL = "#2E9C6A", "#C8102E", "#00558C"
KIND_COLORS = {"annual_clock": COLORWAY[0], "application_update": COLORWAY[1],
               "device_replacement": COLORWAY[2]}


def charge_waterfall(parts: pd.DataFrame, lang: str, names: Mapping[str, str],
                     axes: tuple[str, str] = ("", "")) -> go.Figure:
    """Previous 12 months → volume, price, new and ended services, other → last 12 months.

    `parts`: part, amount_eur, measure (absolute / relative / total), as
    `careplan_data.waterfall_parts` returns them.
    """
    fig = go.Figure(go.Waterfall(
        x=[names.get(part, part) for part in parts["part"]],
        y=parts["amount_eur"],
        measure=parts["measure"],
        text=[fmt_eur(value, lang, decimals=0) for value in parts["amount_eur"]],
        textposition="outside",
        increasing={"marker": {"color": POSITIVE}},
        decreasing={"marker": {"color": NEGATIVE}},
        totals={"marker": {"color": TOTAL}},
        connector={"line": {"color": "#BFC5CC"}},
        hoverinfo="x+text",
    ))
    fig.update_layout(height=380, showlegend=False)
    fig.update_yaxes(**money_axis(lang))
    return base_layout(titled(fig, axes), lang)


def device_age_profile(ages: pd.DataFrame, lang: str, due_label: str,
                       other_label: str, axes: tuple[str, str] = ("", "")) -> go.Figure:
    """Active devices by whole years of age, those due for replacement next year highlighted.

    `ages`: age_years, devices, due_next_year.
    """
    fig = go.Figure()
    fig.add_bar(x=ages["age_years"], y=ages["devices"] - ages["due_next_year"],
                name=other_label, marker_color="#7A99AC")
    fig.add_bar(x=ages["age_years"], y=ages["due_next_year"], name=due_label,
                marker_color=COLORWAY[3])
    fig.update_layout(barmode="stack", height=340)
    fig.update_xaxes(dtick=1)
    return base_layout(titled(fig, axes), lang)


def annual_clock(events: pd.DataFrame, lang: str, kind_names: Mapping[str, str]) -> go.Figure:
    """A 12-month polar chart, January at the top, clockwise: one stacked sector per month and
    event kind; hovering lists the events. `events`: month (date), what, kind, customer_name."""
    months = MONTHS_EN if lang == "en" else MONTHS_FI
    fig = go.Figure()
    # One pass over the events (a manager's clock at scale 10 holds thousands), not a filter
    # per kind and month.
    named = events["customer_name"].fillna("").astype(str)
    frame = pd.DataFrame({
        "kind": events["kind"].to_numpy(),
        "month_no": pd.to_datetime(events["month"]).dt.month.to_numpy(),
        "line": [f"{n}: {w}" if n else w for n, w in zip(named, events["what"], strict=True)],
    })
    lines_by = {key: group["line"].tolist()
                for key, group in frame.groupby(["kind", "month_no"], sort=False)}
    for kind, color in KIND_COLORS.items():
        counts, texts = [], []
        for number in range(1, 13):
            lines = lines_by.get((kind, number), [])
            counts.append(len(lines))
            shown = lines[:12] + ([f"… +{len(lines) - 12}"] if len(lines) > 12 else [])
            texts.append("<br>".join(shown))
        fig.add_barpolar(r=counts, theta=list(months), name=kind_names.get(kind, kind),
                         marker_color=color, text=texts,
                         hovertemplate="%{theta}<br>%{text}<extra></extra>")
    fig.update_layout(
        height=520, barmode="stack",
        polar={"angularaxis": {"direction": "clockwise", "rotation": 90,
                               "categoryarray": list(months), "categoryorder": "array"},
               "radialaxis": {"showticklabels": True, "ticks": "", "angle": 90,
                              "tickfont": {"size": 10}}},
    )
    return base_layout(fig, lang)

