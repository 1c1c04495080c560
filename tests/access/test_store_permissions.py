"""Each role's permissions, enforced by the care-plan store itself (not only by the page):
a partnership manager cannot edit another manager's customer even by calling the store
directly, as a crafted request would; every refused attempt and every edit is audited."""

from __future__ import annotations

import pytest

from warehouse import access
from warehouse.careplans import CarePlanStore

ANNA = access.User("anna", "manager", "Anna Aalto", "Anna Aalto", "local")
BERIT = access.User("berit", "manager", "Berit Berg", "Berit Berg", "local")
DIRECTOR = access.User("dir", "director", "Dora Director", None, "local")
VIEWER = access.User("view", "viewer", "Ville Viewer", None, "local")
PROJECT = {"name": "P", "start_date": "2024-04-01", "end_date": None, "project_manager": "Pia",
           "budget_eur": 1000.0, "it_representative": "Ike", "action": "", "priority": 1}


@pytest.fixture
def store(site):
    return CarePlanStore(site["careplans"])


def _denied():
    return [r for r in access.audit_rows() if r["outcome"] == "denied"]


def test_director_edits_every_customer(store):
    for customer in ("C001", "C002", "C004"):
        entry = store.add(customer, "projects", PROJECT, user=DIRECTOR)
        assert entry.created_by == "Dora Director"
        store.update(entry.entry_id, {**PROJECT, "name": "Q"}, expected_version=1,
                     user=DIRECTOR)
    assert {r["target"] for r in access.audit_rows() if r["action"] == "careplan_edit"} == {
        "C001", "C002", "C004"}


def test_manager_edits_own_customers_only(store):
    own = store.add("C001", "projects", PROJECT, user=ANNA)
    store.add("C003", "marketing", {"action": "a", "target": "b"}, user=ANNA)
    store.save_single("C001", "potential", {"score": 8, "justification": "x"},
                      expected_version=0, user=ANNA)
    with pytest.raises(access.Forbidden):
        store.add("C002", "projects", PROJECT, user=ANNA)
    with pytest.raises(access.Forbidden):
        store.save_single("C002", "potential", {"score": 1, "justification": "x"},
                          expected_version=0, user=ANNA)
    assert store.entries("C002") == [] and store.single("C002") is None
    # and Berit cannot touch Anna's entry, whatever version she claims
    with pytest.raises(access.Forbidden):
        store.update(own.entry_id, {**PROJECT, "name": "hijack"}, expected_version=1,
                     user=BERIT)
    with pytest.raises(access.Forbidden):
        store.delete(own.entry_id, expected_version=1, user=BERIT)
    current = store.get(own.entry_id)
    assert current.version == 1 and current.fields["name"] == "P" and not current.is_deleted
    assert [h["action"] for h in store.history("C001")] == ["insert", "insert"]
    assert [(r["username"], r["target"]) for r in _denied()] == [
        ("berit", "C001"), ("berit", "C001"), ("anna", "C002"), ("anna", "C002")]


def test_viewer_edits_nothing(store):
    entry = store.add("C001", "agreements", {"agreement": "A", "agreed_date": None},
                      user=DIRECTOR)
    with pytest.raises(access.Forbidden):
        store.add("C001", "agreements", {"agreement": "B", "agreed_date": None}, user=VIEWER)
    with pytest.raises(access.Forbidden):
        store.update(entry.entry_id, {"agreement": "C"}, expected_version=1, user=VIEWER)
    assert store.get(entry.entry_id).fields["agreement"] == "A"
    assert {r["username"] for r in _denied()} == {"view"}


def test_manager_without_a_warehouse_is_refused(store, site):
    """Fails closed: when the warehouse cannot say who manages the customer, no edit."""
    site["warehouse"].rename(site["warehouse"].with_name("moved.duckdb"))
    with pytest.raises(access.Forbidden):
        store.add("C001", "projects", PROJECT, user=ANNA)
    store.add("C001", "projects", PROJECT, user=DIRECTOR)


def test_the_operator_string_is_recorded_as_is(store):
    """The CLI and scripts (who can write the store file anyway) pass a plain name."""
    entry = store.add("C002", "marketing", {"action": "a", "target": "b"}, user="operator")
    assert entry.created_by == "operator"
