"""A suggested catalogue row for each unknown code, from its likeness to known services.

The score (0-100) weighs three things a person would look at:
- text, 60 %: the best rapidfuzz ratio of the code against the catalogue's codes, and of the
  posting texts (up to their first digit) against its service names fi/en and invoice prefixes;
- unit, 20 %: the lines are billed in the same unit as the catalogue row;
- price, 20 %: the unit price is of the same order (1 - |log10 of the ratio|, at least 0).
Confidence is the score / 100: high from 0.75, medium from 0.5; below 0.5 nothing is similar
and a new service named after the text is suggested instead, with the low confidence.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from decimal import Decimal

from rapidfuzz import fuzz, utils

TEXT, UNIT, PRICE = 0.6, 0.2, 0.2
SIMILAR = 50.0
DRAFT_COLUMNS = ("activity_type", "service", "service_name_fi", "service_name_en", "unit",
                 "unit_price_eur", "unit_cost_eur", "cost_driver", "invoice_text_prefix",
                 "confidence", "evidence")


def stem(text: str) -> str:
    """A posting text up to its first digit: `Työasemapalvelu 01/2026` → `Työasemapalvelu`."""
    return re.sub(r"[\s,:;-]*\d.*$", "", text or "").strip()


def identifier(text: str) -> str:
    """A service id from a text: `Työasemapalvelu` → `tyoasemapalvelu`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    ident = "_".join(words)[:40].strip("_") or "new_service"
    return ident if ident[0].isalpha() else f"s_{ident}"


def code_from(text: str) -> str:
    """An activity-type code from a text (invoice-only services have no code of their own)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Z0-9]", "", ascii_text.upper())[:8] or "UUSI"


def _ratio(a: str, b: str) -> float:
    return fuzz.ratio(utils.default_process(a), utils.default_process(b)) if a and b else 0.0


def _price_likeness(price: Decimal | None, known: str) -> float:
    if not price or not known or float(known) <= 0 or price <= 0:
        return 0.0
    return max(0.0, 1 - abs(math.log10(float(price) / float(known))))


def score(found: dict, row: dict) -> tuple[float, str]:
    """(score 0-100, why) of an unknown code against one catalogue row."""
    texts = [stem(t) for t in found["samples"]] + ([found["code"]]
                                                    if found["source"] == "sap_invoices" else [])
    names = [row["service_name_fi"], row["service_name_en"], row["invoice_text_prefix"]]
    by_code = _ratio(found["code"], row["activity_type"]) if found["source"] == "sap_charges" \
        else 0.0
    by_text = max([_ratio(t, n) for t in texts for n in names] or [0.0])
    same_unit = (found["unit"] or "").lower() == row["unit"].lower()
    price = _price_likeness(found["unit_price_eur"], row["unit_price_eur"])
    total = TEXT * max(by_code, by_text) + UNIT * 100 * same_unit + PRICE * 100 * price
    why = (f"like {row['activity_type']} ({row['service']}): text {max(by_code, by_text):.0f}, "
           f"unit {'same' if same_unit else 'differs'}, price {price:.2f}")
    return total, why


def _cost_ratio(catalogue: list[dict], row: dict | None) -> float:
    def ratio(r: dict) -> float:
        return float(r["unit_cost_eur"]) / float(r["unit_price_eur"])
    priced = [r for r in catalogue if float(r["unit_price_eur"] or 0) > 0]
    if row is not None and row in priced:
        return ratio(row)
    return statistics.median(ratio(r) for r in priced) if priced else 1.0


def suggest(found: dict, catalogue: list[dict]) -> dict:
    """A draft service_catalogue row (with `confidence` and `evidence`) for one unknown code."""
    scored = sorted((score(found, row) + (row,) for row in catalogue), key=lambda s: -s[0])
    best_score, why, best = scored[0] if scored else (0.0, "the catalogue is empty", None)
    text = stem(found["samples"][0]) if found["samples"] else found["code"]
    if found["source"] == "sap_invoices":
        text = found["code"]
    similar = best is not None and best_score >= SIMILAR
    price = found["unit_price_eur"] or Decimal("0")
    cost = (Decimal(str(price)) * Decimal(str(_cost_ratio(catalogue, best if similar else None))))
    amount = f"{found['amount_eur'] or 0:.2f}"
    evidence = [f"{amount} EUR on {found['lines']} lines, {found['receivers']} receivers",
                f"texts: {' | '.join(found['samples'])}",
                f"unit cost assumed at the {'matched service' if similar else 'catalogue'}'s "
                "cost/price ratio: check it", "write service_name_en in English"]
    if found["price_year"]:
        evidence.insert(1, f"price = median of {found['price_year']}")
    if found["source"] == "sap_invoices":
        evidence.append("invoice texts only: write the activity type your charges use")
    evidence.append(why if similar else f"nothing similar (best {why}): a new service")
    return {
        "activity_type": code_from(found["code"]) if found["source"] == "sap_invoices"
        else found["code"],
        "service": best["service"] if similar else identifier(text),
        "service_name_fi": text,
        "service_name_en": text,
        "unit": (found["unit"] or (best["unit"] if similar else "kpl")).lower(),
        "unit_price_eur": f"{price:.2f}",
        "unit_cost_eur": f"{cost:.2f}",
        "cost_driver": best["cost_driver"] if similar else "billed_quantity",
        "invoice_text_prefix": text,
        "confidence": f"{min(best_score, 100) / 100:.2f}",
        "evidence": "; ".join(evidence),
    }


def suggestions(codes: list[dict], catalogue: list[dict]) -> list[dict]:
    """Draft rows for the charges' unknown codes, and for invoice texts no such row covers."""
    rows = [suggest(c, catalogue) for c in codes if c["source"] == "sap_charges"]
    prefixes = [r["invoice_text_prefix"].lower() for r in rows if r["invoice_text_prefix"]]
    for found in codes:
        if found["source"] == "sap_invoices" and not any(
                found["code"].lower().startswith(p) for p in prefixes):
            rows.append(suggest(found, catalogue))
    return rows
