"""Printed labels against the names of every US GAAP concept: retrieval by words.

A label and a concept name are each read as a set of terms (taxonomy/label-words.csv): lower case,
singular words, accounting phrases read one way ("due within one year" is "current", "capital in
excess of par value" is "additional paid-in capital"), words that tell nothing dropped. Terms are
weighted by how rare they are among concept names (inverse document frequency), so "lease" or
"goodwill" decide more than "net" or "other".

similarity(label terms, concept terms, context terms) is recall-weighted: the share of the label's
weight the concept says, times a milder share of the concept's weight the label (or the line's
position, e.g. "current" in the current assets) says. Words a concept name carries that labels
rarely print ("carrying value", "attributable to parent") are free, and so are such words of a
label ("net") that the concept does not say. A concept must say most of the label (RECALL_FLOOR)
and the label most of the concept (PRECISION_FLOOR).
"""
from __future__ import annotations

import csv
import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from ..cache import cached, source_key
from ..resources import taxonomy_dir
from . import labels as labels_module
from .labels import normalize
from .taxonomy import ConceptDef, Taxonomy

RECALL_FLOOR = 0.8  # of the label's weight, the least a concept must say
PRECISION_FLOOR = 0.55  # of the concept's weight, the least the label (or its place) must say
RECALL_POWER = 1.0  # the label's words count as much as the concept's


@dataclass(frozen=True)
class WordRules:
    phrases: Mapping[str, str]  # stemmed phrase -> reading
    stop: frozenset[str]
    free: frozenset[str]
    contrast: frozenset[str] = frozenset()
    _pattern: re.Pattern | None = field(default=None, compare=False, repr=False)

    def terms(self, text: str) -> frozenset[str]:
        """The terms of a normalized label or of a concept name split into words."""
        stemmed = " ".join(stem(w) for w in text.split())
        if self._pattern is not None:
            stemmed = self._pattern.sub(lambda m: self.phrases[m.group(1)], f" {stemmed} ")
        return frozenset(w for w in stemmed.split() if w not in self.stop and not w.isdigit())


def stem(word: str) -> str:
    """The singular of an English word as statements print it: liabilities, taxes, losses, assets."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=None)
def load_word_rules() -> WordRules:
    phrases: dict[str, str] = {}
    stop, free, contrast = set(), set(), set()
    with (taxonomy_dir() / "label-words.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if line.strip() and not line.startswith("#"))
        for row in rows:
            if row["kind"] == "phrase":  # written singular or not: read the way labels are
                phrases[" ".join(stem(w) for w in row["text"].split())] = f" {row['reading'].strip()} "
            elif row["kind"] == "stop":
                stop.add(row["text"].strip())
            elif row["kind"] == "free":
                free.add(row["text"].strip())
            elif row["kind"] == "contrast":
                contrast.add(row["text"].strip())
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    pattern = re.compile(rf"(?<= )({alternatives})(?= )") if phrases else None
    return WordRules(phrases, frozenset(stop), frozenset(free), frozenset(contrast), pattern)


_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def concept_words(name: str) -> str:
    """A concept name as words: "OperatingLeaseRightOfUseAsset" is "operating lease right of use asset"."""
    return normalize(" ".join(_CAMEL.findall(name)))


@dataclass(frozen=True)
class Match:
    concept: ConceptDef
    similarity: float
    said: tuple[str, ...]  # the terms label and concept share
    unsaid: tuple[str, ...]  # concept terms the label does not say (and the position does not imply)


_RANKINGS_KEPT = 20_000  # rankings of label terms kept for reuse; the store is emptied when full


class Vocabulary:
    """Every numeric, current concept of the taxonomy, indexed by the terms of its name."""

    def __init__(self, concepts: Iterable[ConceptDef], rules: WordRules, name_terms: Mapping[str, frozenset[str]] | None = None):
        """name_terms: the terms of each concept's name (name_terms_of), when already derived."""
        self.rules = rules
        self.terms: dict[str, frozenset[str]] = {}
        self.concepts: dict[str, ConceptDef] = {}
        index: dict[str, set[str]] = defaultdict(set)
        for concept in concepts:
            terms = name_terms[concept.name] if name_terms is not None else rules.terms(concept_words(concept.name))
            if not terms:
                continue
            self.terms[concept.qname] = terms
            self.concepts[concept.qname] = concept
            for term in terms:
                index[term].add(concept.qname)
        count = len(self.terms) or 1
        self.weight = {t: math.log(1 + count / len(names)) for t, names in index.items()}
        self.index = {t: tuple(sorted(names)) for t, names in index.items()}
        self.unknown_weight = math.log(1 + count)
        self._rankings: dict[tuple, tuple[Match, ...]] = {}

    def term_weight(self, term: str) -> float:
        return self.weight.get(term, self.unknown_weight)

    def search(self, label_terms: frozenset[str], context_terms: frozenset[str] = frozenset(),
               accept=lambda concept: True, limit: int = 8, floor: float = 0.5) -> tuple[Match, ...]:
        """The concepts most like a label's terms, best first; none below floor. A word no concept
        name has (the company's name, "Verizon") tells no concept from another: it is left out, one
        such word at most, when two words or more remain."""
        found = []
        for match in self._ranked(label_terms, context_terms, floor):
            if accept(match.concept):
                found.append(match)
                if len(found) == limit:
                    break
        return tuple(found)

    def _ranked(self, label_terms: frozenset[str], context_terms: frozenset[str], floor: float) -> tuple[Match, ...]:
        """Every concept at least floor like the terms, best first, whatever the line accepts: labels
        repeat across a document's statements and periods, so the ranking is kept."""
        key = (label_terms, context_terms, floor)
        if key not in self._rankings:
            if len(self._rankings) >= _RANKINGS_KEPT:
                self._rankings.clear()
            self._rankings[key] = self._rank(label_terms, context_terms, floor)
        return self._rankings[key]

    def _rank(self, label_terms: frozenset[str], context_terms: frozenset[str], floor: float) -> tuple[Match, ...]:
        label_terms = without_unknown(label_terms, self.index, 1, self.rules.contrast)
        label_weight = math.fsum(self.term_weight(t) for t in label_terms)
        if not label_weight:
            return ()
        said: dict[str, float] = defaultdict(float)
        for term in sorted(label_terms):  # sums in one order: a hash seed must not change a score
            weight = self.term_weight(term)
            for qname in self.index.get(term, ()):
                said[qname] += weight
        # compare() gives 0 below RECALL_FLOOR of the label's weight less its free words, at most these
        recall_base = (label_weight - math.fsum(self.term_weight(t) for t in label_terms & self.rules.free)) * (1 - 1e-9)
        matches = []
        for qname, weight in said.items():
            if (weight / label_weight) ** (RECALL_POWER / (RECALL_POWER + 1)) < floor:
                continue  # even a concept of no other word would be too unlike
            if floor > 0 and weight < RECALL_FLOOR * recall_base:
                continue  # the concept says too little of the label: compare() would give 0
            match = self.compare(label_terms, context_terms, self.concepts[qname], label_weight)
            if match.similarity >= floor:
                matches.append(match)
        matches.sort(key=lambda m: (-m.similarity, len(self.terms[m.concept.qname]), m.concept.qname))
        return tuple(matches)

    def compare(self, label_terms: frozenset[str], context_terms: frozenset[str], concept: ConceptDef,
                label_weight: float | None = None) -> Match:
        terms = self.terms.get(concept.qname) or self.rules.terms(concept_words(concept.name))
        said = label_terms & terms
        if label_weight is None:
            label_weight = math.fsum(self.term_weight(t) for t in label_terms)
        implied = (terms - said) & (context_terms | self.rules.free)
        unsaid = terms - said - implied
        said_weight = math.fsum(self.term_weight(t) for t in said)
        concept_weight = said_weight + math.fsum(self.term_weight(t) for t in unsaid)
        label_weight -= math.fsum(self.term_weight(t) for t in (label_terms - said) & self.rules.free)
        if not said or label_weight <= 0 or not concept_weight:
            return Match(concept, 0.0, (), tuple(sorted(unsaid)))
        recall, precision = said_weight / label_weight, said_weight / concept_weight
        if recall < RECALL_FLOOR or precision < PRECISION_FLOOR:
            # the label says something the concept does not, or the concept much the label does not
            return Match(concept, 0.0, tuple(sorted(said)), tuple(sorted(unsaid)))
        similarity = (recall ** RECALL_POWER * precision) ** (1 / (RECALL_POWER + 1))
        return Match(concept, similarity, tuple(sorted(said)), tuple(sorted(unsaid)))


_NUMERIC_TYPES = frozenset({"xbrli:monetaryItemType", "xbrli:sharesItemType", "dtr-types:perShareItemType", "num:perShareItemType"})


_LOADED: dict[int, tuple[Taxonomy, Vocabulary]] = {}


def load_vocabulary(taxonomy: Taxonomy) -> Vocabulary:
    """The concepts a statement line can take: us-gaap, current, not abstract, money/shares/per share."""
    if id(taxonomy) not in _LOADED:  # a taxonomy is not hashable; it is kept alive beside its vocabulary
        concepts = [c for q, c in taxonomy.concepts.items() if q.startswith("us-gaap:") and not c.abstract
                    and c.data_type in _NUMERIC_TYPES and not taxonomy.is_deprecated(c.name)]
        rules = load_word_rules()
        names = tuple(c.name for c in concepts)
        key = "\0".join(names).encode() + source_key(taxonomy_dir() / "label-words.csv", __file__, labels_module.__file__)
        terms = cached("name-terms", key, lambda: name_terms_of(names, rules))
        _LOADED[id(taxonomy)] = (taxonomy, Vocabulary(concepts, rules, terms))
    return _LOADED[id(taxonomy)][1]


def name_terms_of(names: Iterable[str], rules: WordRules) -> dict[str, frozenset[str]]:
    """Concept name -> the terms of its words: the part of a vocabulary that takes time to derive."""
    return {name: rules.terms(concept_words(name)) for name in names}


def without_unknown(terms: frozenset[str], known, at_most: int, contrast: frozenset[str]) -> frozenset[str]:
    """A label's terms without those not in `known` (the company's own name), when there are at most
    `at_most` of them and two known terms remain: a label mostly of unknown words is about something
    else. Contrast words are always kept."""
    unknown = {t for t in terms if t not in known} - contrast
    if len(unknown) > at_most or len(terms) - len(unknown) < 2:
        return terms
    return frozenset(terms - unknown)


def label_terms(label: str) -> frozenset[str]:
    return load_word_rules().terms(normalize(label))
