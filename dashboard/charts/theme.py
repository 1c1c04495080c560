"""The charts' shared look: the Plotly template, colours, money and percent axes and hovers.

Number formats come from `warehouse.formats`; every figure uses this template and the
language's separators (Finnish: decimal comma, no-break space between thousands).
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

from warehouse.formats import NBSP, PLOTLY_SEPARATORS, fmt_pct

COLORWAY = ["#00558C", "#F5A800", "#2E9C6A", "#C8102E", "#6E4C9E", "#7A99AC", "#D9822B",
            "#3FA9F5"]
FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"

# Passed to every figure as an object: nothing registers it in plotly.io at import.
TEMPLATE = go.layout.Template(
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


def money_axis(lang: str) -> dict[str, str]:
    if lang == "en":
        return {"tickformat": ",.0f", "tickprefix": "€"}
    return {"tickformat": ",.0f", "ticksuffix": "\u00a0€"}


def month_axis(lang: str) -> dict[str, object]:
    """A monthly date axis: a tick per month (`3/2024`, `Mar 2024`), slanted up to the left:
    Plotly's own slant runs down to the right and hides the last month's label past the
    chart's edge."""
    return {"dtick": "M1", "tickformat": "%-m/%Y" if lang == "fi" else "%b %Y",
            "tickangle": -45}


def money_hover(lang: str) -> str:
    return "€%{y:,.2f}" if lang == "en" else "%{y:,.2f}\u00a0€"


def base_layout(fig: go.Figure, lang: str, title: str | None = None) -> go.Figure:
    """Apply the shared template, the language's separators and an optional title."""
    fig.update_layout(template=TEMPLATE, separators=PLOTLY_SEPARATORS[lang])
    if title:
        fig.update_layout(title={"text": title, "x": 0, "font": {"size": 16}})
    return fig


POSITIVE, NEGATIVE, MUTED = "#2E9C6A", "#C8102E", "#7A99AC"


def pct_axis(lang: str, top: float = 1.0, step: float = 0.2) -> dict[str, list]:
    """A share axis from 0 to at least `top`, its ticks written as the page writes percents
    (Finnish `20 %`: Plotly's own percent format has no space)."""
    ticks = [round(i * step, 6) for i in range(int(math.ceil(max(top, step) / step - 1e-9)) + 1)]
    return {"tickvals": ticks, "ticktext": [fmt_pct(tick, lang, 0) for tick in ticks]}


def titled(fig: go.Figure, axes: tuple[str, str]) -> go.Figure:
    """Name what the x and y axes measure, with the unit (every cartesian chart does)."""
    x, y = axes
    if x:
        fig.update_xaxes(title_text=x)
    if y:
        fig.update_yaxes(title_text=y)
    return fig


def money_text(lang: str, field: str = "x") -> str:
    """A hover template's whole euros of `field` (x, y, value, customdata …)."""
    return f"€%{{{field}:,.0f}}" if lang == "en" else f"%{{{field}:,.0f}}{NBSP}€"
