"""The concepts a statement line could be, from every source that knows printed labels.

Sources, from the most to the least authoritative:
  override   the user's --mapping rows (overrides.py);
  synonym    taxonomy/synonyms.csv, the expert layer (labels.py);
  observed   the labels companies print for each concept in their tagged filings (observed.py);
  neighbour  the concepts of observed labels like the line's, not the same (neighbours.py);
  taxonomy   every current US GAAP concept, by the words of its name (vocabulary.py).
Each candidate says how well its source matched (strength, 0..1) and why; scoring.py weighs the
sources and the line's position into one score, assignment.py chooses for the whole statement.
"""
from __future__ import annotations

import csv
import functools
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable

from ..resources import taxonomy_dir
from ..statements import Statement, StatementLine
from .labels import lookup, normalize, readings
from .neighbours import label_index
from .taxonomy import Taxonomy
from .vocabulary import label_terms, load_vocabulary

if TYPE_CHECKING:
    from .overrides import Overrides

OVERRIDE, SYNONYM, OBSERVED, NEIGHBOUR, TAXONOMY = "override", "synonym", "observed", "neighbour", "taxonomy"
SYNONYM_STEP = 0.001  # each later synonym row of a line a little weaker
TAXONOMY_LIMIT = 6  # concepts retrieved by words, per reading of a label
TAXONOMY_FLOOR = 0.6
NEIGHBOUR_SHARE = 0.3  # a neighbour concept is a candidate when most companies printing such labels use it
SPECIFIC = 0.2  # a synonym row that also names the line's place (context) is the most specific knowledge  # ... and no less alike than this


@dataclass(frozen=True)
class Candidate:
    concepts: tuple[str, ...]  # qnames or bare us-gaap names; empty: the user asks for an extension
    source: str  # OVERRIDE, SYNONYM, OBSERVED or TAXONOMY
    strength: float  # how well the source matched the line, 0..1
    evidence: str  # what matched, for the explanation
    rank: int = 0  # order within its source (synonym rows are tried in file order)
    key: str = ""  # a resource only one line of the statement may use (an override row)
    support: int = 0  # observed: how many companies tag the label with the concept
    variant: int = 0  # which reading of the line matched: 0 the label as printed, more a reconstruction
    successor_of: str = ""  # the older concept a newer standard replaced by this candidate's (concept-successors.csv)


@dataclass(frozen=True)
class LinePlace:
    """What the statement says about where a line is: its context text and the terms it implies."""

    context: str  # context.line_contexts: position tags, "|", sections
    terms: frozenset[str]  # words its position implies: "current" in the current assets, "investing"...
    period_type: str | None
    kind: str  # statement kind value
    year: int | None = None  # the year the statement's latest period ends in
    nci: bool = True  # the company prints noncontrolling interests somewhere in the document


def place_terms(context: str) -> frozenset[str]:
    """The words a line's position says without printing them: its class, side, activity and sections."""
    tags, _, sections = context.partition("|")
    terms: set[str] = set()
    for tag in tags.split():
        name, _, value = tag.partition("=")
        if name == "class" and value in ("current", "noncurrent"):
            terms.add(value)
        elif name == "side":
            terms |= {"assets": {"asset"}, "liabilities": {"liability"}, "equity": {"equity", "stockholder"}}.get(value, set())
        elif name == "activity" and value in ("operating", "investing", "financing"):
            terms |= {value, "activity"}
        elif name == "afteroperating":
            terms.add("nonoperating")
    for section in sections.split(" / "):
        terms |= label_terms(section)
    return frozenset(terms)


def synonym_candidates(variants: Iterable[str], place: LinePlace) -> list[Candidate]:
    """The synonym rows matching the line's readings, in the order tried: the label as printed before
    its shorter readings, exact labels before patterns. A later row is never stronger than an
    earlier one (the table is written most specific first)."""
    found: list[Candidate] = []
    strength = 1.0
    for variant, label in enumerate(variants):
        for reading in readings(label):
            for synonym in lookup(reading, place.kind, place.context):
                how = "pattern" if synonym.is_pattern else "label"
                strength = min(strength - SYNONYM_STEP, (0.8 if synonym.is_pattern else 0.9) + (SPECIFIC if synonym.context else 0))
                found.append(Candidate(synonym.concepts, SYNONYM, strength,
                                       f"{how} {synonym.label!r} (synonyms.csv line {synonym.line}) matches {reading!r}", len(found),
                                       variant=variant))
    return found


def override_candidates(variants: Iterable[str], overrides: "Overrides | None") -> list[Candidate]:
    if overrides is None or not overrides.rows:
        return []
    return [Candidate(row.concepts, OVERRIDE, 1.0, row.reason, rank, key=f"override:{row.line}")
            for rank, row in enumerate(overrides.matching(variants))]


def observed_candidates(variants: Iterable[str], place: LinePlace, observed, printed: frozenset[str] = frozenset()) -> list[Candidate]:
    """Concepts companies tag lines printed with this label, by the share of companies that do.
    A reading put together from the sections counts whole only: its caption alone is the section's."""
    if observed is None:
        return []
    found: list[Candidate] = []
    for variant, label in enumerate(variants):
        for reading in (readings(label) if not variant or label in printed else readings(label)[:1]):
            rows = [row for row in observed.by_label(place.kind, reading) if _same_position(row.context, place.context)]
            if not rows:
                continue
            everyone = {row.company for row in rows}
            for concept, who in _companies_by_concept(rows):
                share = len(who) / len(everyone)
                found.append(Candidate(tuple(concept.split()), OBSERVED, share,
                                       f"{len(who)} of {len(everyone)} companies tag {reading!r} {concept}", len(found),
                                       support=len(who), variant=variant))
            return found  # the longest reading any company printed decides
    return found


def neighbour_candidates(variants: Iterable[str], place: LinePlace, observed, printed: frozenset[str]) -> list[Candidate]:
    """Concepts companies tag lines printed with labels like this one (neighbours.py), by the share
    of those companies that do, as alike as the most similar label naming the concept."""
    if observed is None or not observed.observations:
        return []
    index = label_index(observed)
    for label in variants:
        first = readings(label)[:1] if label in printed else ()
        if not first:
            continue
        reading = first[0]
        pairs = [(n, o) for n in index.similar(place.kind, reading) for o in n.observations
                 if _same_position(o.context, place.context)]
        if not pairs:
            continue
        everyone = {o.company for _, o in pairs}
        alike: dict[str, tuple[float, str]] = {}
        for neighbour, row in pairs:  # neighbours come best first: the first naming a concept is the most alike
            alike.setdefault(row.concept, (neighbour.similarity, neighbour.label))
        found = []
        for concept, who in _companies_by_concept([o for _, o in pairs]):
            similarity, like = alike[concept]
            share = len(who) / len(everyone)
            if share < NEIGHBOUR_SHARE:
                continue  # what a few of the companies printing such labels do is no evidence
            found.append(Candidate(tuple(concept.split()), NEIGHBOUR, similarity * share,
                                   f"{len(who)} of {len(everyone)} companies printing labels like {reading!r} "
                                   f"(such as {like!r}, {similarity:.2f} alike) tag {concept}", len(found), support=len(who)))
        return found
    return []


def _companies_by_concept(rows) -> list[tuple[str, set[str]]]:
    """The standard concepts of observations with the companies that use each, most used first."""
    companies: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if not row.is_extension:
            companies[row.concept].add(row.company)
    return sorted(companies.items(), key=lambda item: (-len(item[1]), item[0]))


_POSITION_TAGS = ("side=", "class=", "activity=")


@functools.lru_cache(maxsize=4096)
def _position(context: str) -> frozenset[str]:
    return frozenset(t for t in context.partition("|")[0].split() if t.startswith(_POSITION_TAGS) or t in ("total", "beforenci"))


def _same_position(observed_context: str, context: str) -> bool:
    """An observation counts for a line in the same place: side, class, cash-flow activity, a total
    only for a total, a line above a noncontrolling-interest split only for such a line."""
    return _position(observed_context) == _position(context)


def taxonomy_candidates(line: StatementLine, variants: Iterable[str], place: LinePlace, taxonomy: Taxonomy,
                        accept) -> list[Candidate]:
    vocabulary = load_vocabulary(taxonomy)
    found: dict[str, Candidate] = {}
    printed = {line.full_label, line.label}
    for variant, label in enumerate(variants):
        if variant and label not in printed:
            continue  # the sections a label hangs under are its place's terms already
        for reading in readings(label)[:2]:
            terms = label_terms(reading)
            for match in vocabulary.search(terms, place.terms, accept, TAXONOMY_LIMIT, TAXONOMY_FLOOR):
                qname = match.concept.qname
                if qname in found and found[qname].strength >= match.similarity:
                    continue
                unsaid = f"; not said: {' '.join(match.unsaid)}" if match.unsaid else ""
                found[qname] = Candidate((qname,), TAXONOMY, match.similarity,
                                         f"the words of {match.concept.name} ({' '.join(match.said)}{unsaid}) in {reading!r}",
                                         variant=variant)
    return sorted(found.values(), key=lambda c: -c.strength)


@functools.lru_cache(maxsize=None)
def concept_successors() -> tuple[tuple[str, str, int, frozenset[str], str], ...]:
    """(concept, successor, first year, statement kinds, standard) of concept-successors.csv."""
    with (taxonomy_dir() / "concept-successors.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple((row["concept"], row["successor"], int(row["first_year"]),
                      frozenset(k for k in row["kinds"].split(";") if k), row["standard"]) for row in rows)


def successor_candidates(found: list[Candidate], place: LinePlace) -> list[Candidate]:
    """For a statement of a newer standard's time, the concept that standard put in an older one's place."""
    if place.year is None:
        return []
    extra = []
    for candidate in found:
        if candidate.source == OVERRIDE or len(candidate.concepts) != 1:
            continue
        name = candidate.concepts[0].split(":")[-1]
        for concept, successor, first_year, kinds, standard in concept_successors():
            if name == concept and place.year >= first_year and (not kinds or place.kind in kinds):
                extra.append(replace(candidate, concepts=(successor,), successor_of=concept,
                                     evidence=f"{candidate.evidence}; {standard}: {successor} from {first_year}"))
    return extra


def line_candidates(line: StatementLine, variants: tuple[str, ...], place: LinePlace, taxonomy: Taxonomy,
                    overrides: "Overrides | None", observed, accept) -> list[Candidate]:
    found = _line_candidates(line, variants, place, taxonomy, overrides, observed, accept)
    return found + successor_candidates(found, place)


def _line_candidates(line: StatementLine, variants: tuple[str, ...], place: LinePlace, taxonomy: Taxonomy,
                     overrides: "Overrides | None", observed, accept) -> list[Candidate]:
    return (override_candidates(variants, overrides) + synonym_candidates(variants, place)
            + observed_candidates(variants, place, observed, frozenset({line.full_label, line.label}))
            + neighbour_candidates(variants, place, observed, frozenset({line.full_label, line.label})) + taxonomy_candidates(line, variants, place, taxonomy, accept))


def statement_places(statement: Statement, contexts: tuple[str, ...], period_type: str | None,
                     nci: bool = True) -> list[LinePlace]:
    ends = [c.period.end for c in statement.columns if c.is_value and c.period is not None]
    year = max(ends).year if ends else None
    return [LinePlace(context, place_terms(context), period_type, statement.kind.value, year, nci) for context in contexts]


__all__ = ["Candidate", "LinePlace", "line_candidates", "statement_places", "place_terms", "normalize"]
