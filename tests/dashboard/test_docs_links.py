"""The data page's links into the served documentation: a model's dbt docs page, and each
check's validation page in the GX Data Docs (by the site's `checks.json`)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import yaml

from dashboard.data import docs

PROJECT = Path(__file__).resolve().parents[2]
PAGES = [
    {"page": "validations/sap_charges/R/T/ksb1_1.txt-L1-1.html", "source": "sap_charges",
     "load_id": "L1", "checks": [["amount_parses", "amount"], ["in_set", "in_master"]]},
    {"page": "validations/sap_charges/R/T/ksb1_1.txt-L1-0.html", "source": "sap_charges",
     "load_id": "L1", "checks": [["amount_parses", "amount"], ["in_set", "in_master"]]},
    {"page": "validations/sap_charges/R/T/ksb1_2.txt-L2-0.html", "source": "sap_charges",
     "load_id": "L2", "checks": [["amount_parses", "amount"]]},
    {"page": "validations/load_audit/R/T/load_audit.html", "source": None, "load_id": None,
     "checks": [["in_set", "status"]]},
    {"page": "validations/customers/R/T/customers.html", "source": "customers",
     "load_id": None, "checks": [["unique", "customer_id"]]},
]


def test_the_models_are_named_as_in_the_dbt_project():
    project = yaml.safe_load((PROJECT / "dbt_project" / "dbt_project.yml").read_text())
    assert project["name"] == docs.DBT_PROJECT


def test_each_check_links_to_the_page_that_shows_it():
    def page(source, load_id, expectation, column=None):
        return docs.check_page(PAGES, source, load_id, expectation, column)

    assert page("sap_charges", "L2", "amount_parses").endswith("ksb1_2.txt-L2-0.html")
    assert page("sap_charges", "L1", "amount_parses").endswith("-L1-0.html"), "first chunk"
    assert page("customers", None, "unique", "customer_id").endswith("customers.html")
    # a file's audit row carries its source and load: the column tells its suite's page
    assert page("sap_charges", "L1", "in_set", "status").endswith("load_audit.html")
    assert page("sap_charges", "L1", "in_set", "in_master").endswith("-L1-0.html")
    assert page("sccm", "L7", "not_on_any_page") is None


def test_links_appear_once_the_sites_exist(tmp_path, monkeypatch):
    monkeypatch.setenv("ASIAKASTIETO_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    results = pd.DataFrame({"source": ["sap_charges", "sccm"], "load_id": ["L2", None],
                            "expectation": ["amount_parses", "rows"],
                            "column_name": ["amount", None]})
    assert docs.sites() == {"data_docs": None, "dbt_docs": None}
    assert docs.model_url("customers") is None
    assert list(docs.with_check_pages(results).columns) == ["source", "expectation"]

    site = tmp_path / "warehouse_data_docs"
    site.mkdir()
    (site / "index.html").write_text("<h1>index</h1>")
    (site / "checks.json").write_text(json.dumps(PAGES))
    (tmp_path / "warehouse_dbt_docs").mkdir()
    (tmp_path / "warehouse_dbt_docs" / "index.html").write_text("<h1>dbt</h1>")
    assert docs.sites() == {"data_docs": "/docs/quality/", "dbt_docs": "/docs/dbt/"}
    assert docs.model_url("customers") == "/docs/dbt/#!/model/model.asiakastieto.customers"
    linked = docs.with_check_pages(results)
    assert linked[docs.LINK].tolist() == [
        "/docs/quality/validations/sap_charges/R/T/ksb1_2.txt-L2-0.html", "/docs/quality/"]
