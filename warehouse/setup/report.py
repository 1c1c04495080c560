"""The terminal report of setup: one rich table per kind of decision, euros in Finnish."""

from __future__ import annotations

from decimal import Decimal

from rich.table import Table

from warehouse.formats import fmt_eur, fmt_quantity
from warehouse.setup.profile import Discovery


def _table(title: str, columns: list[str], right: set[str]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column, justify="right" if column in right else "left",
                         overflow="fold")
    return table


def codes_table(found: Discovery) -> Table:
    by_code = {s["activity_type"]: s for s in found.suggestions}
    by_prefix = {s["invoice_text_prefix"].lower(): s for s in found.suggestions}
    table = _table("1. Codes not in the service catalogue (draft: service_catalogue.csv)",
                   ["source", "code / text", "€", "quantity", "units", "receivers",
                    "sample texts", "suggestion"], {"€", "quantity", "receivers"})
    for row in found.codes:
        hint = by_code.get(row["code"]) if row["source"] == "sap_charges" else next(
            (s for p, s in by_prefix.items() if row["code"].lower().startswith(p)), None)
        said = (f"{hint['activity_type']} → {hint['service']}, {hint['unit']}, "
                f"{fmt_eur(Decimal(hint['unit_price_eur']))}, {hint['cost_driver']} "
                f"(confidence {hint['confidence']})") if hint else "–"
        table.add_row(row["source"], row["code"], fmt_eur(row["amount_eur"]),
                      fmt_quantity(row["quantity"]), row["units"] or "–", str(row["receivers"]),
                      "\n".join(row["samples"]), said)
    return table


def senders_table(found: Discovery) -> Table:
    table = _table("2. Cost centres that behave like senders (draft: sender_cost_centres.csv)",
                   ["suggested row", "name", "cost centres", "credit lines", "credits €",
                    "named as partner", "partner debits €", "credits/debits"],
                   {"cost centres", "credit lines", "credits €", "named as partner",
                    "partner debits €", "credits/debits"})
    for row in found.senders:
        table.add_row(row["cost_centre"], row["name"] or "", str(row["members"]),
                      f"{row['credit_lines']}/{row['lines']}", fmt_eur(row["credits"]),
                      str(row["partner_lines"]), fmt_eur(row["partner_debits"]),
                      "–" if row["mirror_ratio"] is None
                      else f"{row['mirror_ratio']:.2f}".replace(".", ","))
    return table


def unmapped_table(found: Discovery, limit: int = 30) -> Table:
    table = _table(f"3. Records no register rule maps (from the {found.unmapped_from}; draft: "
                   "unmapped.csv, for the register)", ["source", "key", "name", "€", "lines"],
                   {"€", "lines"})
    for row in found.unmapped[:limit]:
        table.add_row(row["source"], str(row["key"]), row["name"] or "",
                      fmt_eur(row["amount_eur"]), str(row["lines"]))
    if len(found.unmapped) > limit:
        table.caption = f"{len(found.unmapped) - limit} more in unmapped.csv"
    return table


def labels_table(found: Discovery) -> Table:
    table = _table("4. Header labels matched only loosely (add exact ones to labels.csv)",
                   ["source", "file", "warning"], set())
    for row in found.labels:
        table.add_row(row["source"], row["file_name"], row["warning"])
    return table


def unpooled_table(found: Discovery) -> Table:
    table = _table("5. Actual cost lines no cost_pools rule puts in a pool (they stay "
                   "unallocated: add rules to cost_pools.csv, docs/site.md)",
                   ["cost centre", "cost element", "name", "€", "lines"], {"€", "lines"})
    for row in found.unpooled:
        table.add_row(row["cost_centre"], row["cost_element"] or "–", row["name"] or "–",
                      fmt_eur(row["amount_eur"]), str(row["lines"]))
    return table


def tables(found: Discovery) -> list[Table | str]:
    """The report: a table per kind with rows, a line saying so for a kind without."""
    out: list[Table | str] = []
    costs = ("5. Every actual cost line has a cost pool." if found.has_costs else
             "5. No actual costs in sap_costs/: the profitability rests on catalogue costs.")
    for rows, make, none in (
            (found.codes, codes_table, "1. Every code is in the service catalogue."),
            (found.senders, senders_table, "2. No cost centre behaves like an unlisted sender."),
            (found.unmapped, unmapped_table, "3. Every record maps to a customer."),
            (found.labels, labels_table, "4. No header label was matched loosely."),
            (found.unpooled, unpooled_table, costs)):
        out.append(make(found) if rows else none)
    return out
