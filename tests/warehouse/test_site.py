"""The site folder: read as people save it, every mistake named by file, row and field, and
every change kept."""

import json

import duckdb
import pytest
import xlsxwriter

from ingest.demo import DEMO_SITE, write_site
from warehouse.site import (
    DEFAULTS,
    SiteError,
    create_site,
    export_to,
    load_site,
    read_history,
    record_changes,
)

HEADER = ("activity_type,service,service_name_fi,service_name_en,unit,unit_price_eur,"
          "unit_cost_eur,cost_driver,invoice_text_prefix\n")


@pytest.fixture
def site(tmp_path):
    return create_site(tmp_path / "site", name="Testikaupunki")


def _problems(folder) -> list[str]:
    with pytest.raises(SiteError) as err:
        load_site(folder)
    return err.value.problems


def test_defaults_load_and_carry_every_policy_setting():
    defaults = load_site(DEFAULTS)
    assert defaults.tables["service_catalogue"] == []
    assert len(defaults.tables["customer_types"]) == 6
    policy = defaults.dbt_vars()
    assert policy["lifecycle_months"] == 48 and policy["budget_trend_months"] == 3
    assert defaults.required_sources == ("sap_charges", "register", "sccm")


def test_a_new_site_takes_its_name_and_the_defaults(site):
    loaded = load_site(site)
    assert loaded.name == "Testikaupunki" and not loaded.is_demo
    with pytest.raises(SiteError, match="exists already"):
        create_site(site)


def test_missing_folder_says_how_to_create_it(tmp_path):
    [problem] = _problems(tmp_path / "nowhere")
    assert "no site configuration" in problem and "asiakastieto setup" in problem


def test_excel_semicolon_csv_with_decimal_commas_in_windows_1252(site):
    text = HEADER.replace(",", ";") + (
        "ws01;workstation;Työasemapalvelu;Workstation;kpl;42,50;1 234,5;active_devices;Työasema\n")
    (site / "service_catalogue.csv").write_bytes(text.encode("cp1252"))
    [row] = load_site(site).tables["service_catalogue"]
    assert row["activity_type"] == "WS01"
    assert (row["unit_price_eur"], row["unit_cost_eur"]) == ("42.50", "1234.5")
    assert row["service_name_fi"] == "Työasemapalvelu"


def test_xlsx_tables_are_read(site):
    book = xlsxwriter.Workbook(str(site / "sender_cost_centres.xlsx"))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["cost_centre", "name"])
    sheet.write_row(1, 0, ["0905*", "IT"])
    sheet.write_number(2, 0, 9060001)  # Excel stores a typed code as a number
    book.close()
    (site / "sender_cost_centres.csv").unlink()
    rows = load_site(site).tables["sender_cost_centres"]
    assert [r["cost_centre"] for r in rows] == ["905*", "9060001"]


def test_every_mistake_is_named_by_file_row_and_field(site):
    (site / "service_catalogue.csv").write_text(
        HEADER + "WS01,workstation,Työasema,Workstation,kpl,4x,1,devices,\n"
                 "WS01,workstation,Työasema,Workstation,kpl,4,1,active_devices,\n"
                 "EXP 7,Expert,,Expert,h,90,80,billed_quantity,\n", encoding="utf-8")
    (site / "price_list_next_year.csv").write_text(
        "activity_type,unit_price_eur\nNOPE,1\n", encoding="utf-8")
    (site / "labels.csv").write_text(
        "source,field,label\nsap_charges,amount,Veloitus\nsccm,price,Hinta\n"
        "sap_charges,amount,Kustannuspaikka\n", encoding="utf-8")
    (site / "site.toml").write_text(
        '[policy]\nlifecycle_month = 40\nhorizon_years = "3"\n[site]\nname = "T"\n'
        'required_sources = ["sap_charges", "saabe"]\n', encoding="utf-8")
    text = "\n".join(_problems(site))
    catalogue = str(site / "service_catalogue.csv")
    assert f"{catalogue}: row 2, field unit_price_eur: '4x' is not an amount" in text
    assert f"{catalogue}: row 2, field cost_driver: 'devices' is not one of" in text
    assert f"{catalogue}: row 3: activity_type WS01 is already on row 2" in text
    assert f"{catalogue}: row 4, field activity_type: 'EXP 7' is not a code" in text
    assert f"{catalogue}: row 4, field service: 'Expert' is not an identifier" in text
    assert f"{catalogue}: row 4, field service_name_fi: empty" in text
    assert "price_list_next_year: row 2, field activity_type: NOPE is not in service_catalogue" \
        in text
    assert "labels: row 3, field field: 'price' is not a field of sccm" in text
    assert "labels: row 4, field label: label 'Kustannuspaikka' of sap_charges.amount already " \
        "names sap_charges.cost_centre" in text
    assert "[policy] lifecycle_month is not a setting (did you mean lifecycle_months?)" in text
    assert "[policy] horizon_years = '3' should be a whole number" in text
    assert "required_sources names 'saabe'" in text


def test_the_cost_model_is_checked_by_file_row_and_field(site):
    (site / "service_catalogue.csv").write_text(
        HEADER.rstrip("\n") + ",allocation_driver\n"
        "WS01,workstation,Työasema,Workstation,kpl,40,35,active_devices,,aged_devices\n"
        "HD01,support,Tuki,Support,hlö,9,8,staff,,tickets\n", encoding="utf-8")
    (site / "cost_pools.csv").write_text(
        "cost_centre,cost_element,pool\n0905*,*,devices\n9050010,40 00,staff\n"
        "*,499*,excluded\n0905*,*,support\n", encoding="utf-8")
    (site / "pool_services.csv").write_text(
        "pool,activity_type,share_pct\ndevices,WS01,60\ndevices,HD01,\"50,5\"\n"
        "premises,WS01,10\nexcluded,WS01,100\ndevices,XX9,0\n", encoding="utf-8")
    text = "\n".join(_problems(site))
    catalogue, pools = (str(site / f"{n}.csv") for n in ("service_catalogue", "cost_pools"))
    shares = str(site / "pool_services")
    assert f"{catalogue}: row 3, field allocation_driver: 'tickets' is not one of" in text
    assert f"{pools}: row 3, field cost_element: '40 00' is not a code pattern" in text
    assert f"{pools}: row 5: cost_centre, cost_element 905*/* is already on row 2" in text
    assert f"{shares}: row 4, field pool: no row of cost_pools puts costs in 'premises'" in text
    assert f"{shares}: row 5, field pool: excluded holds the lines that are not" in text
    assert f"{shares}.csv: row 6, field share_pct: '0': a share is more than 0" in text
    assert "pool_services: row 6, field activity_type: XX9 is not in service_catalogue" in text
    assert "pool_services: rows 2, 3: the shares of pool devices add up to 110.5 %" in text


def test_the_demo_cost_model_loads_with_its_competing_rules():
    demo = load_site(DEMO_SITE)
    rules = {(r["cost_centre"], r["cost_element"]): r["pool"] for r in demo.tables["cost_pools"]}
    assert rules[("*", "435*")] == "licences" and rules[("1310410", "435*")] == "applications"
    drivers = {r["activity_type"]: r["allocation_driver"]
               for r in demo.tables["service_catalogue"]}
    assert drivers["SOVELL"] == "application_effort" and drivers["VERKKO"] == "customers"


def test_a_missing_header_column_is_named(site):
    (site / "budget_drivers.csv").write_text("activity_type\nWS01\n", encoding="utf-8")
    assert any("row 1 (header) lacks column(s) adjustment" in p for p in _problems(site))


def test_changes_are_recorded_with_who_what_and_when(site):
    first = load_site(site)
    assert record_changes(first, by="maija") == 1  # the folder as first seen
    assert record_changes(first, by="maija") == 0  # nothing changed since
    (site / "service_catalogue.csv").write_text(
        HEADER + "WS01,workstation,Työasema,Workstation,kpl,40,35,active_devices,\n",
        encoding="utf-8")
    text = (site / "site.toml").read_text(encoding="utf-8")
    (site / "site.toml").write_text(text.replace("lifecycle_months = 48",
                                                 "lifecycle_months = 60"), encoding="utf-8")
    assert record_changes(load_site(site), by="pekka", via="setup: accepted suggestion") == 2
    history = read_history(site)
    added = next(e for e in history if e["file"] == "service_catalogue")
    assert (added["by"], added["via"], added["change"], added["key"]) == (
        "pekka", "setup: accepted suggestion", "added", "WS01")
    assert added["detail"]["after"]["unit_price_eur"] == "40"
    changed = next(e for e in history if e["key"] == "[policy] lifecycle_months")
    assert changed["detail"] == {"before": 48, "after": 60} and changed["file_modified"]


def test_export_replaces_the_site_tables_of_the_raw_store(site, tmp_path):
    loaded = load_site(site)
    record_changes(loaded, by="maija")
    with duckdb.connect(str(tmp_path / "raw.duckdb")) as con:
        version = export_to(loaded, con)
        export_to(loaded, con)
        assert con.execute("select count(*) from site_customer_types").fetchone()[0] == 6
        assert con.execute("select site_name, site_version from site_meta").fetchall() == [
            ("Testikaupunki", version)]
        value = con.execute("select value from site_settings where key = 'lifecycle_months'"
                            ).fetchone()[0]
        assert json.loads(value) == 48
        assert con.execute("select count(*) from site_history").fetchone()[0] == 1


def test_the_demo_site_is_written_again_but_never_over_a_real_one(tmp_path, site):
    demo = write_site(tmp_path / "demo")
    assert load_site(demo).is_demo
    assert {p.name for p in DEMO_SITE.iterdir()} <= {p.name for p in demo.iterdir()}
    write_site(demo)  # a demo site is refreshed in place
    with pytest.raises(ValueError, match="not the demo city's"):
        write_site(site)
