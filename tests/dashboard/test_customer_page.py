"""AppTest: the customer (care plan) page and the annual clock, editing and stale edits."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.data import careplan, engine
from warehouse.formats import fmt_eur

DB = engine.cached()  # the pages' reader: the served, cached engine

CUSTOMER_PAGE = "app_pages/customer.py"


def _customer(app_path: str, customer: str = "C001") -> AppTest:
    at = AppTest.from_file(app_path, default_timeout=60)
    at.query_params["customer"] = customer
    at.run()
    at.switch_page(CUSTOMER_PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _form_button(at: AppTest, form: str, label: str):
    return next(b for b in at.button if b.form_id == form and b.label == label)


def test_page_shows_the_plan_of_the_customer_in_the_url(warehouse, careplans, app_path):
    at = _customer(app_path, "C003")
    assert at.title[0].value == "Asiakkuuksien hoitosuunnitelma: Satamaliikelaitos"
    at = _customer(app_path)
    assert at.title[0].value == "Asiakkuuksien hoitosuunnitelma: Kasvatus ja opetus"
    current = careplan.customer_header(DB, "C001")["current_value_eur"].iloc[0]
    assert _metric(at, "Veloitukset 12 kk") == fmt_eur(current, "fi", decimals=0)
    assert at.sidebar.text_input(key="careplan_user").value == "Anna Aalto"
    subheaders = [s.value for s in at.subheader]
    for title in ("Asiakkaan kehittämishankkeet", "Kriittisten palveluiden säännölliset "
                  "toimenpiteet", "Säännöllisesti toistuvat tapahtumat (seuraavat 12 kk)",
                  "Asiakkaan havaitsemat pienkehitystarpeet", "Veloitusten muutoksen selitys",
                  "Laitteiden ikä ja ensi vuoden vaihdot", "Muutoshistoria"):
        assert title in subheaders
    assert len(at.get("plotly_chart")) == 4
    labels = [b.label for b in at.get("download_button")]
    assert "Budjettitapaamisen paketti (PDF)" in labels and "Vuosikello (.ics)" in labels


def test_potential_score_edit_is_saved_with_the_editor(warehouse, careplans, app_path):
    at = _customer(app_path)
    form = "cp_potential_C001:potential"
    at.slider(key=f"{form}_score").set_value(8)
    at.text_area(key=f"{form}_justification").input("Kasvu jatkuu voimakkaampana")
    _form_button(at, form, "Tallenna").click().run()
    assert not at.exception
    entry = careplans.single("C001")
    assert entry.fields == {"score": 8, "justification": "Kasvu jatkuu voimakkaampana"}
    assert entry.updated_by == "Anna Aalto"
    assert any("Kasvu jatkuu voimakkaampana" in str(df.value.to_dict()) for df in at.dataframe)


def test_new_project_is_added(warehouse, careplans, app_path):
    at = _customer(app_path)
    at.sidebar.text_input(key="careplan_user").input("Berit Berg").run()
    form = "cp_projects___new__"
    at.text_input(key=f"{form}_name").input("Mobiili työtapa")
    at.number_input(key=f"{form}_budget_eur").set_value(25000.0)
    _form_button(at, form, "Tallenna").click().run()
    assert not at.exception
    [entry] = careplans.entries("C001", "projects")
    assert entry.fields["name"] == "Mobiili työtapa" and entry.fields["budget_eur"] == 25000
    assert entry.updated_by == "Berit Berg"


def test_stale_edit_is_refused_with_a_clear_message(warehouse, careplans, app_path):
    entry = careplans.add("C001", "agreements", {"agreement": "Alkuperäinen"}, user="Anna Aalto")
    at = _customer(app_path)
    at.selectbox(key="cp_pick_agreements").set_value(entry.entry_id).run()
    form = f"cp_agreements_{entry.entry_id}"
    careplans.update(entry.entry_id, {"agreement": "Berit ehti ensin"}, expected_version=1,
                     user="Berit Berg")
    at.text_area(key=f"{form}_agreement").input("Annan muutos")
    _form_button(at, form, "Tallenna").click().run()
    assert not at.exception
    assert any("EI tallennettu" in e.value and "Berit Berg" in e.value for e in at.error)
    assert careplans.get(entry.entry_id).fields["agreement"] == "Berit ehti ensin"
    refused = careplans.history("C001")[0]
    assert refused["action"] == "refused"
    assert refused["new_fields"]["agreement"] == "Annan muutos"


def test_annual_clock_page_for_a_manager(warehouse, careplans, app_path):
    at = AppTest.from_file(app_path, default_timeout=60).run()
    at.switch_page("app_pages/annual_clock.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Vuosikello"
    assert at.selectbox(key="clock_manager").value == "Anna Aalto"
    assert len(at.get("plotly_chart")) == 1
    assert "Vie kalenteriin (.ics)" in [b.label for b in at.get("download_button")]
    at.selectbox(key="clock_manager").set_value("Berit Berg").run()
    assert not at.exception
