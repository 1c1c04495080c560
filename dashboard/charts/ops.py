"""Pure builders for partnership, billing reconciliation, pricing and the budget months:
DataFrame → figure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.theme import (
    COLORWAY,
    NEGATIVE,
    POSITIVE,
    base_layout,
    money_axis,
    money_text,
    month_axis,
    titled,
)

# A month's bar on a date axis is as wide as 20 days (Plotly sizes a lone bar to nothing).
MONTH_BAR_MS = 20 * 24 * 3600 * 1000


def coverage_heatmap(frame: pd.DataFrame, lang: str, type_names: Mapping[str, str],
                     axes: tuple[str, str] = ("", "")) -> go.Figure:
    """Managers × customer types, customer counts in the cells; empty cells (gaps) in red."""
    ordered = frame.sort_values("sort_order")
    columns = list(dict.fromkeys(ordered["customer_type"]))
    grid = frame.pivot_table(index="partnership_manager", columns="customer_type",
                             values="customers", aggfunc="sum").reindex(columns=columns)
    grid = grid.sort_index(ascending=False).fillna(0)
    top = max(float(grid.to_numpy().max()), 1.0)
    fig = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=[type_names.get(c, c) for c in columns], y=list(grid.index),
        text=grid.to_numpy().astype(int), texttemplate="%{text}", xgap=3, ygap=3,
        colorscale=[[0, "#F4C7CD"], [0.5 / top, "#F4C7CD"], [0.5 / top, "#E3EEF6"],
                    [1, COLORWAY[0]]],
        zmin=0, zmax=top, showscale=False,
        hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
    ))
    fig.update_xaxes(side="top", showline=False, ticks="")
    fig.update_layout(height=110 + 48 * len(grid.index))
    return base_layout(titled(fig, axes), lang)


def portfolios(frame: pd.DataFrame, lang: str, series: Mapping[str, str],
               axes: tuple[str, str] = ("", "")) -> go.Figure:
    """Grouped horizontal bars per manager: current value and potential value."""
    rows = frame.sort_values("current_value_eur")
    fig = go.Figure()
    for (column, label), color in zip(series.items(), (COLORWAY[0], COLORWAY[1]), strict=False):
        fig.add_bar(y=rows["partnership_manager"], x=rows[column], name=label,
                    orientation="h", marker_color=color,
                    hovertemplate=f"%{{y}}: {money_text(lang)}<extra>{label}</extra>")
    fig.update_xaxes(**money_axis(lang))
    fig.update_layout(barmode="group", height=120 + 60 * len(rows))
    return base_layout(titled(fig, axes), lang)


def reconciliation(frame: pd.DataFrame, lang: str, series: Mapping[str, str],
                   axes: tuple[str, str] = ("", ""),
                   window: tuple[dt.date, dt.date] | None = None) -> go.Figure:
    """Monthly unbilled € (up, red) and overbilled € (down, blue), over the page's `window`
    (first and last month) so that a single month is a bar among months, not the whole
    width."""
    fig = go.Figure()
    fig.add_bar(x=frame["month"], y=frame["unbilled_eur"], name=series["unbilled_eur"],
                marker_color=NEGATIVE, width=MONTH_BAR_MS,
                hovertemplate=f"%{{x|%m/%Y}}: {money_text(lang, 'y')}<extra></extra>")
    fig.add_bar(x=frame["month"], y=-frame["overbilled_eur"], name=series["overbilled_eur"],
                marker_color=COLORWAY[0], customdata=frame["overbilled_eur"], width=MONTH_BAR_MS,
                hovertemplate=f"%{{x|%m/%Y}}: {money_text(lang, 'customdata')}<extra></extra>")
    fig.update_layout(barmode="relative", height=360)
    fig.update_xaxes(**month_axis(lang))
    if window:
        fig.update_xaxes(range=[window[0] - dt.timedelta(days=16),
                                window[1] + dt.timedelta(days=16)])
    fig.update_yaxes(**money_axis(lang))
    return base_layout(titled(fig, axes), lang)


def budget_months(frame: pd.DataFrame, lang: str, series: Mapping[str, str],
                  axes: tuple[str, str] = ("", "")) -> go.Figure:
    """Next year's proposal beside the run-rate (a twelfth of the last 12 months), by month.
    `frame`: month, amount_eur, run_rate_eur; `series` names the two."""
    fig = go.Figure()
    for (column, label), color in zip(series.items(), (COLORWAY[0], COLORWAY[5]), strict=False):
        fig.add_bar(x=frame["month"], y=frame[column], name=label, marker_color=color,
                    hovertemplate=f"%{{x|%m/%Y}}: {money_text(lang, 'y')}<extra>{label}</extra>")
    fig.update_layout(barmode="group", height=360)
    fig.update_xaxes(**month_axis(lang))
    fig.update_yaxes(**money_axis(lang))
    return base_layout(titled(fig, axes), lang)


def moved(frame: pd.DataFrame) -> pd.DataFrame:
    """The customers whose yearly charge a what-if changes by more than half a euro."""
    return frame[frame["change_eur"].abs() > 0.5]


def price_change(frame: pd.DataFrame, lang: str, limit: int = 12,
                 axes: tuple[str, str] = ("", "")) -> go.Figure:
    """The biggest yearly charge increases (red) and decreases (green) per customer (the page
    shows a note instead when nothing `moved`)."""
    moved_rows = moved(frame)
    rows = pd.concat([moved_rows.head(limit), moved_rows.tail(limit)]).drop_duplicates(
        "customer_id")
    rows = rows.sort_values("change_eur")
    fig = go.Figure(go.Bar(
        x=rows["change_eur"], y=rows["customer_name"], orientation="h",
        marker_color=[NEGATIVE if v > 0 else POSITIVE for v in rows["change_eur"]],
        hovertemplate=f"%{{y}}: {money_text(lang)}<extra></extra>",
    ))
    fig.update_xaxes(**money_axis(lang))
    fig.update_layout(height=max(260, 26 * len(rows) + 80), showlegend=False)
    return base_layout(titled(fig, axes), lang)
