"""Labels companies print that are like a line's label, not the same: retrieval by words over the
observed label table.

An exact observed label ("Total net sales") decides most lines a company shares with others; a
label printed a little differently ("Effect of foreign currency exchange rates on cash, cash
equivalents and restricted cash") finds the labels of the same meaning by their words. Labels are
read as term sets (vocabulary.label_terms), each term weighted by how rare it is among the observed
labels (inverse document frequency), and compared by weighted Dice similarity: twice the weight of
the shared terms over the weight of both; a neighbour must also print nearly every word of the
line's label, and no word that tells alike labels apart (label-words.csv "contrast": "basic" is
no neighbour of "basic and diluted"). The concepts the neighbours were tagged with, counted by
company, become candidates (candidates.neighbour_candidates).
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from .observed import Observation, ObservedLabels
from .vocabulary import label_terms, load_word_rules, without_unknown

NEIGHBOUR_FLOOR = 0.6  # the least similarity of a neighbour label
NEIGHBOURS = 8  # the most similar labels considered
NEIGHBOUR_RECALL = 0.6  # the least share of the line's words (by weight) a neighbour must print too


@dataclass(frozen=True)
class Neighbour:
    label: str
    similarity: float
    observations: tuple[Observation, ...]


class LabelIndex:
    """The observed labels of each statement kind, indexed by their terms."""

    def __init__(self, observed: ObservedLabels):
        labels: dict[tuple[str, str], list[Observation]] = defaultdict(list)
        for observation in observed.observations:
            labels[(observation.kind, observation.label)].append(observation)
        self.terms: dict[tuple[str, str], frozenset[str]] = {}
        self.observations = {key: tuple(found) for key, found in labels.items()}
        self.index: dict[tuple[str, str], set[str]] = defaultdict(set)  # (kind, term) -> labels
        frequency: dict[str, int] = defaultdict(int)
        for (kind, label) in labels:
            terms = label_terms(label)
            self.terms[(kind, label)] = terms
            for term in terms:
                self.index[(kind, term)].add(label)
                frequency[term] += 1
        count = len(labels) or 1
        self.weight = {term: math.log(1 + count / n) for term, n in frequency.items()}
        self.unknown = math.log(1 + count)

    def _weight(self, terms) -> float:
        return math.fsum(self.weight.get(t, self.unknown) for t in terms)  # exact: the same whatever the set's order

    def similar(self, kind: str, label: str) -> list[Neighbour]:
        """The observed labels most like a normalized label (not the label itself), best first."""
        terms = label_terms(label)
        terms = without_unknown(terms, self.weight, 2, load_word_rules().contrast)  # words no company printed (its own name) tell nothing
        if not terms:
            return []
        own = self._weight(terms)
        shared: dict[str, float] = defaultdict(float)
        for term in sorted(terms):  # sums in one order: a hash seed must not change a score
            weight = self.weight.get(term, self.unknown)
            for other in self.index.get((kind, term), ()):
                shared[other] += weight
        found = []
        contrast = load_word_rules().contrast
        for other, weight in shared.items():
            if other == label or (terms ^ self.terms[(kind, other)]) & contrast:
                continue
            similarity = 2 * weight / (own + self._weight(self.terms[(kind, other)]))
            if similarity >= NEIGHBOUR_FLOOR and weight / own >= NEIGHBOUR_RECALL:
                found.append(Neighbour(other, similarity, self.observations[(kind, other)]))
        found.sort(key=lambda n: (-n.similarity, n.label))
        return found[:NEIGHBOURS]


_INDEXES: dict[int, tuple[ObservedLabels, LabelIndex]] = {}


def label_index(observed: ObservedLabels) -> LabelIndex:
    """The index of a label table, built once per table (kept alive beside it)."""
    if id(observed) not in _INDEXES:
        if len(_INDEXES) > 8:
            _INDEXES.clear()  # a benchmark makes one table per company left out
        _INDEXES[id(observed)] = (observed, LabelIndex(observed))
    return _INDEXES[id(observed)][1]
