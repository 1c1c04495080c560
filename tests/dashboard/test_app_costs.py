"""AppTest of profitability on actual costs and the pricing page's actual rates, on the
fixture: the cost basis is said (actual, or "catalogue costs" without them), the whale
curve's peak is marked, a loss-maker is named with the service that causes the loss, and
each service's cost recovery and break-even price are shown."""

from __future__ import annotations

import base64
import json

import duckdb
import numpy as np
from fixture_costs import make_loss_maker
from page_runs import metric, run_page
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from warehouse.formats import fmt_eur, fmt_pct


def _texts(at: AppTest) -> str:
    return "\n".join(e.value for kind in ("caption", "info", "warning", "subheader")
                     for e in getattr(at, kind))


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _values(data: object) -> list:
    """A trace's values: Plotly writes numeric arrays as base64 typed arrays."""
    if isinstance(data, dict) and "bdata" in data:
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    return list(data)


def test_profitability_says_actual_costs_and_marks_the_whale_peak(warehouse, app_path):
    at = run_page(app_path, "app_pages/profitability.py")
    text = _texts(at)
    assert "toteutuneet kustannukset" in text and "luettelohinnan" not in text
    assert "Ei tappiollisia asiakkaita" in text
    whale = next(c for c in _charts(at) if any(a.get("text", "").startswith("Huippu")
                                                for a in c["layout"].get("annotations", [])))
    # every fixture customer earns 10 %: the curve peaks at 100 % with all of them
    peak = f"Huippu {fmt_pct(1.0, 'fi')} (3 asiakasta)"
    assert peak in [a["text"] for a in whale["layout"]["annotations"]]
    recovery = next(c for c in _charts(at) if c["data"][0].get("orientation") == "h"
                    and "application (SOVELL)" in _values(c["data"][0]["y"]))
    assert all(abs(x - 1 / 0.9) < 1e-3 for x in _values(recovery["data"][0]["x"]))
    unallocated = fmt_eur(1750.5, "fi", 0)
    assert f"Kohdistamatta {unallocated}: ei kustannuspoolia {fmt_eur(1500, 'fi', 0)}" in text


def test_a_loss_maker_is_named_with_the_service_that_causes_it(warehouse, app_path):
    with duckdb.connect(str(warehouse.path)) as con:
        make_loss_maker(con, "C003", "SOVELL")
        margin = con.execute("select sum(charges_eur - cost_to_serve_eur) "
                             "from customer_service_costs_monthly where customer_id = 'C003' "
                             "and month > date '2023-03-01'").fetchone()[0]
    at = run_page(app_path, "app_pages/profitability.py")
    assert metric(at, "Tappiollisia") == "1"
    losers = next(f.value for f in at.dataframe if "Heikoin suoritelaji" in f.value.columns)
    assert list(losers["Asiakas"]) == ["Satamaliikelaitos"]
    assert list(losers["Heikoin suoritelaji"]) == ["application (SOVELL)"]
    assert list(losers["Kohdistusajuri"]) == [i18n.t("driver_applications", "fi")]
    assert float(losers["Kate"].iloc[0]) == float(margin) < 0
    assert at.selectbox(key="loss_customer").value == "C003"
    breakdown = next(c for c in _charts(at) if c["data"][0].get("name") == "Veloitukset"
                     and c["layout"].get("barmode") == "group")
    paid, cost = breakdown["data"][0], breakdown["data"][1]
    sovell = _values(paid["x"]).index("application (SOVELL)")
    assert _values(cost["y"])[sovell] > 3 * _values(paid["y"])[sovell]


def test_without_actual_costs_the_page_says_catalogue_costs_first_in_finnish(warehouse,
                                                                             app_path):
    with duckdb.connect(str(warehouse.path)) as con:
        con.execute("update customers set cost_basis = 'catalogue'")
    at = run_page(app_path, "app_pages/profitability.py")
    assert any("luettelohinnan kustannukset" in w.value for w in at.warning)
    at = run_page(app_path, "app_pages/profitability.py", lang="en")
    assert any("catalogue costs" in w.value for w in at.warning)
    assert at.title[0].value == "Profitability"


def test_pricing_shows_actual_rates_and_break_even_prices(warehouse, app_path):
    at = run_page(app_path, "app_pages/pricing.py")
    line = next(c.value for c in at.caption if c.value.startswith("Toteutunut kustannus"))
    with duckdb.connect(str(warehouse.path), read_only=True) as con:
        cost, quantity = con.execute(
            "select sum(cost_eur), sum(billed_quantity) from service_cost_recovery "
            "where activity_type = 'SOVELL' and month > date '2023-03-01'").fetchone()
    assert fmt_eur(float(cost) / float(quantity), "fi") in line
    assert fmt_pct(1 / 0.9, "fi") in line and "toteutuneet kustannukset" in line
    table = next(f.value for f in at.dataframe if "Kannattavuusraja" in f.value.columns)
    assert len(table) == 3 and set(table["Kattavuus"].round(4)) == {round(1 / 0.9, 4)}
