"""One explainable score per candidate concept of a line: its source's match and the line's place.

score = source weight x strength + the adjustments of the line's position, each recorded as a
feature with its value so that `inspect` can say why a concept won:
  source     an override is the user's word (2.0, above everything); a synonym row is the expert's
             (0.9 a label, 0.8 a pattern, 0.2 more for a row that names the line's place); what
             companies print (observed) counts by the share of companies that tag the label so,
             more when several do, and more for statements of the XBRL era the observations come
             from; the words of a concept's name count least;
  agree      each other source naming the same concepts (combine);
  reading    a label put together from the sections it hangs under is a little less sure;
  network    the concept is presented in the US GAAP networks of the statement's kind;
  class      a "...Current" concept among noncurrent lines, or the reverse, is unlikely;
  activity   a concept the US GAAP cash-flow networks place under another activity;
  no noncontrolling interest  a concept of consolidated or noncontrolling amounts in a document
             that prints no noncontrolling interest;
  side       a credit concept among the assets (or a debit among liabilities and equity), unless US
             GAAP subtracts it from a total (allowances, accumulated depreciation, treasury stock);
  working capital  a noncash adjustment under "Changes in operating assets and liabilities:";
  era        the concept a newer standard put in the place of the one a source names
             (concept-successors.csv), for a statement of that standard's time;
  rank       a later override row matching the same line is a little less likely than an earlier one.
Candidates whose concepts do not exist, are deprecated, do not fit the line's unit or period
type, or belong to a standard not yet in force (concept-eras.csv) are dropped before scoring.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass

from ..resources import taxonomy_dir
from ..statements import StatementKind
from .candidates import NEIGHBOUR, OBSERVED, OVERRIDE, SYNONYM, TAXONOMY, Candidate, LinePlace
from .taxonomy import ConceptDef

SOURCE_WEIGHT = {OVERRIDE: 2.0, SYNONYM: 1.0, OBSERVED: 1.0, NEIGHBOUR: 1.0, TAXONOMY: 0.7}
OBSERVED_BASE = 0.62
OBSERVED_RANGE = 0.16
OBSERVED_QUORUM = 3
# The observed labels come from filings of the XBRL era: they describe how statements of that era
# are printed and tagged better than the synonym rows, written mostly from older documents.
XBRL_ERA = 2009
OBSERVED_MODERN_BASE = 0.62
OBSERVED_MODERN_RANGE = 0.38
NEIGHBOUR_BASE = 0.55  # a label like others that every company tags the same way: 0.5 + 0.3 x similarity
NEIGHBOUR_RANGE = 0.3
AGREEMENT = 0.05  # each other source naming the same concepts
NETWORK_BONUS = 0.06
MISPLACED = 0.3
RANK_STEP = 0.0005
ERA_STEP = 0.02  # the concept a newer standard put in place of the one a source names
VARIANT_STEP = 0.02  # a reading reconstructed from the sections, a little less sure than the label as printed
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
        if self.candidate.source == OVERRIDE:
            return self.candidate.evidence  # the user's word needs no score
        return f"{self.candidate.evidence} [score {self.score:.2f}: {_features_text(self.features)}]"

    def summary(self, taken_by: str = "") -> "Ranked":
        return Ranked(tuple(c.qname for c in self.concepts), self.score, self.candidate.source, self.features,
                      self.candidate.evidence, taken_by)


@dataclass(frozen=True)
class Ranked:
    """A candidate a line did not take, for the reader: its concepts, score and the features that decided."""

    concepts: tuple[str, ...]  # qnames
    score: float
    source: str  # OVERRIDE, SYNONYM, OBSERVED or TAXONOMY
    features: tuple[tuple[str, float], ...]
    evidence: str
    taken_by: str = ""  # the label of the line of the statement that took its concepts with a better claim

    def brief(self) -> str:
        """"us-gaap:X 0.85 (synonym +0.80, agree +0.05)", and "; taken by line '...'" when another line took it."""
        taken = f"; taken by line {self.taken_by!r}" if self.taken_by else ""
        return f"{' '.join(self.concepts)} {self.score:.2f} ({_features_text(self.features)}{taken})"

    def as_json(self) -> dict:
        return {"concepts": list(self.concepts), "score": round(self.score, 2), "source": self.source,
                "features": {name: round(value, 4) for name, value in self.features},
                "evidence": self.evidence, "taken_by": self.taken_by or None}


def _features_text(features: tuple[tuple[str, float], ...]) -> str:
    return ", ".join(f"{name} {value:+.2f}" for name, value in features)


@functools.lru_cache(maxsize=None)
def concept_eras() -> tuple[tuple[str, int], ...]:
    """(name prefix, first year) of the concepts of standards effective from a year (concept-eras.csv)."""
    with (taxonomy_dir() / "concept-eras.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple((row["prefix"], int(row["first_year"])) for row in rows)


def too_early(concept: ConceptDef, year: int | None) -> bool:
    """A concept of a standard that took effect after the statement's latest period."""
    return year is not None and _too_early(concept.name, year)


@functools.lru_cache(maxsize=65536)
def _too_early(name: str, year: int) -> bool:
    return any(year < first and (name == prefix[:-1] if prefix.endswith("$") else name.startswith(prefix))
               for prefix, first in concept_eras())


@functools.lru_cache(maxsize=None)
def presented_in() -> dict[str, frozenset[str]]:
    """qname -> the short names of the statement networks presenting it ("sfp", "soi", "scf", ...)."""
    networks: dict[str, set[str]] = {}
    for row in _rows("presentation.csv"):
        networks.setdefault(row["child"], set()).add(row["network"].split("-")[0])
    return {qname: frozenset(found) for qname, found in networks.items()}


@functools.lru_cache(maxsize=None)
def _rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of one of taxonomy/us-gaap-2024's relationship files, read once."""
    with (taxonomy_dir() / "us-gaap-2024" / name).open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def score(candidate: Candidate, concepts: tuple[ConceptDef, ...], place: LinePlace) -> Scored:
    features: list[tuple[str, float]] = []
    if candidate.source == OBSERVED:
        low, span = (OBSERVED_BASE, OBSERVED_RANGE) if (place.year or 0) < XBRL_ERA else (OBSERVED_MODERN_BASE, OBSERVED_MODERN_RANGE)
        base = low + span * candidate.strength * min(1.0, candidate.support / OBSERVED_QUORUM)
    elif candidate.source == NEIGHBOUR:
        base = NEIGHBOUR_BASE + NEIGHBOUR_RANGE * candidate.strength * min(1.0, candidate.support / OBSERVED_QUORUM)
    else:
        base = candidate.strength
    base *= SOURCE_WEIGHT[candidate.source]
    features.append((candidate.source, base))
    if candidate.successor_of:
        features.append(("era", ERA_STEP))
    if candidate.variant and candidate.source != OVERRIDE:
        features.append(("reading", -VARIANT_STEP * candidate.variant))
    if candidate.source == OVERRIDE and candidate.rank:
        features.append(("rank", -RANK_STEP * candidate.rank))
    if candidate.source in (OBSERVED, NEIGHBOUR, TAXONOMY):
        features.extend(_place_features(concepts[0], place))
    elif candidate.source == SYNONYM:  # a generic pattern ("Other") read with its section
        features.extend(f for f in _place_features(concepts[0], place) if f[0] in ("working capital", "no noncontrolling interest"))
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
    activity = _line_activity(place.context)
    if activity:
        activities = concept_activities().get(concept.qname, frozenset())
        named = {a.lower() for a in ("Operating", "Investing", "Financing") if f"{a}Activities" in name}
        if (named or activities) and activity not in (named or activities):
            found.append(("activity", -MISPLACED))
    if activity == "operating" and _CHANGES.search(place.context.partition("|")[2]) and concept.qname in noncash_concepts():
        found.append(("working capital", -MISPLACED / 2))  # a line under "Changes in assets and liabilities:"
    if not place.nci and _NCI_CONCEPT.search(name):
        found.append(("no noncontrolling interest", -MISPLACED))
    side = _line_side(place.context)
    if side and concept.balance and concept.balance != _SIDE_BALANCE[side] and concept.qname not in contra_concepts():
        found.append(("side", -MISPLACED))
    return found


# Concepts that exist to tell the consolidated amount from the parent's share: for a company without
# noncontrolling interests the parent's concept is the one.
_NCI_CONCEPT = re.compile(r"^ProfitLoss$|AttributableToNoncontrollingInterest|^MinorityInterest|^(?:Redeemable|Nonredeemable)?NoncontrollingInterest")

_SIDE_BALANCE = {"assets": "debit", "liabilities": "credit", "equity": "credit"}


def _tag(context: str, name: str) -> str | None:
    for tag in context.partition("|")[0].split():
        if tag.startswith(name + "="):
            return tag.split("=", 1)[1]
    return None


def _line_activity(context: str) -> str | None:
    activity = _tag(context, "activity")
    return activity if activity in ("operating", "investing", "financing", "supplemental") else None


def _line_side(context: str) -> str | None:
    side = _tag(context, "side")
    return side if side in _SIDE_BALANCE else None


@functools.lru_cache(maxsize=None)
@functools.lru_cache(maxsize=None)
def _scf_parents(files: tuple[str, ...] = ("presentation.csv", "calculations.csv")) -> dict[str, frozenset[str]]:
    """child qname -> its parents in the US GAAP cash-flow networks of these relationship files."""
    parents: dict[str, set[str]] = {}
    for name in files:
        for row in _rows(name):
            if row["network"].startswith("scf"):
                parents.setdefault(row["child"], set()).add(row["parent"])
    return {child: frozenset(found) for child, found in parents.items()}


def _ancestors(qname: str, parents: dict[str, frozenset[str]]) -> set[str]:
    seen, todo = set(), [qname]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def _activity_of_name(qname: str) -> str | None:
    name = qname.split(":")[-1]
    for activity in ("Operating", "Investing", "Financing"):
        if name.startswith(("NetCashProvidedByUsedIn" + activity, "CashFlowsFromUsedIn" + activity)):
            return activity.lower()
    if name.startswith(("NoncashInvestingAndFinancing", "SupplementalCashFlow", "CashPaidFor", "NoncashOrPartNoncash")):
        return "supplemental"
    return None


@functools.lru_cache(maxsize=None)
def concept_activities() -> dict[str, frozenset[str]]:
    """qname -> the cash-flow activities (operating, investing, financing, supplemental) under which
    the US GAAP cash-flow networks present or sum it: the first activity total above it."""
    parents = _scf_parents()
    found: dict[str, frozenset[str]] = {}

    def walk(qname: str, seen: frozenset[str]) -> frozenset[str]:
        if qname in found:
            return found[qname]
        activities: set[str] = set()
        for parent in parents.get(qname, ()):
            if parent in seen:
                continue
            own = _activity_of_name(parent)
            activities |= {own} if own else walk(parent, seen | {parent})
        result = frozenset(activities)
        found[qname] = result
        return result

    for qname in parents:
        walk(qname, frozenset({qname}))
    return {q: a for q, a in found.items() if a}


_CHANGES = re.compile(r"\b(?:changes?|increases?|decreases?)\b.*\b(?:assets|liabilities|working capital|operating)\b")


@functools.lru_cache(maxsize=None)
def noncash_concepts() -> frozenset[str]:
    """The noncash adjustments of the US GAAP cash-flow networks (presented under "Adjustments to
    reconcile..." or "Other noncash ...", not under the changes in operating assets and liabilities)."""
    parents = _scf_parents(("presentation.csv",))
    found = set()
    for qname in parents:
        names = {a.split(":")[-1] for a in _ancestors(qname, parents)}
        if any(n.startswith(("AdjustmentsNoncashItems", "OtherNoncash")) for n in names) and not any(
                n.startswith("IncreaseDecreaseInOperating") for n in names) and "IncreaseDecrease" not in qname:
            found.add(qname)
    return frozenset(found)


@functools.lru_cache(maxsize=None)
def contra_concepts() -> frozenset[str]:
    """Concepts a US GAAP calculation subtracts from a total of the other balance (allowances,
    accumulated depreciation, treasury stock): printed on the side whose balance is not theirs."""
    return frozenset(row["child"] for row in _rows("calculations.csv") if row["weight"].startswith("-"))


def combine(found: list[Scored]) -> list[Scored]:
    """One candidate per set of concepts: the best-scored, plus AGREEMENT for each other source naming
    it (a line of two concepts, "basic and diluted", is named by a source naming either)."""
    best: dict[tuple[str, ...], Scored] = {}
    for scored in found:
        key = tuple(c.qname for c in scored.concepts)
        if key not in best or scored.score > best[key].score:
            best[key] = scored
    combined = []
    for key, scored in best.items():
        sources = {s.candidate.source for s in found
                   if s.concepts and set(c.qname for c in s.concepts) <= set(key)} - {scored.candidate.source}
        if sources and key and scored.candidate.source != OVERRIDE:  # the user's rows keep their own order
            bonus = AGREEMENT * len(sources)
            scored = Scored(scored.candidate, scored.concepts, scored.score + bonus, scored.features + (("agree", bonus),))
        combined.append(scored)
    return combined
