"""What a page must not show its user, as rules over the text a page shows: shared by the
AppTest review of every page (tests/dashboard/test_page_language.py, the tables' formatted
cells too) and the browser walk (tests/e2e/test_page_review.py, which loads this file by path).

A finding is (rule, offending text, the text around it). Data may be Finnish on an English page
(customer, manager, application names: `Words.names`, removed before the language rules run);
labels may not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from dashboard.i18n import LABELS

# A value that is missing shown as text, in any spelling pandas, Python or JS writes it.
MISSING = re.compile(r"(?<![\w<-])(nan|NaN|None|NaT|<NA>|null|undefined)(?![\w>-])|<NA>")
# Binary float noise (3683.4300000000003, 0.08900000000000001) or an unformatted long decimal.
FLOAT_NOISE = re.compile(r"\d[.,]\d*?(?:0{6,}|9{6,})\d|\d[.,]\d{7,}")
# snake_case: a column, source, site table or code name (a file name or path keeps its
# underscores: `service_catalogue.csv`, `sap_cost_centres/`).
SNAKE = re.compile(r"(?<![\w./\\:@-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/\\-]|\.\w)")
# Ids the product uses for its own codes that are not snake_case.
CODES = re.compile(r"\bsccm\b|\bexpect_\w+")
WORD = re.compile(r"[A-Za-zÅÄÖåäöé][A-Za-zÅÄÖåäöé'-]*")
# Addresses, paths and e-mail addresses are not words of either language (a link column's
# `/customer?customer=`, a contact's address).
PATH = re.compile(r"(?<![\w/])(?:https?://|file://|/)[\w./?=&%:#~-]+|[\w.\\-]+@[\w.\\-]+")

# Words a Finnish page may use though the English labels have them: names of products and
# systems, abbreviations, loanwords of the trade.
FINNISH_PAGE_ALLOWS = {
    "gx", "data", "docs", "dbt", "sap", "sccm", "saabe", "excel", "mape", "wape", "ape", "abc",
    "csv", "xlsx", "pdf", "html", "ics", "www", "it", "hr", "co", "fi", "id", "controller",
    "localhost", "asiakastieto", "client", "lstar", "datab", "datbi", "y-tunnus",
}
# Short English words that mark an English sentence on a Finnish page.
ENGLISH_WORDS = {"the", "and", "of", "is", "are", "not", "with", "for", "by", "from", "to",
                 "empty", "required", "value", "file", "edit", "created", "row", "rows",
                 "source", "none", "notation", "lost", "digits", "run", "rate"}
# Finnish words an English page may still show: names in both languages, units of both.
ENGLISH_PAGE_ALLOWS = {"saabe", "sap", "sccm", "it", "abc", "ict", "hr", "excel", "kaupunki"}
FINNISH_WORDS = {"kk", "yks", "klo", "ja", "tai", "ei", "hlö", "kpl", "asiakkaat"}


def _words(texts: Iterable[str]) -> set[str]:
    return {w.lower() for text in texts for w in WORD.findall(text)}


def _catalogue_words(lang: str) -> set[str]:
    return _words(re.sub(r"\{[^}]*\}", " ", text) for text in LABELS[lang].values())


@dataclass
class Words:
    """The vocabulary of the rules: what marks the other language, and the data's names."""

    names: list[str] = field(default_factory=list)
    finnish: set[str] = field(default_factory=set)
    english: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, names: Iterable[str], finnish_codes: Iterable[str] = ()) -> Words:
        """`names`: what the data calls things (may be Finnish anywhere); `finnish_codes`:
        the warehouse's Finnish-only names and ids (customer types' `toimiala`, …)."""
        fi, en = _catalogue_words("fi"), _catalogue_words("en")
        finnish = {w for w in fi - en if len(w) > 2} | FINNISH_WORDS | {
            c.lower() for c in finnish_codes}
        english = {w for w in en - fi if len(w) > 3} | ENGLISH_WORDS
        return cls(sorted({n for n in names if n and len(n) > 2}, key=len, reverse=True),
                   finnish - ENGLISH_PAGE_ALLOWS, english - FINNISH_PAGE_ALLOWS)

    def without_names(self, text: str) -> str:
        for name in self.names:
            text = text.replace(name, " ")
        return text


def _around(text: str, match: re.Match) -> str:
    start, end = max(0, match.start() - 40), min(len(text), match.end() + 40)
    return " ".join(text[start:end].split())


# Commands and paths in code spans (`asiakastieto backup --to KANSIO`) are not prose.
CODE_SPAN = re.compile(r"`[^`]*`")


def findings(text: str, lang: str, words: Words) -> list[tuple[str, str, str]]:
    """Everything `text` (shown on a page in `lang`) must not contain."""
    text = CODE_SPAN.sub(" ", text)
    found = []
    for rule, pattern in (("missing value as text", MISSING), ("float noise", FLOAT_NOISE),
                          ("raw identifier", SNAKE), ("raw code", CODES)):
        found += [(rule, m.group(0), _around(text, m)) for m in pattern.finditer(text)]
    plain = PATH.sub(" ", words.without_names(text))
    other, rule = ((words.english, "English word on a Finnish page") if lang == "fi"
                   else (words.finnish, "Finnish word on an English page"))
    for match in WORD.finditer(plain):
        if match.group(0).lower() in other:
            found.append((rule, match.group(0), _around(plain, match)))
    return found
