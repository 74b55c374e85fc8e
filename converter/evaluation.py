"""Scoring an instance against an answer key: value recall, concept recall and sign errors.

An answer key (JSON) lists every value of a document's face statements with its period and the
concepts a careful tagger may use:
  {"periods": {"Q07": "2007-04-01/2007-06-30", "I07": "2007-06-30"},
   "lines": [{"label": "Revenues", "concepts": ["Revenues"], "unit": "USD", "values": {"Q07": "6974000"}}]}

value recall   share of key values found as a fact with the same period and signed value (any concept);
               a duration's start, or an instant, may differ by up to 7 days (52/53-week years);
concept recall share of key values found with one of the line's concepts;
sign errors    key values found only with the opposite sign (as ../shared/tools/score.py counts them);
top-3          share of key values found with one of the line's concepts, or whose key concept is among
               the concepts the converter ranked for the line holding them (ScoredFact.ranked: the
               chosen concept and the mapper's first two alternatives), had it ranked better;
extension      share of key lines the company tagged with a US GAAP concept (and no extension_ok) whose
share          values, where found, were found only on extension facts: concepts the converter did not
               find in the taxonomy.
Concepts are compared by local name; facts with dimensions are ignored.

A sign disagreement is explained, and reported as such, when the key itself accounts for it:
  - the company's value contradicts the printed statement's arithmetic: the instance's calculation
    holding the fact foots, and the company reports every other member of it with the same value;
  - the company tagged the line with its own concept (not US GAAP), whose sign convention is its
    own (its balance is not known here), and the instance used another concept;
  - the instance tagged the line with another US GAAP concept that counts the other way on the
    statement's axis (towards cash in a statement of cash flows, else its balance): "Other items"
    added back as OtherNoncashIncomeExpense (income, deducted) where the key has
    OtherOperatingActivitiesCashFlowStatement (as printed). The value is the key's, in the other
    concept's convention; the line is a concept disagreement, not a sign error.
Every other sign disagreement is a sign error of the conversion.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from lxml import etree

if TYPE_CHECKING:
    from .mapping.mapper import MappedLine, MappedStatement

XBRLI = "http://www.xbrl.org/2003/instance"
SLACK_DAYS = 7


@dataclass(frozen=True)
class ScoredFact:
    concept: str  # local name
    period: str  # "2007-06-30" or "2007-04-01/2007-06-30"
    value: Decimal
    is_extension: bool = False  # a company concept, not us-gaap, dei or srt
    ranked: tuple[str, ...] = ()  # the local names ranked for the fact's line, best first (top-3); () unknown


@dataclass(frozen=True)
class Calculation:
    """A summation of the scored instance: total = sum of weight x component (local names)."""

    total: str
    components: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Score:
    total: int
    value_hits: int
    concept_hits: int
    sign_errors: int  # every sign disagreement, explained or not
    misses: tuple[str, ...] = field(default=())
    explained_signs: tuple[str, ...] = field(default=())  # why, for each disagreement the key explains
    top3_hits: int = 0  # concept hits, and values whose line ranked a key concept among its first three
    standard_lines: int = 0  # key lines of a US GAAP concept (not extension_ok) with a value found
    extension_lines: int = 0  # ... whose values were found only on extension facts

    @property
    def unexplained_sign_errors(self) -> int:
        return self.sign_errors - len(self.explained_signs)

    @property
    def top3_agreement(self) -> float:
        return self.top3_hits / self.total if self.total else 0.0

    @property
    def extension_share(self) -> float:
        return self.extension_lines / self.standard_lines if self.standard_lines else 0.0

    @property
    def value_recall(self) -> float:
        return self.value_hits / self.total if self.total else 0.0

    @property
    def concept_recall(self) -> float:
        return self.concept_hits / self.total if self.total else 0.0


def load_key(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def instance_facts(path: Path) -> list[ScoredFact]:
    """The numeric facts without dimensions of an XBRL instance file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.parse(str(path), parser).getroot()
    periods = {c.get("id"): _context_period(c) for c in root.iter(f"{{{XBRLI}}}context")}
    facts = []
    for element in root:
        if not isinstance(element.tag, str) or element.get("unitRef") is None:
            continue
        period = periods.get(element.get("contextRef"))
        if period is None:
            continue
        try:
            value = Decimal((element.text or "").strip())
        except InvalidOperation:
            continue
        qname = etree.QName(element)
        facts.append(ScoredFact(qname.localname, period, value, _is_extension_namespace(qname.namespace or "")))
    return facts


_STANDARD_NAMESPACES = ("fasb.org/", "xbrl.sec.gov/", "xbrl.org/")


def _is_extension_namespace(namespace: str) -> bool:
    return not any(part in namespace for part in _STANDARD_NAMESPACES)


def _context_period(context) -> str | None:
    if any(context.iter(f"{{{XBRLI}}}segment", f"{{{XBRLI}}}scenario")):
        return None
    instant = context.findtext(f".//{{{XBRLI}}}instant")
    if instant:
        return instant.strip()[:10]
    start, end = context.findtext(f".//{{{XBRLI}}}startDate"), context.findtext(f".//{{{XBRLI}}}endDate")
    return f"{start.strip()[:10]}/{end.strip()[:10]}" if start and end else "forever"


def periods_match(fact: str, key: str) -> bool:
    if fact == key:
        return True
    if "/" not in fact and "/" not in key and "forever" not in (fact, key):
        return abs((_day(fact) - _day(key)).days) <= SLACK_DAYS
    if "/" not in fact or "/" not in key:
        return False
    fact_start, fact_end = fact.split("/")
    key_start, key_end = key.split("/")
    return fact_end == key_end and abs((_day(fact_start) - _day(key_start)).days) <= SLACK_DAYS


def _day(text: str) -> date:
    return date.fromisoformat(text)


def score(key: dict, facts: list[ScoredFact], calculations: Iterable[Calculation] = (),
          is_standard: Callable[[str], bool] | None = None) -> Score:
    """Score facts against a key; the instance's calculations and a test for US GAAP concept names
    let sign disagreements the key explains be told from sign errors."""
    by_value: dict[Decimal, list[ScoredFact]] = {}
    for fact in facts:
        by_value.setdefault(fact.value, []).append(fact)

    def facts_at(period: str, value: Decimal) -> list[ScoredFact]:
        return [f for f in by_value.get(value, ()) if periods_match(f.period, period)]

    is_standard = is_standard or _us_gaap_concept
    explain = _SignExplainer(key, facts, tuple(calculations), is_standard)
    total = value_hits = concept_hits = sign_errors = top3_hits = standard_lines = extension_lines = 0
    misses, explained = [], []
    for line in key["lines"]:
        wanted = set(line["concepts"])
        line_facts: list[ScoredFact] = []
        for period_key, raw in line["values"].items():
            period, value = key["periods"][period_key], Decimal(str(raw))
            total += 1
            at = facts_at(period, value)
            line_facts.extend(at)
            found = {f.concept for f in at}
            if found:
                value_hits += 1
                if found & wanted or (line.get("extension_ok") and any(f.is_extension for f in at)):
                    concept_hits += 1  # a line no 2024 us-gaap concept fits accepts a company concept
                    top3_hits += 1
                else:
                    top3_hits += any(wanted.intersection(f.ranked) for f in at)
                    misses.append(f"concept: {line['label']} {period_key}={value} tagged {sorted(found)}, want one of {sorted(wanted)}")
            elif value != 0 and facts_at(period, -value):
                sign_errors += 1
                why = explain(line, period, value)
                misses.append(f"sign: {line['label']} {period_key}={value} found only as {-value}" + (f" ({why})" if why else ""))
                if why:
                    explained.append(f"{line['label']} {period_key}: {why}")
            else:
                misses.append(f"missing: {line['label']} {period_key}={value}")
        if line_facts and not line.get("extension_ok") and any(is_standard(c) for c in wanted):
            standard_lines += 1
            extension_lines += all(f.is_extension for f in line_facts)
    return Score(total, value_hits, concept_hits, sign_errors, tuple(misses), tuple(explained),
                 top3_hits, standard_lines, extension_lines)


class _SignExplainer:
    """Why the key has a value the instance reports with the opposite sign, when the key explains it."""

    def __init__(self, key: dict, facts: list[ScoredFact], calculations: tuple[Calculation, ...],
                 is_standard: Callable[[str], bool]):
        # (statement, period) -> the values the company tags there
        self.key_values: dict[tuple[str, str], set[Decimal]] = {}
        for line in key["lines"]:
            for period_key, raw in line["values"].items():
                self.key_values.setdefault((line.get("statement", ""), key["periods"][period_key]), set()).add(Decimal(str(raw)))
        self.facts = facts
        self.calculations = calculations
        self.is_standard = is_standard

    def __call__(self, line: dict, period: str, value: Decimal) -> str | None:
        culprits = [f for f in self.facts if f.value == -value and periods_match(f.period, period)]
        for fact in culprits:
            for calculation in self.calculations:
                why = self._contradiction(calculation, fact, line.get("statement", ""), value)
                if why:
                    return why
        concepts = line["concepts"]
        if not any(self.is_standard(c) for c in concepts) and not any(f.concept in concepts for f in culprits):
            return f"not comparable: the company's own concept {'/'.join(concepts)} defines its own sign"
        for fact in culprits:
            why = _other_convention(fact.concept, concepts, line.get("statement", ""))
            if why:
                return why
        return None

    def _contradiction(self, calculation: Calculation, fact: ScoredFact, statement: str, value: Decimal) -> str | None:
        members = [calculation.total] + [c for c, _ in calculation.components]
        if fact.concept not in members:
            return None
        ours = {f.concept: f.value for f in self.facts if f.period == fact.period and f.concept in members}
        if len(ours) < len(members) or sum(w * ours[c] for c, w in calculation.components) != ours[calculation.total]:
            return None
        # the other terms as the company tags them in the same statement (a fact of another value
        # that happens to equal the line's is no witness)
        company = {v for (s, p), values in self.key_values.items() if s == statement and periods_match(fact.period, p)
                   for v in values}
        others = [m for m in members if m != fact.concept]
        if not others or any(ours[m] not in company for m in others):
            return None
        terms = " ".join(f"{'+' if w > 0 else '-'} {ours[c]}" for c, w in calculation.components)
        return (f"the company's {value} contradicts the statement's arithmetic: {calculation.total} "
                f"{ours[calculation.total]} = {terms.lstrip('+ ')}, every other term as the company tags it")


_KEY_STATEMENTS = {"balance sheet": "balance_sheet", "income statement": "income", "cash flow": "cash_flow"}


def _other_convention(tagged: str, concepts: list[str], statement: str) -> str | None:
    """Why a value negated is the key's: the instance's US GAAP concept counts the other way from
    every concept of the key line, on the statement's axis; None when it does not."""
    from .mapping.signs import axis
    from .mapping.taxonomy import load_taxonomy
    from .statements import StatementKind

    kind = _KEY_STATEMENTS.get(statement)
    if kind is None or tagged in concepts or not concepts:
        return None
    taxonomy = load_taxonomy()
    ours = taxonomy.concept(tagged)
    theirs = [taxonomy.concept(c) for c in concepts]
    if ours is None or any(c is None for c in theirs):
        return None
    direction = axis(ours, StatementKind(kind), taxonomy)
    if direction is None or any(axis(c, StatementKind(kind), taxonomy) != -direction for c in theirs):
        return None
    return (f"not comparable: {tagged} counts the other way from {'/'.join(concepts)}: "
            "the key's value in the other concept's convention")


def _us_gaap_concept(name: str) -> bool:
    from .mapping.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    return taxonomy.concept(name) is not None or taxonomy.is_deprecated(name)


def model_calculations(instance) -> list[Calculation]:
    """The summations of a converted instance's calculation networks, by local name."""
    if instance is None:
        return []
    result = []
    for network in instance.extension.networks:
        children: dict[str, list[tuple[str, int]]] = {}
        for arc in network.calculation:
            children.setdefault(_local(arc.parent), []).append((_local(arc.child), arc.weight))
        result.extend(Calculation(total, tuple(parts)) for total, parts in children.items())
    return result


def model_facts(instance) -> list[ScoredFact]:
    """The numeric facts of a converted instance, as instance_facts reads them from a file."""
    if instance is None:
        return []
    periods = {c.id: str(c.period) for c in instance.contexts}
    return [ScoredFact(f.concept.name, periods[f.context_id], f.value, f.concept.prefix not in ("us-gaap", "dei", "srt"))
            for f in instance.facts
            if f.unit_id is not None and isinstance(f.value, Decimal) and f.context_id in periods]


def _local(qname: str) -> str:
    return qname.rsplit(":", 1)[-1]


def ranked_facts(facts: list[ScoredFact], instance, mapped: Iterable[MappedStatement]) -> list[ScoredFact]:
    """The scored facts with the concepts the mapper ranked for the line each came from (ScoredFact.ranked).

    An instance fact is traced to its statement line by the printed cell it was read from (Fact.source
    is the cell's SourceRef, one per cell), so its period, sign and scale are the instance's own and
    nothing of the build is redone here; it meets the scored fact by concept, period and value.
    """
    if instance is None:
        return list(facts)
    line_of = {value.source: line for statement in mapped for line in statement.lines
               for value in line.line.values if value is not None}
    periods = {c.id: str(c.period) for c in instance.contexts}
    ranks: dict[tuple[str, str, Decimal], tuple[str, ...]] = {}
    for fact in instance.facts:
        line = line_of.get(fact.source)
        if line is None or fact.context_id not in periods or not isinstance(fact.value, Decimal):
            continue
        where = (fact.concept.name, periods[fact.context_id], fact.value)
        ranks[where] = tuple(dict.fromkeys(ranks.get(where, ()) + line_ranks(line)))
    return [replace(f, ranked=ranks.get((f.concept, f.period, f.value), f.ranked)) for f in facts]


def line_ranks(line: MappedLine) -> tuple[str, ...]:
    """The local names of a mapped line's chosen concepts and of its first two alternatives, best first."""
    alternatives = [qname for alternative in line.alternatives[:2] for qname in alternative.split()]
    return tuple(dict.fromkeys([c.name for c in line.concepts] + [_local(q) for q in alternatives]))
