import datetime as dt

import pandas as pd

from dashboard.charts import overview as charts_overview
from dashboard.charts import tables as charts_tables
from warehouse.formats import NBSP


def _frames():
    months = [dt.date(2024, 1, 1), dt.date(2024, 2, 1)]
    by_service = pd.DataFrame({
        "month": months * 2,
        "service": ["a", "a", "b", "b"],
        "amount_eur": [1000.0, 1100.0, 50.5, 60.25],
    })
    totals = pd.DataFrame({"month": months, "amount_eur": [1050.5, 1160.25],
                           "previous_year_eur": [900.0, None]})
    return by_service, totals


def test_charge_trend_stacks_services_and_compares_last_year():
    by_service, totals = _frames()
    fig = charts_overview.charge_trend(by_service, totals, "fi", {"a": "Palvelu A"},
                                       "Edellinen vuosi")
    kinds = [trace.type for trace in fig.data]
    assert kinds == ["bar", "bar", "scatter"]
    assert fig.data[0].name == "Palvelu A" and fig.data[1].name == "b"
    assert fig.layout.barmode == "stack"
    assert fig.layout.separators == "," + NBSP
    assert fig.layout.yaxis.ticksuffix == NBSP + "€"


def test_charge_trend_english_and_without_history():
    by_service, totals = _frames()
    totals["previous_year_eur"] = None
    fig = charts_overview.charge_trend(by_service, totals, "en", {}, "Previous year")
    assert [trace.type for trace in fig.data] == ["bar", "bar"]
    assert fig.layout.separators == ".,"
    assert fig.layout.yaxis.tickprefix == "€"


def test_trend_table_one_row_per_month():
    by_service, totals = _frames()
    table = charts_overview.trend_table(by_service, totals, {"a": "A"}, "prev")
    assert list(table.columns) == ["month", "A", "b", "prev"]
    assert len(table) == 2


def test_style_table_formats_and_renames():
    frame = pd.DataFrame({"amount_eur": [1234.5], "share": [0.5], "name": ["x"]})
    styled = charts_tables.style_table(frame, {"amount_eur": "eur", "share": "pct"},
                                {"amount_eur": "Summa"}, "fi")
    html = styled.to_html()
    assert "Summa" in html
    assert f"1{NBSP}234,50{NBSP}€" in html
    assert f"50,0{NBSP}%" in html
    assert styled.data["Summa"].iloc[0] == 1234.5
