"""The tables of a site folder: their columns, what each cell must be, and how to say so."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

COST_DRIVERS = ("billed_quantity", "active_devices", "staff", "applications")
# How a service's actual cost is shared among its customers (docs/definitions.md): the
# catalogue's drivers, and IT effort of applications, age-weighted devices, one equal share
# per customer billed for the code.
ALLOCATION_DRIVERS = (*COST_DRIVERS, "application_effort", "aged_devices", "customers")
# The pool of cost lines that are not the centre's cost (internal transfers, the
# allocation's own credits): listed, never allocated nor counted as actual cost.
EXCLUDED_POOL = "excluded"
BUDGET_ADJUSTMENTS = ("staff_trend", "devices", "applications", "hours_average", "none")
_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
_CODE = re.compile(r"^[0-9A-Za-z_./-]+$")
_PREFIX = re.compile(r"^[0-9A-Za-z]+\*?$")


class CellError(ValueError):
    """A cell's value is not acceptable; the message says what to write instead."""


def text(value: str) -> str:
    return value


def code(value: str) -> str:
    if not _CODE.match(value):
        raise CellError(f"{value!r} is not a code: letters, digits and _ . / - only, no spaces")
    return value.upper()


def identifier(value: str) -> str:
    if not _IDENT.match(value):
        raise CellError(f"{value!r} is not an identifier: lower-case letters, digits and _ "
                        "only, starting with a letter (e.g. workstation)")
    return value


def cost_centre_prefix(value: str) -> str:
    if not _PREFIX.match(value):
        raise CellError(f"{value!r} is not a cost centre: write its code (2101010) or a prefix "
                        "ending in * (1310*)")
    body = value.rstrip("*").lstrip("0") or "0"
    return body + ("*" if value.endswith("*") else "")


def code_pattern(value: str) -> str:
    """A code (leading zeros ignored), a prefix ending in `*`, or `*` alone (any code)."""
    if value == "*":
        return value
    if not _PREFIX.match(value):
        raise CellError(f"{value!r} is not a code pattern: write a code (4000000), a prefix "
                        "ending in * (40*) or * for any")
    return cost_centre_prefix(value).upper()


def percent(value: str) -> str:
    """A share in per cent, more than 0 and at most 100, at most 2 decimals: `33,33`."""
    cleaned = value.replace("\u00a0", "").replace(" ", "").replace("%", "").replace(",", ".")
    try:
        share = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(f"{value!r} is not a per cent: write it like 25 or 33,33") from None
    if not 0 < share <= 100 or share.as_tuple().exponent < -2:
        raise CellError(f"{value!r}: a share is more than 0 and at most 100 per cent, with at "
                        "most 2 decimals")
    return str(share)


def euros(value: str) -> str:
    """A non-negative amount, written `42,00`, `42.00` or `1 234,50`; kept as text `42.00`."""
    cleaned = value.replace("\u00a0", "").replace(" ", "").replace("€", "")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    cleaned = cleaned.replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(f"{value!r} is not an amount: write it like 42,00 or 42.00") from None
    if amount < 0 or amount.as_tuple().exponent < -4:
        raise CellError(f"{value!r}: an amount here is zero or more, with at most 4 decimals")
    return str(amount)


def whole(value: str) -> str:
    if not re.fullmatch(r"\d{1,4}", value):
        raise CellError(f"{value!r} is not a whole number")
    return str(int(value))


def date(value: str) -> str:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    raise CellError(f"{value!r} is not a date: write it like 31.3.2026 or 2026-03-31")


def one_of(*allowed: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in allowed:
            raise CellError(f"{value!r} is not one of {', '.join(allowed)}")
        return value
    return check


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], str] = text
    required: bool = True
    help: str = ""


@dataclass(frozen=True)
class Table:
    """One table of the site folder (`<name>.csv` or `<name>.xlsx`)."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    description: str

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


TABLES: dict[str, Table] = {t.name: t for t in (
    Table("service_catalogue", (
        Column("activity_type", code, help="the code in the charges' activity-type column "
               "(activity type or material code)"),
        Column("service", identifier, help="the service it belongs to (several codes may "
               "share one)"),
        Column("service_name_fi"),
        Column("service_name_en"),
        Column("unit", help="the billing unit (kpl, h, hlö)"),
        Column("unit_price_eur", euros),
        Column("unit_cost_eur", euros),
        Column("cost_driver", one_of(*COST_DRIVERS)),
        Column("invoice_text_prefix", required=False, help="the start of invoice texts that "
               "bill this code"),
        Column("allocation_driver", one_of(*ALLOCATION_DRIVERS), required=False,
               help="how the code's actual cost is shared among customers (empty = "
               "cost_driver)"),
    ), ("activity_type",), "Every code the centre charges with: its service, unit, price, "
       "unit cost, cost driver and the driver its actual cost is allocated by."),
    Table("customer_types", (
        Column("customer_type", identifier),
        Column("name_fi"),
        Column("name_en"),
        Column("payment"),
        Column("sort_order", whole),
        Column("labels", required=False, help="';'-separated names the register may use"),
    ), ("customer_type",), "The kinds of customer and the names the register uses for them."),
    Table("sender_cost_centres", (
        Column("cost_centre", cost_centre_prefix),
        Column("name", required=False),
    ), ("cost_centre",), "The centre's own cost centres: senders of the allocation, never "
       "customers."),
    Table("budget_drivers", (
        Column("activity_type", code),
        Column("adjustment", one_of(*BUDGET_ADJUSTMENTS)),
    ), ("activity_type",), "Which driver moves each code's quantity in the budget proposal."),
    Table("price_list_next_year", (
        Column("activity_type", code),
        Column("unit_price_eur", euros),
    ), ("activity_type",), "Next year's decided unit prices (empty = this year's)."),
    Table("price_list_history", (
        Column("price_year", whole),
        Column("activity_type", code),
        Column("unit_price_eur", euros),
        Column("decided_on", date),
    ), ("price_year", "activity_type"), "Decided price lists by year and when each was "
       "decided."),
    Table("cost_pools", (
        Column("cost_centre", code_pattern, help="a cost centre of the centre's actual costs, "
               "a prefix ending in * (1310*) or * for any"),
        Column("cost_element", code_pattern, help="a cost element, a prefix ending in * (40*) "
               "or * for any"),
        Column("pool", identifier, help=f"the cost pool (personnel, licences, …), or "
               f"{EXCLUDED_POOL} for lines that are not the centre's cost"),
        Column("name", required=False),
    ), ("cost_centre", "cost_element"), "Which cost pool each actual cost line belongs to, by "
       "its cost centre and cost element; the most specific rule wins."),
    Table("pool_services", (
        Column("pool", identifier),
        Column("activity_type", code, help="a code of service_catalogue"),
        Column("share_pct", percent, help="the pool's share that goes to the code, in per "
               "cent; the shares of a pool add up to at most 100"),
    ), ("pool", "activity_type"), "How each cost pool is shared among the services (codes of "
       "the catalogue); what a pool does not share stays unallocated."),
    Table("labels", (
        Column("source", identifier),
        Column("field", identifier),
        Column("label"),
    ), ("source", "field", "label"), "The centre's own header labels of its exports."),
)}

# Tables whose codes must be in the service catalogue.
CATALOGUE_CODES = ("budget_drivers", "price_list_next_year", "price_list_history",
                   "pool_services")
