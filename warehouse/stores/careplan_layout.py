"""What a care plan holds and how its store lays it out: the sections and their fields (the
thesis's template, appendix 4, plus the budget's overrides and price proposals) and the SQLite
layout with its versions (`warehouse.stores.schema`)."""

from __future__ import annotations

from warehouse.stores.schema import Schema

# Section → its fields and their kinds (text, date, eur, int, bool, score), as in the thesis's
# template (appendix 4). `potential` holds one entry per customer.
SECTIONS: dict[str, dict[str, str]] = {
    "projects": {"name": "text", "start_date": "date", "end_date": "date",
                 "project_manager": "text", "budget_eur": "eur", "it_representative": "text",
                 "action": "text", "priority": "int"},
    "small_needs": {"need": "text", "impact": "text", "observed_date": "date",
                    "is_budgeted": "bool", "fits_environment": "bool"},
    "marketing": {"action": "text", "target": "text"},
    "agreements": {"agreement": "text", "agreed_date": "date"},
    "potential": {"score": "score", "justification": "text"},
}
SINGLE_SECTIONS = {"potential"}

# ---- Budget: an override of one line of next year's budget proposal, with its
# justification (`line_key` as in the mart `budget_proposal_lines`, `amount_eur` the new yearly
# €), and a next-year unit price proposal saved from the pricing what-if (customer "*").
SECTIONS["budget_override"] = {"budget_year": "int", "activity_type": "text",
                               "line_key": "text", "amount_eur": "eur",
                               "justification": "text"}
SECTIONS["price_proposal"] = {"name": "text", "activity_type": "text", "unit_price_eur": "eur",
                              "cost_driver": "text", "use_for_budget": "bool", "note": "text"}
ALL_CUSTOMERS = "*"
# ---- end budget ----

# Version 1 = the unversioned layout (version 0); a change is a new migration, never an edit.
LAYOUT_V1 = """
CREATE TABLE IF NOT EXISTS entries (
    entry_id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    section TEXT NOT NULL,
    fields TEXT NOT NULL,
    version INTEGER NOT NULL,
    is_deleted INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_by_customer ON entries (customer_id, section);
CREATE TABLE IF NOT EXISTS history (
    change_id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    section TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'refused')),
    version INTEGER,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    old_fields TEXT,
    new_fields TEXT
);
CREATE INDEX IF NOT EXISTS history_by_customer ON history (customer_id, change_id);
CREATE TRIGGER IF NOT EXISTS history_is_append_only_u BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS history_is_append_only_d BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
"""
SCHEMA = Schema("care-plan store", (LAYOUT_V1,))
