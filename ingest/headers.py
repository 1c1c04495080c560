"""Header labels → fields, and the search for the header row of an extract.

A header cell names a field when its normalised text (`norm_label`) is one of the field's
labels; else, for sources whose labels carry SCCM's digit suffix, when it is a label with
another suffix (`Netbios_Name01` = `Netbios_Name0`); else when it is a cut column title: a
prefix (at least 3 normalised characters) of labels of exactly one field (`Kustannuspaik`).
Exact matches win over cut titles. Every function takes the sources to match against, so that
a site's own labels (`sources.with_site_labels`) are used everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.sources import Source

HEADER_SEARCH_LINES = 60
MIN_HEADER_SCORE = 2
MIN_PREFIX = 3
EXTRACT_DATE_LABELS = ("Poimintapäivä", "Key date", "Extract date", "ExtractDate", "Report date",
                       "Raporttipäivä", "extract_date")
_SSRS_PREFIX = re.compile(r"^(details_)?table\d+_", re.IGNORECASE)
_DIGIT_SUFFIX = re.compile(r"\d{1,2}$")


@cache
def norm_label(label: object) -> str:
    """Header label as compared: SSRS prefix dropped, case, spacing and punctuation ignored."""
    text = unicodedata.normalize("NFC", str(label or "")).strip().strip('"').strip()
    text = _SSRS_PREFIX.sub("", text)
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@cache
def label_index(source: Source) -> dict[str, str]:
    """Normalised label → field name, canonical names included."""
    index: dict[str, str] = {}
    for f in source.fields:
        for label in (*f.labels, f.name):
            index.setdefault(norm_label(label), f.name)
    if source.snapshot and "extract_date" not in {f.name for f in source.fields}:
        for label in EXTRACT_DATE_LABELS:
            index.setdefault(norm_label(label), "extract_date")
    if source.digit_suffixes:  # `Model0` is also found as `Model`, `Model01`, `Model00`
        for key, name in list(index.items()):
            index.setdefault(_DIGIT_SUFFIX.sub("", key), name)
    return index


@cache
def _prefix_index(source: Source) -> dict[str, tuple[str, str] | None]:
    """Every prefix (>= MIN_PREFIX chars) of a normalised label → (field, label) when only
    one field's labels start with it, None when several fields' do."""
    index: dict[str, tuple[str, str] | None] = {}
    for f in source.fields:
        for label in (*f.labels, f.name):
            key = norm_label(label)
            for end in range(MIN_PREFIX, len(key)):
                hit = index.get(key[:end], (f.name, label))
                index[key[:end]] = hit if hit is None or hit[0] == f.name else None
    return index


def match(source: Source, header: str) -> tuple[str, str | None] | None:
    """(field, None) for a known label, (field, full label) for a cut title, else None."""
    key = norm_label(header)
    index = label_index(source)
    if key in index:
        return index[key], None
    if source.digit_suffixes and _DIGIT_SUFFIX.search(key):
        name = index.get(_DIGIT_SUFFIX.sub("", key))
        if name:
            return name, None
    if len(key) >= MIN_PREFIX and not key.isdigit():
        hit = _prefix_index(source).get(key)
        if hit:
            return hit
    return None


def _matches(source: Source, headers: list[str]) -> dict[int, tuple[str, str | None]]:
    """Column position → (field, cut label); exact labels first, then cut titles, the first
    column winning when two carry the same field."""
    found = [match(source, h) for h in headers]
    mapped: dict[int, tuple[str, str | None]] = {}
    for cut in (False, True):
        taken = {name for name, _ in mapped.values()}
        for pos, hit in enumerate(found):
            if hit and (hit[1] is not None) == cut and hit[0] not in taken:
                mapped[pos] = hit
                taken.add(hit[0])
    return dict(sorted(mapped.items()))


def map_headers(source: Source, headers: list[str]) -> dict[int, str]:
    """Column position → field name."""
    return {pos: name for pos, (name, _) in _matches(source, headers).items()}


# The audit warning of a column found only by a cut title (read back by `asiakastieto setup`).
CUT_TITLE = "looks cut to the column width"


def cut_titles(source: Source, headers: list[str]) -> list[str]:
    """Warnings for the columns found by a cut title."""
    return [f"column title {headers[pos]!r} {CUT_TITLE}: taken as {name} ({label})"
            for pos, (name, label) in _matches(source, headers).items() if label]


def matched_text(source: Source, headers: list[str]) -> str:
    """`field by 'label', …` for messages."""
    return ", ".join(f"{name} by {headers[pos]!r}"
                     for pos, (name, _) in _matches(source, headers).items()) or "nothing"


def score(source: Source, headers: list[str]) -> int:
    """How many of the source's fields a header row names."""
    return len(set(map_headers(source, headers).values()) - {"extract_date"})


def best_source(headers: list[str], sources: Mapping[str, Source]) -> tuple[Source, int]:
    """The source of `sources` whose labels a header row matches best: a source whose every
    required field is there beats one that lacks some; among those, the one naming most
    fields, then the one requiring most of them (the charges and the centre's costs are both
    KSB1 lists: the one whose own fields are there wins); among the incomplete, the one with
    most required fields, then most fields."""
    def key(src: Source) -> tuple[bool, int, int]:
        names = set(map_headers(src, headers).values())
        required = [f.name in names for f in src.fields if f.required]
        found, complete = score(src, headers), all(required)
        return (complete, found, sum(required)) if complete else (False, sum(required), found)
    best = max(sources.values(), key=key)
    return best, score(best, headers)


def find_header(rows: list[list[list[str]]], sources: Mapping[str, Source]
                ) -> tuple[int, int] | None:
    """(row index, variant index) of the row naming most known labels of any source (at
    least MIN_HEADER_SCORE; the first of equals) in the first HEADER_SEARCH_LINES; `rows`
    holds, per line, the ways of cutting it into cells. The most, not the first: a sort or
    selection box above a list may name two fields too."""
    best, best_score = None, MIN_HEADER_SCORE - 1
    known = _known_keys(tuple(sources.values()))
    for i, variants in enumerate(rows[:HEADER_SEARCH_LINES]):
        for v, cells in enumerate(variants):
            if not _two_known(cells, known):  # most lines: no need to score every source
                continue
            got = best_source(cells, sources)[1]
            if got > best_score:
                best, best_score = (i, v), got
    return best


@cache
def _known_keys(sources: tuple[Source, ...]) -> frozenset[str]:
    """Every normalised label and label prefix of the sources (a superset of what matches)."""
    keys: set[str] = set()
    for source in sources:
        keys |= label_index(source).keys() | _prefix_index(source).keys()
    return frozenset(keys)


def _two_known(cells: list[str], known: frozenset[str]) -> bool:
    """Whether at least two cells could name a field (exactly, by suffix or cut)."""
    hits = 0
    for cell in cells:
        key = norm_label(cell)
        if key in known or _DIGIT_SUFFIX.sub("", key) in known:
            hits += 1
            if hits == MIN_HEADER_SCORE:
                return True
    return False


def accepted(source: Source, names) -> str:
    return "; ".join(f"{f.name} (accepted labels: {', '.join(f.labels)})"
                     for f in source.fields if f.name in names)


def site_label_hint(source: Source) -> str:
    return (f"to accept another title, add a row `{source.name},<field>,<your label>` to "
            "labels.csv in the site folder")


def no_header_message(source: Source, rows: list[list[list[str]]],
                      texts: list[str]) -> str:
    """Why no header row was found: the best candidate line, what it matched, the required
    fields it lacks with their labels, and how to add a site label."""
    best, best_cells, best_score = None, [], 0
    for i, variants in enumerate(rows[:HEADER_SEARCH_LINES]):
        for cells in variants:
            got = score(source, cells)
            if got > best_score:
                best, best_cells, best_score = i, cells, got
    required = {f.name for f in source.fields if f.required}
    message = f"no header row found in the first {HEADER_SEARCH_LINES} lines"
    if best is None:
        message += f" (no line names any {source.name} column)"
        missing = required
    else:
        text = " ".join(texts[best].split())
        text = text if len(text) <= 80 else text[:77] + "..."
        message += (f"; the best candidate is line {best + 1}: {text!r}, which matched "
                    f"{matched_text(source, best_cells)}")
        missing = required - set(map_headers(source, best_cells).values())
    return (f"{message}; a {source.name} extract needs the required columns "
            f"{accepted(source, missing)}; {site_label_hint(source)}")


def misplaced(source: Source, headers: list[str], sources: Mapping[str, Source]) -> str | None:
    """`the headers look like a X extract (matched …): move the file to landing/X/` when the
    headers have every required field of another source, else None."""
    other, _ = best_source(headers, sources)
    names = set(map_headers(other, headers).values())
    if other.name == source.name or not all(
            f.name in names for f in other.fields if f.required):
        return None
    return (f"the headers look like a {other.name} extract (matched "
            f"{matched_text(other, headers)}): move the file to landing/{other.name}/")
