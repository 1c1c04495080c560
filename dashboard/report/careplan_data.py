"""One customer's care plan as data: the header and one DataFrame per section and chart.

The customer page and the budget-meeting pack (html, xlsx, pdf) both call `assemble`, so the
numbers they show are the same, and equal the marts' (read through the page queries of
`dashboard.data.careplan` on any reader: the page's cached engine, or the CLI's plain reader). The
manual sections come from the care-plan store (`warehouse.careplans`), live.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from dashboard import i18n
from dashboard.data import careplan, names
from dashboard.data.names import Names
from dashboard.data.reader import Reader, month_start
from dashboard.report import budget_section, labels
from warehouse.careplans import SECTIONS, CarePlanStore
from warehouse.formats import fmt_int

TIMEZONE = "Europe/Helsinki"
CRITICAL_MAX = 2  # criticality 1 "Kriittinen" and 2 "Korkea" of the application register
MANUAL_SECTIONS = ("projects", "small_needs", "marketing", "agreements")
SECTION_ORDER = ("projects", "critical_services", "recurring_events", "small_needs",
                 "marketing", "agreements")
EVENT_COLUMNS = ["month", "what", "who", "to_whom", "where", "kind", "customer_id",
                 "customer_name"]


@dataclass
class CarePlan:
    """Everything of one customer's plan; `sections` in the thesis's order."""

    customer_id: str
    header: dict
    as_of: dt.date
    updated_at: pd.Timestamp | None
    sections: dict[str, pd.DataFrame]
    charges: pd.DataFrame
    changes: pd.DataFrame
    device_ages: pd.DataFrame
    potential: dict | None
    history: pd.DataFrame
    versions: dict[str, dict] = field(default_factory=dict)
    # Next year's budget proposal lines and the backtest summary (report/budget_section).
    budget: pd.DataFrame = field(default_factory=pd.DataFrame)
    budget_accuracy: pd.DataFrame = field(default_factory=pd.DataFrame)
    # The warehouse's names of services and customer types.
    names: Names = field(default_factory=Names)
    # The language the plan's generated texts (events, history) are worded in.
    lang: str = "fi"


def local_time(stamp: str | None) -> pd.Timestamp | None:
    """The store's UTC ISO timestamp as Helsinki wall-clock time (naive), for display."""
    if not stamp:
        return None
    return pd.Timestamp(stamp).tz_convert(TIMEZONE).tz_localize(None)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def window(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The next 12 months after the as-of month: [start, end)."""
    return add_months(as_of, 1), add_months(as_of, 13)


def manual_frame(store: CarePlanStore, customer_id: str, section: str) -> pd.DataFrame:
    """One row per live entry of a manual section, with entry_id, version and the editor."""
    rows = [{**entry.fields, "entry_id": entry.entry_id, "version": entry.version,
             "updated_by": entry.updated_by, "updated_at": local_time(entry.updated_at)}
            for entry in store.entries(customer_id, section)]
    columns = [*SECTIONS[section], "entry_id", "version", "updated_by", "updated_at"]
    frame = pd.DataFrame(rows, columns=columns)
    if section == "projects" and not frame.empty:
        frame = frame.sort_values("priority", na_position="last", kind="stable")
    return frame.reset_index(drop=True)


def critical_services(applications: pd.DataFrame, lang: str = "fi") -> pd.DataFrame:
    frame = applications[applications["criticality"].fillna(99) <= CRITICAL_MAX].copy()
    frame["maintenance"] = frame["maintenance"].map(lambda v: labels.maintenance(v, lang))
    return frame[["application", "updates_per_year", "next_update_month", "customer_contact",
                  "vendor", "maintenance", "it_resources", "criticality"]].reset_index(drop=True)


def _clock_events(start: dt.date, end: dt.date, customers: pd.DataFrame,
                  shared_once: bool, lang: str) -> list[dict]:
    events = []
    for month in range(12):
        day = add_months(start, month)
        for clock_month, what, who, to_whom, where, shared in labels.ANNUAL_CLOCK:
            if clock_month != day.month:
                continue
            targets = customers.head(1) if shared and shared_once else customers
            for row in targets.itertuples():
                events.append({"month": day, "what": labels.clock(what, lang),
                               "who": labels.clock(who, lang),
                               "to_whom": labels.clock(to_whom, lang),
                               "where": labels.clock(where, lang), "kind": "annual_clock",
                               "customer_id": None if shared and shared_once else row.customer_id,
                               "customer_name": i18n.t("all_customers", lang)
                               if shared and shared_once else row.customer_name})
    return [e for e in events if start <= e["month"] < end]


def _update_events(apps: pd.DataFrame, start: dt.date, end: dt.date,
                   names: dict[str, str], lang: str) -> list[dict]:
    """Each application's updates in the window: the next update, then every 12/n months."""
    events = []
    for app in apps.itertuples():
        if pd.isna(app.next_update_month) or pd.isna(app.updates_per_year):
            continue
        per_year = int(app.updates_per_year)
        if per_year <= 0:
            continue
        step = max(1, round(12 / per_year))
        first = pd.Timestamp(app.next_update_month).date().replace(day=1)
        day = first
        while day < end:
            if day >= start:
                events.append({
                    "month": day, "what": labels.clock("update", lang,
                                                       application=app.application),
                    "who": f"{labels.maintenance(app.maintenance, lang, who=True) or '–'}"
                           f" / {app.vendor or '–'}",
                    "to_whom": app.customer_contact or labels.clock("customer", lang),
                    "where": "–",
                    "kind": "application_update", "customer_id": app.customer_id,
                    "customer_name": names.get(app.customer_id, app.customer_id)})
            day = add_months(day, step)
    return events


def events(db: Reader, customers: pd.DataFrame, as_of: dt.date, *, shared_once: bool = False,
           lang: str = "fi") -> pd.DataFrame:
    """The next 12 months' events of the given customers (customer_id, customer_name):
    the annual clock, their application updates and device replacements, by month, worded
    in `lang`."""
    start, end = window(as_of)
    ids = tuple(customers["customer_id"])
    names = dict(zip(customers["customer_id"], customers["customer_name"], strict=True))
    rows = _clock_events(start, end, customers, shared_once, lang)
    if ids:
        rows += _update_events(careplan.applications_of(db, ids), start, end, names, lang)
        for rep in careplan.replacements_by_month(db, ids, start, end).itertuples():
            rows.append({"month": pd.Timestamp(rep.month).date(),
                         "what": labels.clock("replacement_one", lang) if rep.devices == 1
                         else labels.clock("replacements", lang,
                                           devices=fmt_int(rep.devices, lang)),
                         "who": labels.clock("workstation_service", lang),
                         "to_whom": names.get(rep.customer_id),
                         "where": labels.clock("at_customer", lang),
                         "kind": "device_replacement",
                         "customer_id": rep.customer_id,
                         "customer_name": names.get(rep.customer_id)})
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    order = {"annual_clock": 0, "application_update": 1, "device_replacement": 2}
    frame["_order"] = frame["kind"].map(order)
    return (frame.sort_values(["month", "_order", "customer_name", "what"], kind="stable")
            .drop(columns="_order").reset_index(drop=True))


def history_frame(store: CarePlanStore, customer_id: str, redact=None, lang: str = "fi"
                  ) -> pd.DataFrame:
    """`redact` (fields → fields, `warehouse.access.redact_fields`) hides names for viewers."""
    keep = redact or (lambda fields: fields)
    rows = [{"changed_at": local_time(h["changed_at"]), "changed_by": h["changed_by"],
             "section": h["section"], "change": h["action"], "version": h["version"],
             "old": _describe(keep(h["old_fields"]), lang),
             "new": _describe(keep(h["new_fields"]), lang)}
            for h in store.history(customer_id)]
    return pd.DataFrame(rows, columns=["changed_at", "changed_by", "section", "change",
                                       "version", "old", "new"])


def _describe(fields: dict | None, lang: str = "fi") -> str:
    if not fields:
        return ""
    return "; ".join(f"{labels.column(k, lang)}: {v}" for k, v in fields.items()
                     if v not in (None, ""))


def assemble(db: Reader, customer_id: str, store: CarePlanStore, lang: str = "fi"
             ) -> CarePlan:
    """The whole plan of one customer, its generated texts in `lang`; KeyError if the
    warehouse does not know it."""
    header = careplan.customer_header(db, customer_id)
    if header.empty:
        raise KeyError(customer_id)
    head = header.iloc[0].to_dict()
    as_of = pd.Timestamp(head["as_of_month"]).date()
    applications = careplan.customer_applications(db, customer_id)
    customer = pd.DataFrame({"customer_id": [customer_id],
                             "customer_name": [head["customer_name"]]})
    sections = {name: manual_frame(store, customer_id, name) for name in MANUAL_SECTIONS}
    sections["critical_services"] = critical_services(applications, lang)
    sections["recurring_events"] = events(db, customer, as_of, lang=lang)
    potential = store.single(customer_id)
    history = history_frame(store, customer_id, lang=lang)
    budget, budget_accuracy = budget_section.load(db, customer_id)
    return CarePlan(
        customer_id=customer_id,
        header=head,
        as_of=as_of,
        updated_at=history["changed_at"].iloc[0] if not history.empty else None,
        sections={name: sections[name] for name in SECTION_ORDER},
        charges=careplan.customer_charges(db, customer_id, month_start(as_of, 23), as_of),
        changes=careplan.customer_charge_changes(db, customer_id),
        device_ages=careplan.customer_device_ages(db, customer_id),
        potential=None if potential is None else {**potential.fields,
                                                  "version": potential.version,
                                                  "updated_by": potential.updated_by,
                                                  "updated_at": potential.updated_at},
        history=history,
        budget=budget,
        budget_accuracy=budget_accuracy,
        names=names.load(db),
        lang=lang,
    )


def waterfall_parts(changes: pd.DataFrame) -> pd.DataFrame:
    """The change explanation summed over services: previous, effects, current (label, eur)."""
    keys = ["volume_effect_eur", "price_effect_eur", "new_service_eur", "ended_service_eur",
            "other_effect_eur"]
    rows = [("previous_value_eur", float(changes["previous_value_eur"].sum()), "absolute")]
    rows += [(key, float(changes[key].sum()), "relative") for key in keys]
    rows.append(("current_value_eur", float(changes["current_value_eur"].sum()), "total"))
    return pd.DataFrame(rows, columns=["part", "amount_eur", "measure"])
