"""Pure builders for profitability on actual costs: DataFrame → Plotly figure, no `st.*`.

The whale curve with its peak marked, cost recovery per service against the 100 % an internal
centre aims at, and the monthly trend of charges, cost and margin.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.theme import (
    COLORWAY,
    MUTED,
    NEGATIVE,
    POSITIVE,
    base_layout,
    money_axis,
    money_text,
    month_axis,
    pct_axis,
    titled,
)
from dashboard.charts.value import whale_curve
from warehouse.formats import fmt_pct


def whale_with_peak(frame: pd.DataFrame, peak: dict | None, lang: str,
                    axis_titles: tuple[str, str], peak_label: str) -> go.Figure:
    """The whale curve with its highest point marked and labelled (`peak_label` holds the
    formatted share and the number of customers)."""
    fig = whale_curve(frame, lang, axis_titles)
    if peak:
        fig.add_scatter(x=[peak["customer_share"]], y=[peak["margin_share"]], mode="markers",
                        marker={"size": 12, "color": NEGATIVE, "symbol": "diamond"},
                        hoverinfo="skip", showlegend=False)
        fig.add_annotation(x=peak["customer_share"], y=peak["margin_share"], text=peak_label,
                           showarrow=True, arrowhead=2, ax=40, ay=-30,
                           font={"color": NEGATIVE, "size": 13})
    return fig


def recovery(frame: pd.DataFrame, lang: str, names: Mapping[str, str], axis_title: str,
             service_title: str = "") -> go.Figure:
    """Horizontal bars of each service's cost recovery (charges ÷ cost), a line at 100 %:
    above it the service pays for others, below it others pay for it."""
    rows = frame.sort_values("recovery_pct", ascending=True)
    labels = [names.get(code, code) for code in rows["activity_type"]]
    values = rows["recovery_pct"].fillna(0)
    fig = go.Figure(go.Bar(
        x=values, y=labels, orientation="h",
        marker_color=[POSITIVE if v >= 1 else NEGATIVE for v in values],
        text=[fmt_pct(v, lang) for v in values], textposition="outside",
        hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
    fig.add_vline(x=1, line={"color": MUTED, "dash": "dot"})
    top = max(1.3, float(values.max() or 0) * 1.15)
    fig.update_xaxes(title=axis_title, range=[0, top], **pct_axis(lang, top=top))
    fig.update_layout(height=120 + 34 * len(rows), showlegend=False)
    return base_layout(titled(fig, ("", service_title)), lang)


def trend(frame: pd.DataFrame, lang: str, series: Mapping[str, str],
          axes: tuple[str, str] = ("", "")) -> go.Figure:
    """Monthly charges and cost to serve (lines) and margin (bars, red below zero)."""
    fig = go.Figure()
    margin = frame["margin_eur"].fillna(0)
    fig.add_bar(x=frame["month"], y=margin, name=series["margin_eur"],
                marker_color=[POSITIVE if v >= 0 else NEGATIVE for v in margin],
                hovertemplate=f"%{{x|%m/%Y}}<br>{money_text(lang, 'y')}<extra></extra>")
    for column, color in (("charges_eur", COLORWAY[0]), ("cost_to_serve_eur", COLORWAY[1])):
        fig.add_scatter(x=frame["month"], y=frame[column], name=series[column],
                        mode="lines+markers", line={"color": color, "width": 2},
                        hovertemplate=f"%{{x|%m/%Y}}<br>{money_text(lang, 'y')}"
                                      "<extra></extra>")
    fig.update_yaxes(**money_axis(lang))
    fig.update_xaxes(**month_axis(lang))
    fig.update_layout(height=380)
    return base_layout(titled(fig, axes), lang)
