"""The annual clock's events as an iCalendar file (RFC 5545): all-day events, stable UIDs."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
from icalendar import Calendar, Event

from dashboard.report import labels


def _uid(row) -> str:
    key = f"{row.customer_id}|{row.kind}|{row.what}|{row.month}"
    return f"{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}@asiakastieto"


def calendar(events: pd.DataFrame, name: str) -> bytes:
    """One VEVENT per event (month, what, who, to_whom, where, kind, customer_name), on the
    first day of its month; a month-level event of the thesis's annual clock."""
    cal = Calendar()
    cal.add("prodid", "-//Asiakastieto//Vuosikello//FI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    kinds = labels.EVENT_KINDS["fi"]
    for row in events.itertuples(index=False):
        day = pd.Timestamp(row.month).date()
        event = Event()
        event.add("uid", _uid(row))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        customer = row.customer_name or ""
        event.add("summary", f"{row.what} – {customer}" if customer else row.what)
        event.add("description", "\n".join([
            f"Mitä: {row.what}", f"Kuka: {row.who}", f"Kenelle: {row.to_whom}",
            f"Missä: {row.where}", f"Asiakas: {customer or '–'}",
            f"Ajankohta: kuukauden aikana ({day:%m/%Y})",
        ]))
        if row.where and row.where != "–":
            event.add("location", row.where)
        event.add("categories", [kinds.get(row.kind, row.kind)])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
