"""One explainable score per candidate concept of a line: its source's match and the line's place.

score = source weight x strength + the adjustments of the line's position, each recorded as a
feature with its value so that `inspect` can say why a concept won:
  source     an override is the user's word (1.0 and above everything); a synonym row is the
             expert's (0.9 a label, 0.8 a pattern); what companies print (observed) counts by the
             share of companies that tag the label so, more when several do; the words of a
             concept's name count least;
  network    the concept is presented in the US GAAP networks of the statement's kind;
  class      a "...Current" concept among noncurrent lines, or the reverse, is unlikely;
  activity   an investing concept among the financing lines of a cash flow, or the like;
  rank       a later override row matching the same line is a little less likely than an earlier one.
Candidates whose concepts do not exist, are deprecated, or do not fit the line's unit or period
type are dropped before scoring (mapper._fitting).
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from ..resources import taxonomy_dir
from ..statements import StatementKind
from .candidates import OBSERVED, OVERRIDE, SYNONYM, TAXONOMY, Candidate, LinePlace
from .taxonomy import ConceptDef

SOURCE_WEIGHT = {OVERRIDE: 2.0, SYNONYM: 1.0, OBSERVED: 1.0, TAXONOMY: 0.7}
OBSERVED_BASE = 0.7  # a label every company tags the same way, seen at OBSERVED_QUORUM companies, scores 0.7 + 0.3
OBSERVED_RANGE = 0.3
OBSERVED_QUORUM = 3
NETWORK_BONUS = 0.06
MISPLACED = 0.3
RANK_STEP = 0.0005
EXTENSION_BELOW = 0.62  # no candidate this good: the line becomes a company extension concept

_KIND_NETWORKS = {
    StatementKind.BALANCE_SHEET.value: ("sfp",),
    StatementKind.INCOME.value: ("soi",),
    StatementKind.COMPREHENSIVE_INCOME.value: ("soc", "soi"),
    StatementKind.CASH_FLOW.value: ("scf",),
    StatementKind.EQUITY.value: ("sheci",),
}


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    concepts: tuple[ConceptDef, ...]
    score: float
    features: tuple[tuple[str, float], ...]

    def explanation(self) -> str:
        parts = ", ".join(f"{name} {value:+.2f}" for name, value in self.features)
        return f"{self.candidate.evidence} [score {self.score:.2f}: {parts}]"


@functools.lru_cache(maxsize=None)
def concept_eras() -> tuple[tuple[str, int], ...]:
    """(name prefix, first year) of the concepts of standards effective from a year (concept-eras.csv)."""
    with (taxonomy_dir() / "concept-eras.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple((row["prefix"], int(row["first_year"])) for row in rows)


def too_early(concept: ConceptDef, year: int | None) -> bool:
    """A concept of a standard that took effect after the statement's latest period."""
    return year is not None and any(year < first and (concept.name == prefix[:-1] if prefix.endswith("$") else concept.name.startswith(prefix))
                                    for prefix, first in concept_eras())


@functools.lru_cache(maxsize=None)
def presented_in() -> dict[str, frozenset[str]]:
    """qname -> the short names of the statement networks presenting it ("sfp", "soi", "scf", ...)."""
    networks: dict[str, set[str]] = {}
    with (taxonomy_dir() / "us-gaap-2024" / "presentation.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            networks.setdefault(row["child"], set()).add(row["network"].split("-")[0])
    return {qname: frozenset(found) for qname, found in networks.items()}


def score(candidate: Candidate, concepts: tuple[ConceptDef, ...], place: LinePlace) -> Scored:
    features: list[tuple[str, float]] = []
    if candidate.source == OBSERVED:
        base = OBSERVED_BASE + OBSERVED_RANGE * candidate.strength * min(1.0, candidate.support / OBSERVED_QUORUM)
    else:
        base = candidate.strength
    base *= SOURCE_WEIGHT[candidate.source]
    features.append((candidate.source, base))
    if candidate.source == OVERRIDE and candidate.rank:
        features.append(("rank", -RANK_STEP * candidate.rank))
    if candidate.source in (OBSERVED, TAXONOMY):
        features.extend(_place_features(concepts[0], place))
    return Scored(candidate, concepts, sum(value for _, value in features), tuple(features))


def _place_features(concept: ConceptDef, place: LinePlace) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []
    networks = presented_in().get(concept.qname, frozenset())
    if networks & set(_KIND_NETWORKS.get(place.kind, ())):
        found.append(("network", NETWORK_BONUS))
    name = concept.name
    if "current" in place.terms and "Noncurrent" in name:
        found.append(("class", -MISPLACED))
    elif "noncurrent" in place.terms and name.endswith("Current") and not name.endswith("Noncurrent"):
        found.append(("class", -MISPLACED))
    activity = next((a for a in ("operating", "investing", "financing") if a in place.terms and "activity" in place.terms), None)
    if activity:
        named = [a for a in ("Operating", "Investing", "Financing") if f"{a}Activities" in name]
        if named and activity.capitalize() not in named:
            found.append(("activity", -MISPLACED))
    return found
