"""Label normalization and the synonym table (taxonomy/synonyms.csv).

A printed label is normalized (lower case, no punctuation or footnote marks) and, besides its
full text, offered in shorter readings: without the descriptive tail that follows the caption
("Common stock, $.01 par value; 30,000,000 shares authorized" is "common stock"), without a
leading "Less:" or "Add:". The synonym table is matched against each reading.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..resources import taxonomy_dir

if TYPE_CHECKING:
    from ..statements import StatementLine

_FOOTNOTE = re.compile(
    r"\(\s*(?:\d{1,2}|[a-z]|[ivx]{1,4})\s*\)|\*+|\s\d\)$"
    r"|\(\s*(?:see\s+)?notes?\s+[^)]*\)|\(\s*in\s+(?:thousands|millions|billions)\s*\)",
    re.I,
)
# Where a caption ends and its description begins: "Accounts receivable, less allowances of $64".
_TAIL_WORDS = (r"(?:net\s+of|less\s+(?:allowances?|accumulated|reserves?)|par\s+value|no\s+par|authorized|issued\s+and"
               r"|at\s+cost|at\s+market|at\s+fair\s+value|including|excluding|of\s+which)\b")
_TAIL = re.compile(rf"(?:[,;(]|\s[-\u2013\u2014]+)\s*(?=[\d$]|{_TAIL_WORDS}|shares\b)|\s+(?={_TAIL_WORDS})", re.I)
_NET_TAIL = re.compile(r"\bnet\s+of\b|\bless\s+(?:allowances?|accumulated|reserves?)\b", re.I)
_LEAD = re.compile(r"^\s*(?:less|add|deduct|plus)\s*:?\s+(?=\w)|^\s*[-\u2013\u2014]+\s*", re.I)


def normalize(label: str) -> str:
    """Lower case, footnote marks, note references and punctuation removed, "&" read as "and"."""
    text = _FOOTNOTE.sub(" ", label.replace("\u2019", "'"))
    text = text.lower().replace("&", " and ")
    text = re.sub(r"(?<=[a-z])- (?=[a-z])", "", text)  # a word hyphenated at a line end: "liabili- ties"
    text = re.sub(r"-(?=non\b|non-?current\b)", " ", text)  # "taxes-non current" is "taxes non current"
    text = re.sub(r"(?<=\w)['\-](?=\w)|'", "", text)  # "paid-in" is "paidin", "stockholders'" "stockholders"
    text = " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
    return _COMPOUND.sub(lambda m: m.group(1) + m.group(2), text)  # "long term" is "longterm", as "long-term"


# Words printed with or without a hyphen or a space, read joined.
_COMPOUND = re.compile(r"\b(long|short|non|pre|paid|write)\s(term|current|interest|cash|trade|operating|tax|in|downs?|offs?)\b")


def readings(label: str) -> tuple[str, ...]:
    """The normalized label, then shorter readings of it: caption without its tail, without "Less:"."""
    found = [normalize(label)]
    stripped = _LEAD.sub("", label)
    tail = _TAIL.search(stripped)
    if tail and tail.start() > 0:
        head = normalize(stripped[: tail.start()])
        if _NET_TAIL.search(stripped[tail.start():]):
            found.append(f"{head} net")
        found.append(head)
    found.append(normalize(stripped))
    return tuple(dict.fromkeys(r for r in found if r))


@dataclass(frozen=True)
class Synonym:
    kind: str  # statement kind value, or "*"
    label: str  # normalized label, or a pattern when is_pattern
    concepts: tuple[str, ...]
    is_pattern: bool
    line: int  # line in synonyms.csv, for explanations
    context: str = ""  # a pattern the line's context (position tags and sections) must match

    def matches(self, normalized: str, context: str = "") -> bool:
        if self.context and _compiled(self.context).search(context) is None:
            return False
        if self.is_pattern:
            return _compiled(self.label).search(normalized) is not None
        return self.label == normalized


@functools.lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    """The table's patterns, compiled once: more of them than re's own cache holds."""
    return re.compile(pattern)


# Shorthands usable in patterns of synonyms.csv, written {name}.
MACROS = {
    "change": r"(?:(?:net )?(?:increase|decrease|change)s?(?: (?:increase|decrease))?(?: in)? )?",
    "income": r"(?:income|earnings|loss|income loss|earnings loss|loss income)",
    "holders": r"(?:stockholders|shareholders|shareowners|members|partners)",
}


def _expand(pattern: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: MACROS[m.group(1)], pattern)


@functools.lru_cache(maxsize=None)
def load_synonyms() -> tuple[Synonym, ...]:
    path = taxonomy_dir() / "synonyms.csv"
    rows = []
    with path.open(encoding="utf-8") as handle:
        lines = [(n, text) for n, text in enumerate(handle, start=1) if text.strip() and not text.startswith("#")]
    reader = csv.reader(text for _, text in lines)
    header = next(reader)
    assert header == ["kind", "label", "concepts", "context"], header
    for (number, _), fields in zip(lines[1:], reader):
        kind, label, concepts, context = (fields + [""])[:4]
        is_pattern = label.startswith("re:")
        text = _expand(label[3:]) if is_pattern else label
        rows.append(Synonym(kind, text, tuple(concepts.split()), is_pattern, number, _expand(context)))
    # Exact labels before patterns, each in file order.
    return tuple(sorted(rows, key=lambda s: s.is_pattern))


def lookup(normalized: str, kind: str, context: str = "") -> tuple[Synonym, ...]:
    """Every synonym row matching a normalized label in a statement of this kind and context, best first.

    A statement of comprehensive income also reads the income rows; the operating activities of
    a cash flow statement read them after its own (a restructuring charge added back is the
    charge), so long as the period type and unit fit.
    """
    found = _matching(normalized, context, (kind, "*"))
    if kind == "comprehensive_income" or (kind == "cash_flow" and "activity=operating" in context):
        found += _matching(normalized, context, ("income",))
    return tuple(found)


def _matching(normalized: str, context: str, kinds: tuple[str, ...]) -> list[Synonym]:
    """The rows of these kinds matching, in the table's order: the exact labels (all before the
    patterns) found by their text, the patterns tried each."""
    exact, patterns = _synonym_index()
    return ([s for s in exact.get(normalized, ()) if s.kind in kinds and s.matches(normalized, context)]
            + [s for s in patterns if s.kind in kinds and s.matches(normalized, context)])


@functools.lru_cache(maxsize=None)
def _synonym_index() -> tuple[dict[str, list[Synonym]], tuple[Synonym, ...]]:
    exact: dict[str, list[Synonym]] = {}
    for synonym in load_synonyms():
        if not synonym.is_pattern:
            exact.setdefault(synonym.label, []).append(synonym)
    return exact, tuple(s for s in load_synonyms() if s.is_pattern)


def caption(label: str) -> str:
    """The caption of a printed label, as printed: without footnote marks, a leading "Less:" or its tail."""
    text = _LEAD.sub("", _FOOTNOTE.sub(" ", label)).strip()
    tail = _TAIL.search(text)
    return text[: tail.start()].strip() if tail and tail.start() > 0 else text


def label_variants(line: "StatementLine") -> tuple[str, ...]:
    """The label as printed, and with the section it hangs under for generic labels.

    A total printed without a caption, or captioned just "Total", reads as "Total" (which the
    synonyms place by position: the last line of the assets is total assets) and else as the total
    of its section ("Operating expenses:" ... "Total" is "Total operating expenses").
    """
    label = line.label.strip()
    if line.is_total and normalize(label) in ("", "total"):
        section = line.sections[-1].rstrip(":") if line.sections else ""
        return ("Total", f"Total {section}", section) if section else ("Total",)
    if line.is_total and line.sections and normalize(label) == normalize(f"Total {line.sections[-1]}"):
        return (label, "Total")  # the total of its section, or else what its position makes it
    variants = [line.full_label]
    if line.label != line.full_label:
        variants.append(line.label)
    if line.balance:  # "Cash at January 1" is the cash at the beginning of the period its column covers
        dated = re.sub(r"(?:\bat|\bas\s+of|,)\s+[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,?\s*\d{4})?\s*$", "", line.label).strip(" ,")
        variants.append(f"{dated} at {'beginning' if line.balance == 'opening' else 'end'} of period")
    if line.sections and line.full_label == line.label:
        for depth in range(1, len(line.sections) + 1):  # a caption wrapped over header rows reads whole again
            variants.append(" ".join(s.rstrip(":") for s in line.sections[-depth:]) + f" {line.label}")
    return tuple(variants)
