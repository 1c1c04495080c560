"""The overview's chart: monthly charges by service against last year, and its data as a table.

Pure: DataFrame → Plotly figure, no `st.*`; theme and money axis from `charts.theme`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.theme import base_layout, money_axis, money_hover, month_axis, titled


def charge_trend(
    by_service: pd.DataFrame,
    totals: pd.DataFrame,
    lang: str,
    service_names: Mapping[str, str],
    previous_year_label: str,
    axes: tuple[str, str] = ("", ""),
) -> go.Figure:
    """Stacked monthly bars by service, with last year's same-month total as a line.

    `by_service`: month, service, amount_eur. `totals`: month, previous_year_eur. `axes`: the
    (month, euro) axis titles.
    """
    fig = go.Figure()
    for service in sorted(by_service["service"].unique()):
        rows = by_service[by_service["service"] == service]
        name = service_names.get(service, service)
        fig.add_bar(
            x=rows["month"], y=rows["amount_eur"], name=name,
            hovertemplate=f"{name}<br>%{{x|%m/%Y}}: {money_hover(lang)}<extra></extra>",
        )
    if not totals.empty and totals["previous_year_eur"].notna().any():
        fig.add_scatter(
            x=totals["month"], y=totals["previous_year_eur"], name=previous_year_label,
            mode="lines+markers", line={"color": "#262730", "dash": "dot", "width": 2},
            hovertemplate=f"{previous_year_label}<br>{money_hover(lang)}<extra></extra>",
        )
    fig.update_layout(barmode="stack", hovermode="closest", height=420)
    fig.update_xaxes(**month_axis(lang))
    fig.update_yaxes(**money_axis(lang))
    return base_layout(titled(fig, axes), lang)


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
