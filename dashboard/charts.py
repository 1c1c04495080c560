"""Pure builders: DataFrame → Plotly figure or pandas Styler. No `st.*` calls here.

Number formats come from `dashboard.formatting`; every figure uses the shared template and the
language's separators (Finnish: decimal comma, no-break space between thousands).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from pandas.io.formats.style import Styler

from dashboard.formatting import PLOTLY_SEPARATORS, formatter

TEMPLATE_NAME = "asiakastieto"
COLORWAY = ["#00558C", "#F5A800", "#2E9C6A", "#C8102E", "#6E4C9E", "#7A99AC", "#D9822B",
            "#3FA9F5"]
FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        colorway=COLORWAY,
        font={"family": FONT, "size": 14, "color": "#262730"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        hoverlabel={"font": {"family": FONT}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        xaxis={"showgrid": False, "linecolor": "#BFC5CC", "ticks": "outside", "automargin": True},
        yaxis={"gridcolor": "#E6E9ED", "zeroline": False, "automargin": True},
    )
)


def _money_axis(lang: str) -> dict[str, str]:
    if lang == "en":
        return {"tickformat": ",.0f", "tickprefix": "€"}
    return {"tickformat": ",.0f", "ticksuffix": "\u00a0€"}


def _money_hover(lang: str) -> str:
    return "€%{y:,.2f}" if lang == "en" else "%{y:,.2f}\u00a0€"


def base_layout(fig: go.Figure, lang: str, title: str | None = None) -> go.Figure:
    """Apply the shared template, the language's separators and an optional title."""
    fig.update_layout(template=TEMPLATE_NAME, separators=PLOTLY_SEPARATORS[lang])
    if title:
        fig.update_layout(title={"text": title, "x": 0, "font": {"size": 16}})
    return fig


def charge_trend(
    by_service: pd.DataFrame,
    totals: pd.DataFrame,
    lang: str,
    service_names: Mapping[str, str],
    previous_year_label: str,
) -> go.Figure:
    """Stacked monthly bars by service, with last year's same-month total as a line.

    `by_service`: month, service, amount_eur. `totals`: month, previous_year_eur.
    """
    fig = go.Figure()
    for service in sorted(by_service["service"].unique()):
        rows = by_service[by_service["service"] == service]
        name = service_names.get(service, service)
        fig.add_bar(
            x=rows["month"], y=rows["amount_eur"], name=name,
            hovertemplate=f"{name}<br>%{{x|%m/%Y}}: {_money_hover(lang)}<extra></extra>",
        )
    if not totals.empty and totals["previous_year_eur"].notna().any():
        fig.add_scatter(
            x=totals["month"], y=totals["previous_year_eur"], name=previous_year_label,
            mode="lines+markers", line={"color": "#262730", "dash": "dot", "width": 2},
            hovertemplate=f"{previous_year_label}<br>{_money_hover(lang)}<extra></extra>",
        )
    fig.update_layout(barmode="stack", hovermode="closest", height=420)
    fig.update_xaxes(dtick="M1", tickformat="%-m/%Y" if lang == "fi" else "%b %Y")
    fig.update_yaxes(**_money_axis(lang))
    return base_layout(fig, lang)


Kind = str | Callable[[Any], str]


def style_table(
    frame: pd.DataFrame, kinds: Mapping[str, Kind], labels: Mapping[str, str], lang: str
) -> Styler:
    """Format columns by kind (eur, int, pct, num, score, date, month, datetime, or a function)
    and rename them.

    The underlying values stay numeric, so sorting in the browser still sorts numbers.
    """
    shown = frame.rename(columns=dict(labels))
    formats = {
        labels.get(column, column): kind if callable(kind) else formatter(kind, lang)
        for column, kind in kinds.items()
        if column in frame.columns
    }
    return shown.style.format(formats, na_rep="–")


def trend_table(
    by_service: pd.DataFrame,
    totals: pd.DataFrame,
    service_names: Mapping[str, str],
    previous_year_label: str,
) -> pd.DataFrame:
    """The trend chart's data as one row per month: a column per service and last year's total."""
    wide = by_service.pivot_table(
        index="month", columns="service", values="amount_eur", aggfunc="sum"
    ).rename(columns=dict(service_names))
    wide.columns.name = None
    previous = totals.set_index("month")["previous_year_eur"].rename(previous_year_label)
    return wide.join(previous, how="outer").reset_index()
