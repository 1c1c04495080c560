"""Pure builders for segmentation and profitability: DataFrame → Plotly figure, no `st.*`.

Template, separators and money axes from `dashboard.charts.theme`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.theme import (
    COLORWAY,
    MUTED,
    NEGATIVE,
    base_layout,
    money_axis,
    money_text,
    pct_axis,
    titled,
)
from warehouse.formats import fmt_eur, fmt_pct


def wrapped(label: str, width: int = 16) -> str:
    """A long category label on two lines (at the space nearest its middle), so that a
    narrow chart keeps room for its bars and its axis title."""
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    if len(label) <= width or not spaces:
        return label
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return f"{label[:cut]}<br>{label[cut + 1:]}"


def bars(frame: pd.DataFrame, category: str, value: str, lang: str, *,
         names: Mapping[str, str] | None = None, money: bool = True, height: int = 320,
         by_category: bool = False, axes: tuple[str, str] = ("", "")) -> go.Figure:
    """Horizontal bars of `value` by `category`, largest (or first category) at the top;
    negatives in red. `axes`: the (value, category) axis titles."""
    rows = frame.sort_values(category, ascending=False) if by_category else frame.sort_values(value)
    labels = [wrapped(str((names or {}).get(code, code))) for code in rows[category]]
    colors = [NEGATIVE if v < 0 else COLORWAY[0] for v in rows[value].fillna(0)]
    fig = go.Figure(go.Bar(
        x=rows[value], y=labels, orientation="h", marker_color=colors,
        hovertemplate=f"%{{y}}: {money_text(lang) if money else '%{x:,}'}<extra></extra>",
    ))
    fig.update_layout(height=max(height, 80 + 36 * len(labels)), showlegend=False)
    if money:
        fig.update_xaxes(**money_axis(lang))
    return base_layout(titled(fig, axes), lang)


def value_potential(frame: pd.DataFrame, lang: str, type_names: Mapping[str, str],
                    quadrant_names: Mapping[str, str], axis_titles: tuple[str, str]
                    ) -> go.Figure:
    """Bubbles: current value (log x) × potential score, size = charges, colour = type; lines at
    the median value and at score 6 split the four quadrants of docs/definitions.md."""
    fig = go.Figure()
    top = frame["current_value_eur"].max()  # NaN when a filter leaves no customer
    biggest = max(float(top), 1.0) if pd.notna(top) else 1.0
    for index, (ctype, rows) in enumerate(frame.groupby("customer_type", sort=True)):
        name = type_names.get(ctype, ctype)
        fig.add_scatter(
            x=rows["current_value_eur"].clip(lower=1), y=rows["potential_score"], mode="markers",
            name=name, text=rows["customer_name"], customdata=rows[["customer_id"]],
            marker={"size": rows["current_value_eur"].clip(lower=0), "sizemode": "area",
                    "sizeref": 2.0 * biggest / 60**2, "sizemin": 4, "opacity": 0.75,
                    "color": COLORWAY[index % len(COLORWAY)], "line": {"width": 1,
                                                                      "color": "white"}},
            hovertemplate=f"%{{text}}<br>{money_text(lang)}<br>%{{y}}/10<extra>{name}</extra>",
        )
    median = float(frame["median_value_eur"].iloc[0]) if not frame.empty else None
    if median:
        fig.add_vline(x=median, line={"color": "#262730", "dash": "dash", "width": 1})
    fig.add_hline(y=5.5, line={"color": "#262730", "dash": "dash", "width": 1})
    corners = {"develop": (0.99, 0.99, "right", "top"), "maintain": (0.99, 0.01, "right",
               "bottom"), "grow": (0.01, 0.99, "left", "top"),
               "streamline": (0.01, 0.01, "left", "bottom")}
    for key, (x, y, xanchor, yanchor) in corners.items():
        fig.add_annotation(x=x, y=y, xref="paper", yref="paper", text=quadrant_names[key],
                           showarrow=False, xanchor=xanchor, yanchor=yanchor,
                           font={"size": 13, "color": MUTED})
    low = max(float(frame["current_value_eur"].min() or 1), 1.0) if not frame.empty else 1.0
    ticks = [10.0**power for power in range(len(str(int(low))) - 1, len(str(int(biggest))) + 1)]
    fig.update_xaxes(type="log", title=axis_titles[0], tickvals=ticks,
                     ticktext=[fmt_eur(tick, lang, 0) for tick in ticks])
    fig.update_yaxes(range=[0.5, 10.5], dtick=1, title=axis_titles[1])
    fig.update_layout(height=520)
    return base_layout(fig, lang)


def treemap(frame: pd.DataFrame, lang: str, type_names: Mapping[str, str], root: str
            ) -> go.Figure:
    """Customer type → customer, area = current value; each with its share of all (in the
    page's percent format)."""
    types = frame.groupby("customer_type", as_index=False)["current_value_eur"].sum()
    ids = [root] + [f"t/{c}" for c in types["customer_type"]] + list(frame["customer_id"])
    labels = ([root] + [type_names.get(c, c) for c in types["customer_type"]]
              + list(frame["customer_name"]))
    parents = ([""] + [root] * len(types)
               + [f"t/{c}" for c in frame["customer_type"]])
    values = ([float(types["current_value_eur"].sum())] + list(types["current_value_eur"])
              + list(frame["current_value_eur"]))
    total = values[0] or 1.0
    shares = [fmt_pct(v / total, lang, 1) for v in values]
    fig = go.Figure(go.Treemap(
        ids=ids, labels=labels, parents=parents, values=values, branchvalues="total",
        text=shares, texttemplate="%{label}<br>%{text}",
        hovertemplate=f"%{{label}}<br>{money_text(lang, 'value')}<extra></extra>",
    ))
    fig.update_layout(height=480, margin={"l": 0, "r": 0, "t": 10, "b": 0})
    return base_layout(fig, lang)


def spend_per_staff(frame: pd.DataFrame, lang: str, type_names: Mapping[str, str],
                    median_label: str, axes: tuple[str, str] = ("", "")) -> go.Figure:
    """IT spend per staff member by customer, grouped by type, with the type's median."""
    rows = frame.sort_values(["customer_type", "it_spend_per_staff_eur"], ascending=False)
    y = [[type_names.get(c, c) for c in rows["customer_type"]], list(rows["customer_name"])]
    fig = go.Figure()
    fig.add_bar(y=y, x=rows["it_spend_per_staff_eur"], orientation="h", name="€",
                marker_color=COLORWAY[0], showlegend=False,
                hovertemplate=f"%{{y}}<br>{money_text(lang)}<extra></extra>")
    fig.add_scatter(y=y, x=rows["type_median_per_staff_eur"], name=median_label,
                    mode="markers", marker={"symbol": "line-ns-open", "size": 18,
                                            "color": NEGATIVE, "line": {"width": 3}})
    fig.update_xaxes(**money_axis(lang))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=120 + 26 * len(rows))
    return base_layout(titled(fig, axes), lang)


def whale_curve(frame: pd.DataFrame, lang: str, axis_titles: tuple[str, str]) -> go.Figure:
    """Cumulative margin share against cumulative share of customers (margin descending)."""
    x = [0.0, *frame["cumulative_customer_share"]]
    y = [0.0, *frame["cumulative_margin_share"]]
    names = ["", *frame["customer_name"]]
    fig = go.Figure(go.Scatter(x=x, y=y, mode="lines+markers", text=names,
                               line={"color": COLORWAY[0], "width": 3}, marker={"size": 4},
                               hovertemplate="%{text}<br>%{x:.0%} → %{y:.1%}<extra></extra>"))
    fig.add_hline(y=1, line={"color": MUTED, "dash": "dot"})
    fig.update_xaxes(title=axis_titles[0], **pct_axis(lang))
    fig.update_yaxes(title=axis_titles[1], **pct_axis(lang, top=max(y)))
    fig.update_layout(height=420, showlegend=False)
    return base_layout(fig, lang)


def charges_vs_cost(frame: pd.DataFrame, category: str, lang: str, names: Mapping[str, str],
                    series: Mapping[str, str], axes: tuple[str, str] = ("", "")) -> go.Figure:
    """Grouped bars: charges and cost to serve per category (e.g. activity type); `axes`:
    the (category, euro) axis titles."""
    labels = [names.get(code, code) for code in frame[category]]
    fig = go.Figure()
    for (column, label), color in zip(series.items(), (COLORWAY[0], COLORWAY[1]), strict=False):
        fig.add_bar(x=labels, y=frame[column], name=label, marker_color=color,
                    hovertemplate=f"%{{x}}<br>{money_text(lang, 'y')}<extra>{label}</extra>")
    fig.update_yaxes(**money_axis(lang))
    fig.update_layout(barmode="group", height=380)
    return base_layout(titled(fig, axes), lang)
