"""The care-plan store: versions, refused stale edits, history, concurrency and the export."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from warehouse.careplans import RAW_TABLE, CarePlanStore, StaleEdit, export_to

PROJECT = {"name": "Sähköinen työpöytä", "start_date": "2024-01-01", "end_date": "2024-07-31",
           "project_manager": "T. Nimetön", "budget_eur": 10000, "it_representative":
           "H. Iloinen", "action": "Seuranta 1 krt/kk", "priority": 1}


@pytest.fixture
def store(tmp_path: Path) -> CarePlanStore:
    return CarePlanStore(tmp_path / "careplans.sqlite")


def test_add_update_and_history_record_who_when_old_new(store):
    entry = store.add("C001", "projects", PROJECT, user="Anna Aalto")
    assert entry.version == 1 and entry.fields["name"] == "Sähköinen työpöytä"
    changed = store.update(entry.entry_id, {**PROJECT, "priority": 2}, expected_version=1,
                           user="Berit Berg")
    assert changed.version == 2 and changed.updated_by == "Berit Berg"
    history = store.history("C001")
    assert [h["action"] for h in history] == ["update", "insert"]
    assert history[0]["changed_by"] == "Berit Berg" and history[0]["changed_at"]
    assert history[0]["old_fields"]["priority"] == 1
    assert history[0]["new_fields"]["priority"] == 2
    with sqlite3.connect(store.path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_stale_write_is_refused_and_kept_in_history(store):
    entry = store.add("C001", "agreements", {"agreement": "A", "agreed_date": None}, user="A")
    store.update(entry.entry_id, {"agreement": "B"}, expected_version=1, user="Berit")
    with pytest.raises(StaleEdit, match="not saved") as caught:
        store.update(entry.entry_id, {"agreement": "C"}, expected_version=1, user="Anna")
    assert caught.value.entry.updated_by == "Berit"
    assert store.get(entry.entry_id).fields["agreement"] == "B"
    refused = store.history("C001")[0]
    assert refused["action"] == "refused" and refused["new_fields"] == {"agreement": "C"}
    with pytest.raises(StaleEdit):
        store.delete(entry.entry_id, expected_version=1, user="Anna")
    assert store.entries("C001", "agreements")


def test_every_write_names_its_user(store):
    with pytest.raises(ValueError, match="user"):
        store.add("C001", "marketing", {"action": "x"}, user=" ")
    with pytest.raises(ValueError, match="unknown fields"):
        store.add("C001", "marketing", {"oops": "x"}, user="A")


def test_history_is_append_only(store):
    store.add("C001", "marketing", {"action": "Mobiili työtapa"}, user="A")
    with sqlite3.connect(store.path) as con, pytest.raises(sqlite3.IntegrityError):
        con.execute("UPDATE history SET changed_by = 'someone else'")


def test_potential_score_is_one_entry_per_customer(store):
    first = store.save_single("C001", "potential", {"score": 7, "justification": "kasvu"},
                              expected_version=0, user="Anna")
    with pytest.raises(StaleEdit):
        store.save_single("C001", "potential", {"score": 3}, expected_version=0, user="Berit")
    second = store.save_single("C001", "potential", {"score": 8}, expected_version=1,
                               user="Anna")
    assert (first.version, second.version) == (1, 2)
    assert store.single("C001").fields == {"score": 8, "justification": None}


def test_two_managers_editing_the_same_entry_at_once_lose_nothing(store):
    entry = store.add("C001", "small_needs", {"need": "SSO"}, user="A")
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def edit(user: str) -> None:
        barrier.wait()
        try:
            CarePlanStore(store.path).update(entry.entry_id, {"need": f"SSO ({user})"},
                                             expected_version=1, user=user)
            outcome[user] = "saved"
        except StaleEdit:
            outcome[user] = "refused"

    threads = [threading.Thread(target=edit, args=(u,)) for u in ("Anna", "Berit")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome.values()) == ["refused", "saved"]
    winner = next(u for u, o in outcome.items() if o == "saved")
    loser = next(u for u, o in outcome.items() if o == "refused")
    assert store.get(entry.entry_id).fields["need"] == f"SSO ({winner})"
    typed = [h["new_fields"]["need"] for h in store.history("C001") if h["action"] == "refused"]
    assert typed == [f"SSO ({loser})"], "the refused text stays in the history"


_WRITER = """
import sys
from pathlib import Path
from warehouse.careplans import CarePlanStore
store = CarePlanStore(Path(sys.argv[1]))
for number in range(int(sys.argv[3])):
    store.add("C002", "marketing", {"action": f"{sys.argv[2]} {number}"}, user=sys.argv[2])
"""


def test_concurrent_writers_in_two_processes_lose_no_entry(store):
    # Plain interpreters, not multiprocessing: a spawned child re-runs the parent's __main__,
    # which under Streamlit's AppTest is the dashboard script.
    workers = [subprocess.Popen([sys.executable, "-c", _WRITER, str(store.path), user, "40"])
               for user in ("Anna", "Berit")]
    for worker in workers:
        assert worker.wait(timeout=300) == 0, f"writer exited with {worker.returncode}"
    assert len(store.entries("C002", "marketing")) == 80
    assert len(store.history("C002")) == 80


def test_export_lands_the_entries_as_text_in_the_raw_store(store, tmp_path):
    entry = store.add("C001", "potential", {"score": 9, "justification": "x"}, user="A")
    gone = store.add("C001", "marketing", {"action": "y"}, user="A")
    store.delete(gone.entry_id, expected_version=1, user="A")
    with duckdb.connect(str(tmp_path / "raw.duckdb")) as con:
        assert export_to(store.path, con) == 2
        rows = dict(con.execute(
            f"SELECT entry_id, is_deleted FROM {RAW_TABLE}").fetchall())
        types = {r[1] for r in con.execute(f"DESCRIBE {RAW_TABLE}").fetchall()}
    assert rows == {entry.entry_id: "false", gone.entry_id: "true"}
    assert types == {"VARCHAR"}


def test_export_of_a_missing_store_is_an_empty_table(tmp_path):
    with duckdb.connect() as con:
        assert export_to(tmp_path / "none.sqlite", con) == 0
        assert con.execute(f"SELECT count(*) FROM {RAW_TABLE}").fetchone()[0] == 0
    assert not (tmp_path / "none.sqlite").exists()


def test_change_numbers_say_which_saves_an_export_holds(store, tmp_path):
    assert store.last_change() == 0 and store.sections_changed_after(0) == set()
    entry = store.add("C001", "agreements", {"agreement": "A", "agreed_date": None}, user="A")
    store.save_single("C002", "potential", {"score": 7, "justification": "j"},
                      expected_version=0, user="A")
    with pytest.raises(StaleEdit):
        store.update(entry.entry_id, {"agreement": "C"}, expected_version=9, user="B")
    assert store.last_change() == 2, "a refused attempt is no change"
    assert store.sections_changed_after(0) == {"agreements", "potential"}
    assert store.sections_changed_after(1) == {"potential"}
    with duckdb.connect(str(tmp_path / "raw.duckdb")) as con:
        export_to(store.path, con)
        assert con.execute("select store_change, entries from raw_careplan_export"
                           ).fetchall() == [("2", "2")]
