"""Code checks that need more than a regular expression."""

from __future__ import annotations

import re

_BUSINESS_ID = re.compile(r"^(\d{6,7})-(\d)$")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_is_valid(value: str | None) -> bool:
    """Finnish business id (Y-tunnus) `1234567-1`: weights 7,9,10,5,8,4,2, modulo 11."""
    match = _BUSINESS_ID.match((value or "").strip())
    if not match:
        return False
    digits = match.group(1).zfill(7)
    remainder = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return False
    return int(match.group(2)) == (0 if remainder == 0 else 11 - remainder)
