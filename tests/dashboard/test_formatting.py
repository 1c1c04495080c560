import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from dashboard.downloads import to_csv_bytes
from warehouse.formats import (
    NBSP,
    fmt_date,
    fmt_datetime,
    fmt_eur,
    fmt_int,
    fmt_month,
    fmt_pct,
    signed,
)


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1234.56, "fi", f"1{NBSP}234,56{NBSP}€"),
        (Decimal("1234567.5"), "fi", f"1{NBSP}234{NBSP}567,50{NBSP}€"),
        (-1234.56, "fi", f"-1{NBSP}234,56{NBSP}€"),
        (0, "fi", f"0,00{NBSP}€"),
        (1234.56, "en", "€1,234.56"),
        (-1234.56, "en", "-€1,234.56"),
        (None, "fi", "–"),
        (float("nan"), "en", "–"),
    ],
)
def test_fmt_eur(value, lang, expected):
    assert fmt_eur(value, lang) == expected


def test_fmt_eur_whole_euros():
    assert fmt_eur(1234.56, "fi", decimals=0) == f"1{NBSP}235{NBSP}€"


def test_fmt_int_and_pct():
    assert fmt_int(1234567, "fi") == f"1{NBSP}234{NBSP}567"
    assert fmt_int(1234567, "en") == "1,234,567"
    assert fmt_int(pd.NA) == "–"
    assert fmt_pct(0.123, "fi") == f"12,3{NBSP}%"
    assert fmt_pct(-0.0456, "en") == "-4.6%"
    assert signed(fmt_pct(0.05)) == f"+5,0{NBSP}%"
    assert signed(fmt_pct(-0.05)) == f"-5,0{NBSP}%"


def test_dates():
    day = dt.date(2024, 3, 31)
    assert fmt_date(day) == "31.3.2024"
    assert fmt_date(pd.Timestamp("2024-03-31 08:00")) == "31.3.2024"
    assert fmt_date(day, "en") == "2024-03-31"
    assert fmt_date(None) == "–"
    assert fmt_month(dt.date(2024, 3, 1)) == "maaliskuu 2024"
    assert fmt_month(dt.date(2024, 3, 1), "en") == "March 2024"
    assert fmt_datetime(dt.datetime(2024, 4, 2, 8, 5)) == "2.4.2024 klo 8.05"
    assert fmt_datetime(dt.datetime(2024, 4, 2, 8, 5), "en") == "2024-04-02 08:05"


def test_csv_finnish_excel_dialect():
    frame = pd.DataFrame({"a": [1.5], "b": ["x"]})
    assert to_csv_bytes(frame, "fi").decode("utf-8-sig") == "a;b\n1,5;x\n"
    assert to_csv_bytes(frame, "en").decode() == "a,b\n1.5,x\n"


def test_big_tables_are_capped_on_screen_but_not_in_the_download():
    from streamlit.testing.v1 import AppTest

    def page():
        import pandas as pd

        from dashboard.widgets import components
        frame = pd.DataFrame({"device_id": [f"SN:{i}" for i in range(3000)], "n": range(3000)})
        components.table(frame, "devices", {}, "fi")

    at = AppTest.from_function(page).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 2000
    assert "Näytetään 2\u00a0000 / 3\u00a0000 riviä" in at.caption[0].value
