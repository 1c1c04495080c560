"""A care plan as a viewer may see it: contact persons' names replaced by `—`.

Used by the customer page and the budget-meeting pack, so the page, its CSV downloads and the
PDF/XLSX/HTML pack hide the same names. Directors and partnership managers see the plan as is.
"""

from __future__ import annotations

import dataclasses

from dashboard.report import careplan_data
from warehouse import access
from warehouse.careplans import CarePlanStore


def redact_plan(plan: careplan_data.CarePlan, user: access.User | None,
                store: CarePlanStore) -> careplan_data.CarePlan:
    if access.sees_contacts(user):
        return plan
    header = dict(plan.header)
    for column in access.PERSON_COLUMNS & set(header):
        if header[column] not in (None, ""):
            header[column] = access.REDACTED
    sections = {name: access.redact_contacts(frame, user)
                for name, frame in plan.sections.items()}
    if "recurring_events" in sections:
        sections["recurring_events"] = access.redact_events(sections["recurring_events"], user)
    history = careplan_data.history_frame(
        store, plan.customer_id, redact=lambda fields: access.redact_fields(fields, user),
        lang=plan.lang)
    return dataclasses.replace(plan, header=header, sections=sections, history=history)
