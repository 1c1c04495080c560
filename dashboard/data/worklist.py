"""The data steward's worklist: records that resolve to no customer (`unmapped_records`) and
charge codes the service catalogue lacks (`unclassified_charges`), the largest euros first."""

from __future__ import annotations

import pandas as pd

from dashboard import i18n

COLUMNS = ["worklist_kind", "source", "record_key", "raw_value", "candidate_customer_id",
           "candidate_score", "amount_eur"]


def of(unmapped: pd.DataFrame, unclassified: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    """One list: each unmapped record, and each unclassified code (record = the code, value =
    a sample text) – both need the data steward before the numbers are complete."""
    parts = [unmapped.assign(worklist_kind=i18n.t("worklist_unmapped", lang))]
    if unclassified is not None and not unclassified.empty:
        parts.append(pd.DataFrame({
            "worklist_kind": i18n.t("worklist_unclassified", lang),
            "source": unclassified["source"],
            "record_key": unclassified["code"].where(unclassified["code"] != "", "–"),
            "raw_value": unclassified["sample_text"],
            "amount_eur": unclassified["amount_eur"],
        }))
    frame = pd.concat([p for p in parts if not p.empty] or parts[:1], ignore_index=True)
    frame = frame.reindex(columns=COLUMNS)
    return frame.sort_values("amount_eur", ascending=False, na_position="last",
                             kind="stable").reset_index(drop=True)
